/*
 * The loss of a completed job, from the files Bedrock writes under its output
 * S3 URI, in `model-customization-job-<job id>/` (Bedrock user guide, "Analyze
 * the results of a model customization job":
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-analyze.html).
 *
 * Each file is read with GetObject at its documented key, so s3:GetObject on
 * the job's folder is all it takes. Without s3:ListBucket, S3 answers a
 * missing object with 403 instead of 404
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html), so an
 * absent validation file cannot be told from a denied one: the message says so.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Clients } from './context';
import { CliError, explain } from './errors';
import { LossSeries, TRAINING_METRICS_KEY, VALIDATION_METRICS_KEY, parseTrainingMetrics, parseValidationMetrics } from './metrics';

export interface JobMetrics {
  /** The S3 URI of the job's folder of artifacts. */
  readonly folder: string;
  /** The S3 URIs of the files read; a file Bedrock did not write (no validation data) is absent. */
  readonly files: { readonly training?: string; readonly validation?: string };
  readonly series: LossSeries;
}

export interface JobLocation {
  readonly jobArn: string;
  /** outputDataConfig.s3Uri of the job. */
  readonly outputS3Uri: string;
}

/** The job's metrics; a missing training file is an error (Bedrock writes it for every completed job). */
export async function readJobMetrics(clients: Clients, job: JobLocation): Promise<JobMetrics> {
  const folder = metricsFolder(job);
  const training = await readObject(clients, folder.bucket, `${folder.prefix}${TRAINING_METRICS_KEY}`);
  if (training === undefined) {
    throw new CliError(`No training metrics at ${s3Uri(folder.bucket, folder.prefix + TRAINING_METRICS_KEY)}: `
      + 'Bedrock writes them when a job completes; were they moved or deleted?');
  }
  const validation = await readObject(clients, folder.bucket, `${folder.prefix}${VALIDATION_METRICS_KEY}`);
  return {
    folder: s3Uri(folder.bucket, folder.prefix),
    files: {
      training: training.uri,
      validation: validation?.uri,
    },
    series: {
      training: parseTrainingMetrics(training.body, training.uri),
      validation: validation ? parseValidationMetrics(validation.body, validation.uri) : [],
    },
  };
}

/** The bucket and key prefix of the job's folder: `<output prefix>/model-customization-job-<job id>/`. */
export function metricsFolder(job: JobLocation): { readonly bucket: string; readonly prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(job.outputS3Uri);
  if (!match) throw new CliError(`The job's output location is not an S3 URI: ${job.outputS3Uri}`);
  const [, bucket, path] = match;
  const jobId = job.jobArn.split('/').pop();
  const base = path.replace(/\/+$/, '');
  return { bucket, prefix: `${base ? `${base}/` : ''}model-customization-job-${jobId}/` };
}

async function readObject(clients: Clients, bucket: string, key: string): Promise<{ uri: string; body: string } | undefined> {
  const uri = s3Uri(bucket, key);
  try {
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return { uri, body: (await object.Body?.transformToString('utf-8')) ?? '' };
  } catch (e) {
    if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
    throw explain(e, { operation: 'GetObject', action: 's3:GetObject (and s3:ListBucket, without which S3 reports a missing file as denied)', resource: uri });
  }
}

function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
