import { Token, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { factoryError } from './private/synth-errors';

/** Where a model source is, once bound. */
export interface ModelSourceLocation {
  /** The bucket of the model artifacts. */
  readonly bucket: s3.IBucket;
  /** The prefix the artifacts are under (empty, or ending in '/'). */
  readonly prefix: string;
  /** `s3://<bucket>/<prefix>`. */
  readonly s3Uri: string;
}

/**
 * Where the files of a model to import are, in S3: for a `NovaModelImport`,
 * the location in the Amazon-managed bucket that SageMaker AI writes a trained
 * Amazon Nova model to; for a `ModelImportJob`, the prefix of an open-weight
 * model's files in the Hugging Face layout.
 */
export abstract class ModelSource {
  /**
   * The files under an S3 URI, `s3://<bucket>/<prefix>` (for a SageMaker AI-trained model, as SageMaker AI reports it).
   * The URI must be a literal: use `fromBucket` for a bucket known at deploy time only.
   */
  public static fromS3Uri(s3Uri: string): ModelSource {
    if (Token.isUnresolved(s3Uri)) {
      throw factoryError('ModelSource.fromS3Uri', 's3Uri must be known at synthesis (not a token)',
        'Use ModelSource.fromBucket for a bucket known at deploy time only');
    }
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(s3Uri);
    if (!match) {
      throw factoryError('ModelSource.fromS3Uri', `s3Uri '${s3Uri}' is not an S3 URI (s3://<bucket>/<prefix>)`,
        'Give the S3 URI of the model artifacts as SageMaker AI reports it');
    }
    const [, bucketName, prefix] = match;
    return new class extends ModelSource {
      public bind(scope: Construct): ModelSourceLocation {
        return locationOf(s3.Bucket.fromBucketName(scope, 'ModelSourceBucket', bucketName), prefix);
      }
    }();
  }

  /** The files under `prefix` in `bucket`. */
  public static fromBucket(bucket: s3.IBucket, prefix: string): ModelSource {
    return new class extends ModelSource {
      public bind(): ModelSourceLocation {
        return locationOf(bucket, prefix);
      }
    }();
  }

  /** The location, with any construct it needs made under `scope`. */
  public abstract bind(scope: Construct): ModelSourceLocation;
}

/** A prefix names a folder: reading under `folder` must not reach `folder2/`. */
function locationOf(bucket: s3.IBucket, prefix: string): ModelSourceLocation {
  const folder = prefix === '' || Token.isUnresolved(prefix) || prefix.endsWith('/') ? prefix : `${prefix}/`;
  return { bucket, prefix: folder, s3Uri: `s3://${bucket.bucketName}/${folder}` };
}
