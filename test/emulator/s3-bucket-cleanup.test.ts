/*
 * The local S3's bucket operations that empty a bucket before it is deleted
 * (the AWS CDK's autoDeleteObjects handler): GetBucketTagging,
 * ListObjectVersions and DeleteObjects, through the real @aws-sdk/client-s3.
 */
import {
  DeleteObjectsCommand, GetBucketTaggingCommand, ListObjectVersionsCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { createS3Client, S3Emulator } from '../../emulator/s3';

let s3: S3Emulator;
let client: S3Client;
beforeAll(async () => {
  s3 = await S3Emulator.start();
  client = createS3Client(s3, { maxAttempts: 1 });
});
afterEach(() => s3.reset());
afterAll(async () => {
  client.destroy();
  await s3.stop();
});

const errorName = (promise: Promise<unknown>) => promise.then(() => 'none', (e: S3ServiceException) => `${e.name} ${e.$metadata.httpStatusCode}`);

test('GetBucketTagging: the tags a bucket was given; NoSuchTagSet without; NoSuchBucket for no bucket', async () => {
  s3.tagBucket('tagged', { 'aws-cdk:auto-delete-objects': 'true', 'team': 'a&b' });
  s3.createBucket('plain');
  const { TagSet } = await client.send(new GetBucketTaggingCommand({ Bucket: 'tagged' }));
  expect(TagSet).toEqual([{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }, { Key: 'team', Value: 'a&b' }]);
  expect(await errorName(client.send(new GetBucketTaggingCommand({ Bucket: 'plain' })))).toBe('NoSuchTagSet 404');
  expect(await errorName(client.send(new GetBucketTaggingCommand({ Bucket: 'missing' })))).toBe('NoSuchBucket 404');
});

test('ListObjectVersions then DeleteObjects empties a bucket; keys with XML characters survive the round trip', async () => {
  const keys = ['a.txt', 'jobs/x <&> y.csv', 'jobs/z.json'];
  keys.forEach((key) => s3.put('full', key, 'body'));
  const listed = await client.send(new ListObjectVersionsCommand({ Bucket: 'full' }));
  expect(listed.Versions?.map((v) => [v.Key, v.VersionId])).toEqual(keys.map((key) => [key, 'null']));
  expect(listed.IsTruncated).toBe(false);
  const deleted = await client.send(new DeleteObjectsCommand({
    Bucket: 'full', Delete: { Objects: listed.Versions!.map((v) => ({ Key: v.Key, VersionId: v.VersionId })) },
  }));
  expect(deleted.Deleted?.map((d) => d.Key)).toEqual(keys);
  expect(s3.keys('full')).toEqual([]);
  expect((await client.send(new ListObjectVersionsCommand({ Bucket: 'full' }))).Versions).toBeUndefined();
});

test('DeleteObjects of a bucket that does not exist: NoSuchBucket', async () => {
  expect(await errorName(client.send(new DeleteObjectsCommand({ Bucket: 'missing', Delete: { Objects: [{ Key: 'k' }] } }))))
    .toBe('NoSuchBucket 404');
});
