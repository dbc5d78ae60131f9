import * as fs from 'fs';
import { Token, aws_s3 as s3, aws_s3_assets as s3_assets } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MetadataFilter } from './metadata-filter';
import { invocationLogsFolder } from '../invocation-logging/logging-paths';
import { propError } from '../private/synth-errors';

/**
 * An S3 object that a job reads, as bound to a construct.
 */
export interface S3DataLocation {
  /** The bucket that holds the object. */
  readonly bucket: s3.IBucket;
  /** The object key. */
  readonly key: string;
}

/**
 * How a job reads Bedrock model invocation logs as training data.
 */
export interface InvocationLogsOptions {
  /**
   * Train on the logged responses as they are. Otherwise Bedrock uses the
   * logged prompts only, and has the teacher model answer them again.
   *
   * @default false
   */
  readonly usePromptResponse?: boolean;

  /**
   * Which logged invocations to use, by their request metadata.
   *
   * @default - every logged invocation under the prefix
   */
  readonly filter?: MetadataFilter;
}

/**
 * Training data as bound to a job: one object, or the prefix of invocation logs.
 */
export interface TrainingDataLocation extends S3DataLocation {
  /**
   * Set when `key` is the prefix of Bedrock model invocation logs rather than one file.
   *
   * @default - `key` is one JSONL file
   */
  readonly invocationLogs?: InvocationLogsOptions;
}

/**
 * Training data of a customization job: one JSONL file in S3, or Bedrock
 * model invocation logs.
 */
export abstract class TrainingData {
  /** An object in a bucket. */
  public static fromBucket(bucket: s3.IBucket, key: string): TrainingData {
    return new BoundTrainingData(() => ({ bucket, key }));
  }

  /**
   * A local file, uploaded as a file asset when the app is deployed.
   *
   * @param path the path of a single file (directories are rejected: they would be zipped)
   */
  public static fromAsset(path: string, options: s3_assets.AssetOptions = {}): TrainingData {
    return new BoundTrainingData((scope) => bindLocalFile(scope, 'TrainingData.fromAsset', path, options));
  }

  /**
   * The Bedrock model invocation logs that model invocation logging delivers
   * to a bucket, for distillation (and reinforcement fine-tuning).
   *
   * The job reads the objects under `<prefix>/`, where Bedrock delivers them
   * (`<prefix>/AWSLogs/<account>/BedrockModelInvocationLogs/`), and its
   * service role may read those only.
   *
   * @param prefix the logging configuration's key prefix (`InvocationLogging`'s `s3.keyPrefix`), with or without its
   * trailing slash; '' for none. A value known only at deploy time is read as it is.
   * @example TrainingData.fromInvocationLogs(logs, 'bedrock', { filter: MetadataFilter.stringEquals('project', 'runbooks') })
   */
  public static fromInvocationLogs(bucket: s3.IBucket, prefix: string, options: InvocationLogsOptions = {}): TrainingData {
    // The folder, not the bare prefix: 'logs' must not also read 'logs-large-data/'.
    const key = Token.isUnresolved(prefix) ? prefix : invocationLogsFolder(prefix);
    return new BoundTrainingData(() => ({ bucket, key, invocationLogs: options }));
  }

  /**
   * Resolves this data to a bucket and key (or prefix of invocation logs).
   *
   * @param scope a construct of its own for this data (a file asset is created in it)
   */
  public abstract bind(scope: Construct): TrainingDataLocation;
}

/**
 * One validation data set of a customization job: one JSONL file in S3.
 */
export abstract class ValidationData {
  /** An object in a bucket. */
  public static fromBucket(bucket: s3.IBucket, key: string): ValidationData {
    return new BoundValidationData(() => ({ bucket, key }));
  }

  /**
   * A local file, uploaded as a file asset when the app is deployed.
   *
   * @param path the path of a single file (directories are rejected: they would be zipped)
   */
  public static fromAsset(path: string, options: s3_assets.AssetOptions = {}): ValidationData {
    return new BoundValidationData((scope) => bindLocalFile(scope, 'ValidationData.fromAsset', path, options));
  }

  /**
   * Resolves this data to a bucket and key.
   *
   * @param scope a construct of its own for this data
   */
  public abstract bind(scope: Construct): S3DataLocation;
}

/**
 * Where a customization job writes its output (metrics and artifacts).
 */
export class OutputData {
  /**
   * A prefix in a bucket.
   *
   * @param prefix the key prefix the job writes under. Default: the root of the bucket.
   */
  public static fromBucket(bucket: s3.IBucket, prefix: string = ''): OutputData {
    return new OutputData(bucket, prefix);
  }

  /** The bucket the job writes to. */
  public readonly bucket: s3.IBucket;
  /** The key prefix the job writes under. */
  public readonly prefix: string;

  private constructor(bucket: s3.IBucket, prefix: string) {
    this.bucket = bucket;
    this.prefix = prefix;
  }
}

type Binder<T = S3DataLocation> = (scope: Construct) => T;

class BoundTrainingData extends TrainingData {
  constructor(private readonly binder: Binder<TrainingDataLocation>) {
    super();
  }
  public bind(scope: Construct): TrainingDataLocation {
    return this.binder(scope);
  }
}

class BoundValidationData extends ValidationData {
  constructor(private readonly binder: Binder) {
    super();
  }
  public bind(scope: Construct): S3DataLocation {
    return this.binder(scope);
  }
}

/** Checked at bind time, so errors name the data's construct (the job's `TrainingData` or `ValidationData<n>`). */
function bindLocalFile(scope: Construct, factory: string, path: string, options: s3_assets.AssetOptions): S3DataLocation {
  if (!fs.existsSync(path)) {
    throw propError(scope, `${factory} path '${path}' does not exist`,
      'Give the path of a JSONL file (a relative path is read from the directory the app runs in)');
  }
  // Folder assets are uploaded as zip archives, which Bedrock cannot read.
  if (!fs.statSync(path).isFile()) {
    throw propError(scope, `${factory} path '${path}' is a directory, which would be uploaded as a zip archive that Bedrock cannot read`,
      'Give a single file');
  }
  const asset = new s3_assets.Asset(scope, 'Asset', { ...options, path });
  return { bucket: asset.bucket, key: asset.s3ObjectKey };
}
