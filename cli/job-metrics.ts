/*
 * The loss of a completed job, from the files Bedrock writes under its output
 * S3 URI, in `model-customization-job-<job id>/` (Bedrock user guide, "Analyze
 * the results of a model customization job":
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-analyze.html).
 *
 * Each file is read with GetObject at its key, so s3:GetObject on the job's
 * folder is all it takes. Without s3:ListBucket, S3 answers a missing object
 * with 403 instead of 404
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html), so an
 * absent file cannot be told from a denied one. That matters for the
 * validation file: it exists only when the job had validators, and its key is
 * the guide's or one folder deeper (where AWS's samples read it), so it is
 * asked for only for a job with validators, at each key in turn, and a file S3
 * will not give never costs the training chart.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Clients } from './context';
import { CliError, explain, isDenied } from './errors';
import { LossSeries, TRAINING_METRICS_KEY, VALIDATION_METRICS_KEYS, parseTrainingMetrics, parseValidationMetrics } from './metrics';

/** What became of the validation file. */
export type ValidationRead =
  /** Read from `file`. */
  | { readonly status: 'read'; readonly file: string }
  /** The job had no validators: Bedrock wrote no file, none was asked for. */
  | { readonly status: 'none' }
  /** 404 at every key (a caller holding s3:ListBucket): not there. */
  | { readonly status: 'missing'; readonly tried: readonly string[] }
  /** 403 at some key and read at none: denied, or missing to a caller without s3:ListBucket. */
  | { readonly status: 'unreadable'; readonly tried: readonly string[] }
  /** Any other failure (throttling past the retries, a file that does not parse): reported after the training chart. */
  | { readonly status: 'failed'; readonly message: string };

export interface JobMetrics {
  /** The S3 URI of the job's folder of artifacts. */
  readonly folder: string;
  /** The S3 URIs of the files read. */
  readonly files: { readonly training?: string; readonly validation?: string };
  readonly series: LossSeries;
  readonly validation: ValidationRead;
}

export interface JobLocation {
  readonly jobArn: string;
  /** outputDataConfig.s3Uri of the job. */
  readonly outputS3Uri: string;
  /** How many validation data sets the job had: none, no validation file. */
  readonly validators: number;
}

const GET_OBJECT = { operation: 'GetObject', action: 's3:GetObject (and s3:ListBucket, without which S3 reports a missing file as denied)' };

/** The job's metrics; a training file that cannot be read is an error (Bedrock writes it for every completed job). */
export async function readJobMetrics(clients: Clients, job: JobLocation): Promise<JobMetrics> {
  const folder = metricsFolder(job);
  const trainingUri = s3Uri(folder.bucket, folder.prefix + TRAINING_METRICS_KEY);
  const training = await getObject(clients, folder.bucket, folder.prefix + TRAINING_METRICS_KEY);
  if ('missing' in training) {
    throw new CliError(`No training metrics at ${trainingUri}: Bedrock writes them when a job completes; were they moved or deleted?`);
  }
  if ('denied' in training) throw explain(training.denied, { ...GET_OBJECT, resource: trainingUri });
  const trainingPoints = parseTrainingMetrics(training.body, trainingUri);
  const validation = job.validators > 0 ? await readValidation(clients, folder) : { read: { status: 'none' as const } };
  return {
    folder: s3Uri(folder.bucket, folder.prefix),
    files: { training: trainingUri, validation: validation.read.status === 'read' ? validation.read.file : undefined },
    series: { training: trainingPoints, validation: validation.points ?? [] },
    validation: validation.read,
  };
}

/** The validation file at the first key that gives it; whatever goes wrong is an outcome, not an error. */
async function readValidation(clients: Clients, folder: MetricsFolder): Promise<{ read: ValidationRead; points?: LossSeries['validation'] }> {
  const tried: string[] = [];
  let denied = false;
  try {
    for (const key of VALIDATION_METRICS_KEYS) {
      const uri = s3Uri(folder.bucket, folder.prefix + key);
      tried.push(uri);
      const object = await getObject(clients, folder.bucket, folder.prefix + key);
      if ('denied' in object) denied = true;
      else if ('body' in object) return { read: { status: 'read', file: uri }, points: parseValidationMetrics(object.body, uri) };
    }
  } catch (e) {
    // A CliError from getObject, or a MetricsParseError: both name the file.
    return { read: { status: 'failed', message: (e as Error).message } };
  }
  return { read: { status: denied ? 'unreadable' : 'missing', tried } };
}

interface MetricsFolder {
  readonly bucket: string;
  readonly prefix: string;
}

/** The bucket and key prefix of the job's folder: `<output prefix>/model-customization-job-<job id>/`. */
export function metricsFolder(job: Pick<JobLocation, 'jobArn' | 'outputS3Uri'>): MetricsFolder {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(job.outputS3Uri);
  if (!match) throw new CliError(`The job's output location is not an S3 URI: ${job.outputS3Uri}`);
  const [, bucket, path] = match;
  const jobId = job.jobArn.split('/').pop();
  const base = path.replace(/\/+$/, '');
  return { bucket, prefix: `${base ? `${base}/` : ''}model-customization-job-${jobId}/` };
}

/** The object's text, or 404 (missing), or 403 (denied, which may also mean missing); any other failure is a CliError. */
async function getObject(clients: Clients, bucket: string, key: string): Promise<{ body: string } | { missing: true } | { denied: unknown }> {
  try {
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { body: (await object.Body?.transformToString('utf-8')) ?? '' };
  } catch (e) {
    if ((e as { name?: string }).name === 'NoSuchKey') return { missing: true };
    if (isDenied(e)) return { denied: e };
    throw explain(e, { ...GET_OBJECT, resource: s3Uri(bucket, key) });
  }
}

/** The line that says what became of the validation file, or nothing when there is nothing to say. */
export function validationNote(read: ValidationRead): string | undefined {
  switch (read.status) {
    case 'unreadable':
      return `Validation metrics: not readable (s3:ListBucket tells missing from denied): S3 answered 403 at ${read.tried.join(' and ')}.`;
    case 'missing':
      return `Validation metrics: none at ${read.tried.join(' or ')}, though the job had validators: were they moved or deleted?`;
    default:
      return undefined;
  }
}

function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
