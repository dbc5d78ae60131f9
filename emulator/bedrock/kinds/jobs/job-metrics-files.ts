/*
 * The metrics files Bedrock writes under a job's output S3 URI when the job
 * completes ("Analyze the results of a model customization job",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-analyze.html):
 *
 *   model-customization-job-<job id>/training_artifacts/step_wise_training_metrics.csv
 *     step_number,epoch_number,training_loss,perplexity
 *   model-customization-job-<job id>/<VALIDATION_METRICS_KEYS[key]>   (only with validation data)
 *     step_number,epoch_number,validation_loss,perplexity
 *
 * The guide gives the validation file's columns as the training file's with
 * validation_loss in place of training_loss, so perplexity keeps its name. Its
 * key is where sources disagree (VALIDATION_METRICS_KEYS): the emulator writes
 * the samples' key by default, the reading that hurts a reader of the guide's
 * key most (without s3:ListBucket it is answered 403, as if denied).
 *
 * Content is a function of the job's settings and losses alone (no randomness,
 * not the job id): STEPS_PER_EPOCH steps for each of the epochCount
 * hyperparameter's epochs (DEFAULT_EPOCH_COUNT when absent or not a positive
 * integer), steps and epochs from 0. Training loss decays smoothly from
 * TRAINING_LOSS_START to the job's training loss with a small wiggle that
 * fades out, so the last row holds exactly the loss GetModelCustomizationJob
 * reports; validation has one row per epoch, at the epoch's last step, from
 * halfway between the start and the end down to the job's validation loss.
 * Perplexity is exp(loss). Values have METRIC_DECIMALS decimals; the
 * reported losses are rounded alike so that both agree.
 */
import { parseS3Uri } from '../../../shared/s3-uri';

export const STEPS_PER_EPOCH = 10;
export const DEFAULT_EPOCH_COUNT = 2;
export const TRAINING_LOSS_START = 2.5;
export const METRIC_DECIMALS = 6;

export const TRAINING_METRICS_HEADER = 'step_number,epoch_number,training_loss,perplexity';
export const VALIDATION_METRICS_HEADER = 'step_number,epoch_number,validation_loss,perplexity';

/** The training file, under the job's folder. */
export const TRAINING_METRICS_FILE = 'training_artifacts/step_wise_training_metrics.csv';

/** Where the validation file may be, under the job's folder. */
export const VALIDATION_METRICS_KEYS = {
  /** The user guide's tree: validation_artifacts/ - post_fine_tuning_validation/ - validation_metrics.csv. */
  userGuide: 'validation_artifacts/post_fine_tuning_validation/validation_metrics.csv',
  /**
   * One folder deeper, as AWS's sample code reads it (aws-samples, MIT-0: a
   * SageMaker Pipelines evaluation step and a fine-tuning notebook helper,
   * `.../post_fine_tuning_validation/validation/validation_metrics.csv`).
   */
  awsSamples: 'validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv',
} as const;

/** Which of VALIDATION_METRICS_KEYS a job writes. */
export type ValidationMetricsKey = keyof typeof VALIDATION_METRICS_KEYS;

/** The default: the key a reader of the guide does not find. */
export const DEFAULT_VALIDATION_METRICS_KEY: ValidationMetricsKey = 'awsSamples';

/** What the files derive from: the job's request and its outcome. */
export interface MetricsSource {
  readonly jobArn: string;
  /** The `<id>` of the folder's name (JobRules.artifactsFolder). Default: the last segment of jobArn. */
  readonly folderId?: string;
  readonly outputS3Uri: string;
  readonly hyperParameters?: Readonly<Record<string, string>>;
  /** Validation data sets: no validation file without any. */
  readonly validators: number;
  /** Default: DEFAULT_VALIDATION_METRICS_KEY. */
  readonly validationKey?: ValidationMetricsKey;
  /** The reported losses (already rounded by roundMetric). */
  readonly trainingLoss: number;
  readonly validationLoss: number;
}

export interface MetricsFile {
  readonly bucket: string;
  readonly key: string;
  readonly body: string;
}

/** A loss as the files write it and the job reports it. */
export function roundMetric(value: number): number {
  return Number(value.toFixed(METRIC_DECIMALS));
}


/** The folder of a job's artifacts: model-customization-job-<last segment of the job ARN>, or of `folderId`. */
export function jobArtifactsFolder(jobArn: string, folderId = jobArn.slice(jobArn.lastIndexOf('/') + 1)): string {
  return `model-customization-job-${folderId}`;
}

export function jobMetricsFiles(source: MetricsSource): MetricsFile[] {
  const { bucket, prefix } = parseS3Uri(source.outputS3Uri);
  const folder = [prefix, jobArtifactsFolder(source.jobArn, source.folderId)].filter((part) => part !== '').join('/');
  const epochs = epochCount(source.hyperParameters);
  const steps = epochs * STEPS_PER_EPOCH;
  const training = Array.from({ length: steps }, (_, step) => {
    const loss = curve(TRAINING_LOSS_START, source.trainingLoss, step, steps);
    return row(step, Math.floor(step / STEPS_PER_EPOCH), loss);
  });
  const files = [{ bucket, key: `${folder}/${TRAINING_METRICS_FILE}`, body: csv(TRAINING_METRICS_HEADER, training) }];
  if (source.validators > 0) {
    const start = (TRAINING_LOSS_START + source.validationLoss) / 2;
    const validation = Array.from({ length: epochs }, (_, epoch) => {
      const loss = curve(start, source.validationLoss, epoch, epochs);
      return row((epoch + 1) * STEPS_PER_EPOCH - 1, epoch, loss);
    });
    const key = `${folder}/${VALIDATION_METRICS_KEYS[source.validationKey ?? DEFAULT_VALIDATION_METRICS_KEY]}`;
    files.push({ bucket, key, body: csv(VALIDATION_METRICS_HEADER, validation) });
  }
  return files;
}

/** The epochCount hyperparameter (every model family's name for it), or the default. */
export function epochCount(hyperParameters: Readonly<Record<string, string>> = {}): number {
  const value = Number(hyperParameters.epochCount);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_EPOCH_COUNT;
}

/**
 * Point i of n from `start` to `end`: an exponential decay normalised to end
 * exactly at `end`, plus a deterministic wiggle that fades to nothing there.
 */
function curve(start: number, end: number, i: number, n: number): number {
  if (n <= 1 || i === n - 1) return end;
  const t = i / (n - 1);
  const decay = (Math.exp(-4 * t) - Math.exp(-4)) / (1 - Math.exp(-4));
  const wiggle = 0.04 * Math.max(start, end) * Math.sin(i * 2.3) * (1 - t);
  return Math.max(0, end + (start - end) * decay + wiggle);
}

function row(step: number, epoch: number, loss: number): string {
  const rounded = roundMetric(loss);
  return `${step},${epoch},${rounded.toFixed(METRIC_DECIMALS)},${Math.exp(rounded).toFixed(METRIC_DECIMALS)}`;
}

function csv(header: string, rows: readonly string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}
