import { aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { S3DataLocation } from '../model-customization-job/data';

/**
 * Read on exactly these objects: GetObject on each, and ListBucket on each bucket
 * restricted by `s3:prefix` to the objects' keys.
 */
export function grantRead(grantee: iam.IGrantable, locations: S3DataLocation[]): iam.Grant[] {
  const grants: iam.Grant[] = [];
  for (const [bucket, keys] of groupByBucket(locations)) {
    grants.push(iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject'],
      resourceArns: keys.map((key) => bucket.arnForObjects(key)),
    }));
    grants.push(iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [bucket.bucketArn],
      conditions: { StringEquals: { 's3:prefix': keys } },
    }));
    bucket.encryptionKey?.grantDecrypt(grantee);
  }
  return grants;
}

/**
 * Read under a prefix only (Bedrock model invocation logs): GetObject on the
 * objects under it, and ListBucket restricted by `s3:prefix` to it.
 */
export function grantReadPrefix(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string): iam.Grant[] {
  bucket.encryptionKey?.grantDecrypt(grantee);
  return [
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetObject'], resourceArns: [bucket.arnForObjects(`${prefix}*`)] }),
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
    }),
  ];
}

/**
 * Write under a prefix only. With a KMS key, encrypt and decrypt: S3 decrypts
 * the parts of a multipart upload to complete it, with the caller's rights.
 */
export function grantWrite(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string): iam.Grant {
  bucket.encryptionKey?.grantEncryptDecrypt(grantee);
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['s3:PutObject'],
    resourceArns: [bucket.arnForObjects(`${prefix}*`)],
  });
}

function groupByBucket(locations: S3DataLocation[]): Map<s3.IBucket, string[]> {
  const byBucket = new Map<s3.IBucket, string[]>();
  for (const { bucket, key } of locations) {
    const keys = byBucket.get(bucket) ?? [];
    if (!keys.includes(key)) keys.push(key);
    byBucket.set(bucket, keys);
  }
  return byBucket;
}
