/*
 * The local S3 as the real @aws-sdk/client-s3 lives it: objects put and read
 * over HTTP and in-process, ListObjectsV2 paging, S3's errors, what a caller
 * without s3:ListBucket is answered, and faults.
 */
import { createHash } from 'crypto';
import { Readable } from 'stream';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectsV2CommandInput,
  NoSuchBucket,
  NoSuchKey,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createS3Client, S3Emulator } from '../../emulator/s3';

jest.setTimeout(30_000);

let s3: S3Emulator;
const clients: S3Client[] = [];
beforeAll(async () => {
  s3 = await S3Emulator.start();
});
afterEach(() => {
  clients.splice(0).forEach((c) => c.destroy());
  s3.reset();
});
afterAll(async () => {
  await s3.stop();
});

/** A client without retries by default, so that errors show at once. */
function client(config: S3ClientConfig = {}): S3Client {
  const c = createS3Client(s3, { maxAttempts: 1, ...config });
  clients.push(c);
  return c;
}

async function rejectionOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (e) {
    return e as S3ServiceException;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const getText = async (Bucket: string, Key: string) => (await client().send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();
const listKeys = async (input: ListObjectsV2CommandInput) => (await client().send(new ListObjectsV2Command(input))).Contents?.map((c) => c.Key) ?? [];

describe('objects', () => {
  test('PutObject then GetObject and HeadObject over HTTP, path-style: body, type, ETag (MD5), size, LastModified', async () => {
    await client().send(new CreateBucketCommand({ Bucket: 'bucket-1' }));
    const put = await client().send(new PutObjectCommand({ Bucket: 'bucket-1', Key: 'dir/a b+c é.csv', Body: 'x,y\n1,2\n', ContentType: 'text/csv' }));
    const md5 = `"${createHash('md5').update('x,y\n1,2\n').digest('hex')}"`;
    expect(put.ETag).toBe(md5);
    const got = await client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'dir/a b+c é.csv' }));
    expect(await got.Body!.transformToString()).toBe('x,y\n1,2\n');
    expect([got.ContentType, got.ETag, got.ContentLength]).toEqual(['text/csv', md5, 8]);
    const head = await client().send(new HeadObjectCommand({ Bucket: 'bucket-1', Key: 'dir/a b+c é.csv' }));
    expect([head.ContentType, head.ETag, head.ContentLength, head.LastModified]).toEqual(['text/csv', md5, 8, got.LastModified]);
    // Path-style: the bucket is the first segment of the path, not a host name.
    expect(s3.calls.map((c) => [c.operation, c.bucket, c.key, c.statusCode])).toEqual([
      ['CreateBucket', 'bucket-1', undefined, 200],
      ['PutObject', 'bucket-1', 'dir/a b+c é.csv', 200],
      ['GetObject', 'bucket-1', 'dir/a b+c é.csv', 200],
      ['HeadObject', 'bucket-1', 'dir/a b+c é.csv', 200],
    ]);
  });

  test('a stream body (sent aws-chunked with a checksum trailer) and bytes arrive intact', async () => {
    s3.createBucket('bucket-1');
    await client().send(new PutObjectCommand({ Bucket: 'bucket-1', Key: 'stream', Body: Readable.from(['abc', 'def', 'g'.repeat(70_000)]), ContentLength: 70_006 }));
    expect(s3.get('bucket-1', 'stream')).toBe(`abcdef${'g'.repeat(70_000)}`);
    const bytes = Uint8Array.from([0, 255, 13, 10, 48]);
    await client().send(new PutObjectCommand({ Bucket: 'bucket-1', Key: 'bytes', Body: bytes }));
    expect([...s3.object('bucket-1', 'bytes')!.body]).toEqual([...bytes]);
    const got = await client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'bytes' }));
    expect([...await got.Body!.transformToByteArray()]).toEqual([...bytes]);
  });

  test('in-process: put creates the bucket and is read over HTTP; what HTTP puts is read in-process', async () => {
    s3.put('seeded', 'a/1.txt', 'one', { contentType: 'text/plain', lastModified: new Date('2025-01-02T03:04:05Z') });
    expect(await getText('seeded', 'a/1.txt')).toBe('one');
    const head = await client().send(new HeadObjectCommand({ Bucket: 'seeded', Key: 'a/1.txt' }));
    expect([head.ContentType, head.LastModified]).toEqual(['text/plain', new Date('2025-01-02T03:04:05Z')]);
    await client().send(new PutObjectCommand({ Bucket: 'seeded', Key: 'a/0.txt', Body: 'zero' }));
    expect(s3.get('seeded', 'a/0.txt')).toBe('zero');
    expect(s3.object('seeded', 'a/0.txt')!.contentType).toBe('application/octet-stream');
    expect(s3.keys('seeded')).toEqual(['a/0.txt', 'a/1.txt']);
    expect(s3.keys('seeded', 'a/1')).toEqual(['a/1.txt']);
    expect([s3.get('seeded', 'nope'), s3.get('no-bucket', 'a'), s3.keys('no-bucket')]).toEqual([undefined, undefined, []]);
    expect(s3.buckets()).toEqual(['seeded']);
  });

  test('reset() empties the store and forgets calls and faults; the endpoint stays', async () => {
    const endpoint = s3.endpoint;
    s3.put('bucket-1', 'k', 'v');
    s3.faults.accessDenied();
    s3.reset();
    expect([s3.buckets(), s3.calls, s3.endpoint]).toEqual([[], [], endpoint]);
    s3.put('bucket-1', 'k', 'v');
    expect(await getText('bucket-1', 'k')).toBe('v');
  });
});

describe('ListObjectsV2', () => {
  beforeEach(() => {
    s3.permissions.listBucket = true;
  });
  const seed = (keys: readonly string[]) => keys.forEach((key) => s3.put('bucket-1', key, key));
  const keys25 = Array.from({ length: 25 }, (_, i) => `logs/${String(i).padStart(2, '0')}.csv`);

  test('pages of max-keys with continuation tokens; the SDK paginator sees every key once, in order', async () => {
    seed([...keys25].reverse());
    const first = await client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', MaxKeys: 10 }));
    expect([first.KeyCount, first.MaxKeys, first.IsTruncated, first.Contents!.map((c) => c.Key)]).toEqual([10, 10, true, keys25.slice(0, 10)]);
    expect(first.Contents![0]).toEqual({
      Key: 'logs/00.csv',
      Size: 11,
      ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
      LastModified: expect.any(Date),
      StorageClass: 'STANDARD',
    });
    const second = await client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', MaxKeys: 10, ContinuationToken: first.NextContinuationToken }));
    expect([second.ContinuationToken, second.Contents!.map((c) => c.Key)]).toEqual([first.NextContinuationToken, keys25.slice(10, 20)]);
    const pages = [];
    for await (const page of paginateListObjectsV2({ client: client(), pageSize: 10 }, { Bucket: 'bucket-1' })) {
      pages.push({ keys: page.Contents!.map((c) => c.Key), truncated: page.IsTruncated, token: page.NextContinuationToken });
    }
    expect(pages.map((p) => p.keys.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((p) => p.keys)).toEqual(keys25);
    expect(pages[2]).toMatchObject({ truncated: false, token: undefined });
  });

  test('a page ends at a key: objects added before it or removed after it do not shift the next page', async () => {
    seed(keys25);
    const first = await client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', MaxKeys: 5 }));
    s3.put('bucket-1', 'logs/00a.csv', 'new');
    s3.delete('bucket-1', 'logs/04.csv');
    expect(await listKeys({ Bucket: 'bucket-1', MaxKeys: 3, ContinuationToken: first.NextContinuationToken })).toEqual(keys25.slice(5, 8));
  });

  test('prefix, start-after, and the default and maximum max-keys of 1000', async () => {
    seed(['a/1', 'a/2', 'ab/1', 'b/1']);
    expect(await listKeys({ Bucket: 'bucket-1', Prefix: 'a/' })).toEqual(['a/1', 'a/2']);
    expect(await listKeys({ Bucket: 'bucket-1', Prefix: 'a' })).toEqual(['a/1', 'a/2', 'ab/1']);
    expect(await listKeys({ Bucket: 'bucket-1', StartAfter: 'a/2' })).toEqual(['ab/1', 'b/1']);
    expect(await listKeys({ Bucket: 'bucket-1', Prefix: 'zz' })).toEqual([]);
    seed(Array.from({ length: 1001 }, (_, i) => `many/${String(i).padStart(4, '0')}`));
    for (const MaxKeys of [undefined, 5000]) {
      const page = await client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', Prefix: 'many/', MaxKeys }));
      expect([page.MaxKeys, page.KeyCount, page.IsTruncated]).toEqual([1000, 1000, true]);
    }
  });

  test('a delimiter rolls keys up into common prefixes, counted by max-keys, never repeated on the next page', async () => {
    seed(['jobs/a/1.csv', 'jobs/a/2.csv', 'jobs/b/1.csv', 'jobs/c.csv', 'jobs/d/x/1.csv', 'top.csv']);
    const all = await client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', Prefix: 'jobs/', Delimiter: '/' }));
    expect([all.KeyCount, all.Contents!.map((c) => c.Key), all.CommonPrefixes!.map((p) => p.Prefix)])
      .toEqual([4, ['jobs/c.csv'], ['jobs/a/', 'jobs/b/', 'jobs/d/']]);
    const entries: string[] = [];
    for await (const page of paginateListObjectsV2({ client: client(), pageSize: 1 }, { Bucket: 'bucket-1', Prefix: 'jobs/', Delimiter: '/' })) {
      expect(page.KeyCount).toBe(1);
      entries.push(...(page.Contents ?? []).map((c) => c.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    }
    expect(entries).toEqual(['jobs/a/', 'jobs/b/', 'jobs/c.csv', 'jobs/d/']);
    const root = await client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', Delimiter: '/' }));
    expect([root.Contents!.map((c) => c.Key), root.CommonPrefixes!.map((p) => p.Prefix)]).toEqual([['top.csv'], ['jobs/']]);
  });

  test('keys in UTF-8 binary order, as S3 lists them', async () => {
    seed(['b', 'B', 'é', '\u{1F600}', '\uFF5E', 'a/b', 'a-b']);
    expect(await listKeys({ Bucket: 'bucket-1' })).toEqual(['B', 'a-b', 'a/b', 'b', 'é', '\uFF5E', '\u{1F600}']);
  });
});

describe('errors', () => {
  test('NoSuchKey (404) for GetObject, with the key; HeadObject answers 404 without a body (NotFound to the SDK)', async () => {
    s3.permissions.listBucket = true;
    s3.createBucket('bucket-1');
    const error = await rejectionOf(client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'missing.csv' })));
    expect(error).toBeInstanceOf(NoSuchKey);
    expect([error.$metadata.httpStatusCode, error.message, (error as unknown as { Key: string }).Key])
      .toEqual([404, 'The specified key does not exist.', 'missing.csv']);
    const head = await rejectionOf(client().send(new HeadObjectCommand({ Bucket: 'bucket-1', Key: 'missing.csv' })));
    expect([head.name, head.$metadata.httpStatusCode]).toEqual(['NotFound', 404]);
  });

  test('NoSuchBucket (404) for every operation on a bucket that does not exist', async () => {
    for (const send of [
      () => client().send(new GetObjectCommand({ Bucket: 'no-bucket', Key: 'k' })),
      () => client().send(new PutObjectCommand({ Bucket: 'no-bucket', Key: 'k', Body: 'v' })),
      () => client().send(new ListObjectsV2Command({ Bucket: 'no-bucket' })),
    ]) {
      const error = await rejectionOf(send());
      expect(error).toBeInstanceOf(NoSuchBucket);
      expect([error.$metadata.httpStatusCode, error.message]).toEqual([404, 'The specified bucket does not exist']);
    }
    expect(s3.calls.map((c) => c.errorCode)).toEqual(['NoSuchBucket', 'NoSuchBucket', 'NoSuchBucket']);
    expect(s3.buckets()).toEqual([]);
  });

  test('a continuation token S3 did not give is InvalidArgument (400); an operation not served is NotImplemented (501)', async () => {
    s3.permissions.listBucket = true;
    s3.put('bucket-1', 'k', 'v');
    const token = await rejectionOf(client().send(new ListObjectsV2Command({ Bucket: 'bucket-1', ContinuationToken: 'bm90LWEtdG9rZW4=' })));
    expect([token.name, token.$metadata.httpStatusCode, token.message]).toEqual(['InvalidArgument', 400, 'The continuation token provided is incorrect']);
    const response = await fetch(`${s3.endpoint}/bucket-1/k`, { method: 'DELETE' });
    expect([response.status, await response.text()]).toEqual([501, expect.stringContaining('<Code>NotImplemented</Code>')]);
    const maxKeys = await fetch(`${s3.endpoint}/bucket-1?list-type=2&max-keys=ten`);
    expect([maxKeys.status, await maxKeys.text()]).toEqual([400, expect.stringContaining('<ArgumentName>max-keys</ArgumentName>')]);
    expect(s3.get('bucket-1', 'k')).toBe('v');
  });
});

describe('a caller without s3:ListBucket (the default)', () => {
  test('a missing key is 403 AccessDenied for GetObject, and 403 without a body for HeadObject, as for a denied one', async () => {
    s3.put('bucket-1', 'present.csv', 'x');
    const missing = await rejectionOf(client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'missing.csv' })));
    expect([missing.name, missing.$metadata.httpStatusCode, missing.message]).toEqual(['AccessDenied', 403, 'Access Denied']);
    const head = await rejectionOf(client().send(new HeadObjectCommand({ Bucket: 'bucket-1', Key: 'missing.csv' })));
    // No body: the SDK has the status alone, and names only a 404 (NotFound).
    expect([head.name, head.$metadata.httpStatusCode]).toEqual(['Unknown', 403]);
    s3.faults.accessDenied({ bucket: 'bucket-1', prefix: 'present' });
    const denied = await rejectionOf(client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'present.csv' })));
    // The same answer: nothing tells the missing key from the denied one.
    expect([denied.name, denied.$metadata.httpStatusCode, denied.message]).toEqual([missing.name, 403, missing.message]);
    expect(s3.callsTo('GetObject').map((c) => [c.statusCode, c.errorCode])).toEqual([[403, 'AccessDenied'], [403, 'AccessDenied']]);
  });

  test('objects that exist are read; listings and HeadBucket are refused (403); a missing bucket is still NoSuchBucket', async () => {
    s3.put('bucket-1', 'k', 'v');
    expect(await getText('bucket-1', 'k')).toBe('v');
    expect((await client().send(new HeadObjectCommand({ Bucket: 'bucket-1', Key: 'k' }))).ContentLength).toBe(1);
    expect((await rejectionOf(listKeys({ Bucket: 'bucket-1' }))).name).toBe('AccessDenied');
    expect((await rejectionOf(client().send(new HeadBucketCommand({ Bucket: 'bucket-1' })))).$metadata.httpStatusCode).toBe(403);
    expect((await rejectionOf(client().send(new GetObjectCommand({ Bucket: 'no-bucket', Key: 'k' })))).name).toBe('NoSuchBucket');
    expect((await rejectionOf(listKeys({ Bucket: 'no-bucket' }))).name).toBe('NoSuchBucket');
  });

  test('the switch: permissions.listBucket, or the listBucket option; reset() goes back to the option', async () => {
    s3.put('bucket-1', 'k', 'v');
    s3.permissions.listBucket = true;
    expect((await rejectionOf(client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'missing' })))).name).toBe('NoSuchKey');
    expect(await listKeys({ Bucket: 'bucket-1' })).toEqual(['k']);
    await expect(client().send(new HeadBucketCommand({ Bucket: 'bucket-1' }))).resolves.toBeDefined();
    s3.reset();
    expect(s3.permissions.listBucket).toBe(false);
    const granted = await S3Emulator.start({ listBucket: true });
    try {
      granted.put('bucket-1', 'k', 'v');
      const error = await rejectionOf(createS3Client(granted, { maxAttempts: 1 }).send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'missing' })));
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
      granted.permissions.listBucket = false;
      granted.reset();
      expect(granted.permissions.listBucket).toBe(true);
    } finally {
      await granted.stop();
    }
  });
});

describe('faults', () => {
  beforeEach(() => {
    s3.permissions.listBucket = true;
  });

  test('AccessDenied (403) on a bucket and prefix: objects under it and listings inside it; nothing else', async () => {
    ['out/jobs/a.csv', 'out/other.csv'].forEach((key) => s3.put('bucket-1', key, 'x'));
    s3.put('bucket-2', 'out/jobs/a.csv', 'x');
    const fault = s3.faults.accessDenied({ bucket: 'bucket-1', prefix: 'out/jobs/' });
    const denied = await rejectionOf(client().send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'out/jobs/a.csv' })));
    expect([denied.name, denied.$metadata.httpStatusCode, denied.message]).toEqual(['AccessDenied', 403, 'Access Denied']);
    expect((await rejectionOf(listKeys({ Bucket: 'bucket-1', Prefix: 'out/jobs/a' }))).name).toBe('AccessDenied');
    expect((await rejectionOf(client().send(new PutObjectCommand({ Bucket: 'bucket-1', Key: 'out/jobs/b.csv', Body: 'y' })))).name).toBe('AccessDenied');
    expect(s3.keys('bucket-1', 'out/jobs/')).toEqual(['out/jobs/a.csv']);
    expect(await getText('bucket-1', 'out/other.csv')).toBe('x');
    expect(await getText('bucket-2', 'out/jobs/a.csv')).toBe('x');
    expect(await listKeys({ Bucket: 'bucket-1', Prefix: 'out/' })).toEqual(['out/jobs/a.csv', 'out/other.csv']);
    expect(fault.injected).toBe(3);
    fault.remove();
    expect(await getText('bucket-1', 'out/jobs/a.csv')).toBe('x');
  });

  test('SlowDown (503) is retried by the SDK; at most `times`; by operation', async () => {
    s3.put('bucket-1', 'k', 'v');
    const fault = s3.faults.slowDown({ operation: 'GetObject', times: 2 });
    await expect(listKeys({ Bucket: 'bucket-1' })).resolves.toEqual(['k']);
    const got = await client({ maxAttempts: 3 }).send(new GetObjectCommand({ Bucket: 'bucket-1', Key: 'k' }));
    expect([await got.Body!.transformToString(), got.$metadata.attempts, fault.injected]).toEqual(['v', 3, 2]);
    expect(s3.callsTo('GetObject').map((c) => [c.statusCode, c.errorCode])).toEqual([[503, 'SlowDown'], [503, 'SlowDown'], [200, undefined]]);
    s3.faults.slowDown({ bucket: 'bucket-1' });
    // A HEAD has no body: the status alone tells the SDK (a 503, retried as transient).
    const error = await rejectionOf(client().send(new HeadObjectCommand({ Bucket: 'bucket-1', Key: 'k' })));
    expect(error.$metadata.httpStatusCode).toBe(503);
    const listed = await rejectionOf(listKeys({ Bucket: 'bucket-1' }));
    expect([listed.name, listed.message]).toEqual(['SlowDown', 'Please reduce your request rate.']);
  });

  test('a prefix never matches bucket operations; an unknown times is refused', async () => {
    s3.faults.accessDenied({ prefix: 'x/' });
    await expect(client().send(new CreateBucketCommand({ Bucket: 'bucket-1' }))).resolves.toBeDefined();
    expect(() => s3.faults.slowDown({ times: -1 })).toThrow('times must be >= 0');
  });
});

test('answers carry no Date (see createLoopbackServer): a client on another clock sees no skew to correct', async () => {
  const answer = await fetch(`${s3.endpoint}/no-such-bucket/key`);
  expect(answer.status).toBe(404);
  expect(answer.headers.get('date')).toBeNull();
});
