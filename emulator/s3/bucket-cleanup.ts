/*
 * The bucket operations that empty a bucket before it is deleted, as the
 * AWS CDK's auto-delete-objects handler does (autoDeleteObjects): read the
 * bucket's tags, list its object versions, delete them in batches.
 * The buckets are unversioned: each object is its one version, "null".
 */
import { S3Error } from './errors';
import { ObjectStore } from './object-store';
import { DECLARATION, NAMESPACE } from './xml';
import { escapeXml, unescapeXml } from '../shared/xml';
/** DeleteObjects takes at most 1,000 keys (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html). */
const MAX_DELETE_KEYS = 1000;

/** GetBucketTagging: the TagSet, or NoSuchTagSet for a bucket without tags (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html). */
export function bucketTaggingXml(store: ObjectStore, bucket: string): string {
  const tags = store.bucketTags(bucket);
  if (!tags) throw new S3Error('NoSuchTagSet', undefined, { BucketName: bucket });
  const tagSet = Object.entries(tags).map(([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`).join('');
  return `${DECLARATION}<Tagging xmlns="${NAMESPACE}"><TagSet>${tagSet}</TagSet></Tagging>`;
}

/**
 * ListObjectVersions of an unversioned bucket: every object once, VersionId "null", all in one answer (up to 1,000,
 * the API's default max-keys: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html).
 * The caller is taken to hold s3:ListBucketVersions, which the library's handlers never need.
 */
export function listVersionsXml(store: ObjectStore, bucket: string): string {
  const page = store.list(bucket, { maxKeys: 1000 });
  const versions = page.contents.map(({ key, object }) => '<Version>'
    + `<Key>${escapeXml(key)}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest>`
    + `<LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${escapeXml(object.etag)}</ETag>`
    + `<Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Version>`).join('');
  return `${DECLARATION}<ListVersionsResult xmlns="${NAMESPACE}"><Name>${escapeXml(bucket)}</Name><Prefix></Prefix>`
    + `<MaxKeys>1000</MaxKeys><IsTruncated>${page.isTruncated}</IsTruncated>${versions}</ListVersionsResult>`;
}

/** DeleteObjects: deletes the keys of the <Delete> body (a missing key counts as deleted, as in S3) and names them. */
export function deleteObjects(store: ObjectStore, bucket: string, body: string): string {
  if (!store.hasBucket(bucket)) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
  const objects = [...body.matchAll(/<Object>([\s\S]*?)<\/Object>/g)].map((m) => /<Key>([\s\S]*?)<\/Key>/.exec(m[1])?.[1]);
  if (!/<Delete[\s>]/.test(body) || objects.length === 0 || objects.length > MAX_DELETE_KEYS || objects.some((k) => k === undefined)) {
    throw new S3Error('MalformedXML');
  }
  const keys = objects.map((key) => unescapeXml(key!));
  keys.forEach((key) => store.delete(bucket, key));
  const quiet = /<Quiet>\s*true\s*<\/Quiet>/.test(body);
  const deleted = quiet ? '' : keys.map((key) => `<Deleted><Key>${escapeXml(key)}</Key></Deleted>`).join('');
  return `${DECLARATION}<DeleteResult xmlns="${NAMESPACE}">${deleted}</DeleteResult>`;
}
