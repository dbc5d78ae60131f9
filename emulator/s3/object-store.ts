/*
 * The buckets and objects of the emulated S3, in memory, and ListObjectsV2's
 * listing: keys in UTF-8 binary order (as S3 lists them), rolled up into
 * common prefixes by a delimiter, in pages of max-keys whose continuation
 * token names the last entry returned (so a listing continues after it even
 * when objects come and go between pages).
 */
import { createHash } from 'crypto';
import { invalidArgument, noSuchBucket, S3Error } from './errors';

export interface S3Object {
  readonly body: Buffer;
  /** The MD5 of the body in quotes, as S3 gives the ETag of a single-part upload. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
}

export interface PutOptions {
  /** Default: application/octet-stream, as S3 stores an object sent without one. */
  readonly contentType?: string;
  /** Default: the emulator's now. */
  readonly lastModified?: Date;
}

export interface ListRequest {
  readonly prefix?: string;
  readonly delimiter?: string;
  /** Default and maximum 1000, as in S3. */
  readonly maxKeys?: number;
  readonly continuationToken?: string;
  readonly startAfter?: string;
}

export interface ListResult {
  readonly contents: ReadonlyArray<{ readonly key: string; readonly object: S3Object }>;
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextContinuationToken?: string;
  readonly maxKeys: number;
}

export const MAX_KEYS = 1000;

/** A bucket name S3 accepts: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

type Entry = { readonly key: string; readonly object: S3Object } | { readonly prefix: string; readonly lastKey: string };

export class ObjectStore {
  private readonly buckets = new Map<string, Map<string, S3Object>>();
  private readonly tags = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly now: () => Date) {}

  /** Creates a bucket; one that exists stays as it is (S3's answer to its owner in us-east-1). */
  public createBucket(bucket: string): void {
    if (!BUCKET_NAME.test(bucket)) throw new S3Error('InvalidBucketName', undefined, { BucketName: bucket });
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
  }

  /** Sets a bucket's tags (the bucket must exist), as PutBucketTagging does: the whole set. */
  public tagBucket(bucket: string, tags: Readonly<Record<string, string>>): void {
    this.bucket(bucket);
    this.tags.set(bucket, { ...tags });
  }

  /** A bucket's tags (NoSuchBucket for a bucket that does not exist); undefined when it has none. */
  public bucketTags(bucket: string): Readonly<Record<string, string>> | undefined {
    this.bucket(bucket);
    const tags = this.tags.get(bucket);
    return tags && Object.keys(tags).length > 0 ? tags : undefined;
  }

  public hasBucket(bucket: string): boolean {
    return this.buckets.has(bucket);
  }

  public bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  /** Stores an object in an existing bucket (NoSuchBucket otherwise), replacing any of that key. */
  public put(bucket: string, key: string, body: string | Uint8Array, options: PutOptions = {}): S3Object {
    const bytes = Buffer.from(body);
    const object: S3Object = {
      body: bytes,
      etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
      lastModified: options.lastModified ?? this.now(),
      contentType: options.contentType ?? 'application/octet-stream',
    };
    this.bucket(bucket).set(key, object);
    return object;
  }

  /** The object, or undefined (NoSuchBucket for a bucket that does not exist). */
  public get(bucket: string, key: string): S3Object | undefined {
    return this.bucket(bucket).get(key);
  }

  public delete(bucket: string, key: string): void {
    this.bucket(bucket).delete(key);
  }

  /** Every key of a bucket that starts with `prefix`, in listing order. */
  public keys(bucket: string, prefix = ''): string[] {
    return sortedKeys(this.bucket(bucket)).filter((key) => key.startsWith(prefix));
  }

  public clear(): void {
    this.buckets.clear();
    this.tags.clear();
  }

  /** ListObjectsV2: one page of keys and common prefixes (max-keys counts both). */
  public list(bucket: string, request: ListRequest = {}): ListResult {
    const objects = this.bucket(bucket);
    const { prefix = '', delimiter } = request;
    const maxKeys = Math.min(request.maxKeys ?? MAX_KEYS, MAX_KEYS);
    const after = request.continuationToken !== undefined ? decodeToken(request.continuationToken) : request.startAfter;
    const entries: Entry[] = [];
    for (const key of sortedKeys(objects).filter((k) => k.startsWith(prefix))) {
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      const last = entries[entries.length - 1];
      if (cut < 0) {
        entries.push({ key, object: objects.get(key)! });
      } else if (last && 'prefix' in last && last.prefix === key.slice(0, cut + delimiter!.length)) {
        entries[entries.length - 1] = { prefix: last.prefix, lastKey: key };
      } else {
        entries.push({ prefix: key.slice(0, cut + delimiter!.length), lastKey: key });
      }
    }
    // After the marker: a key past it, or a common prefix (not the marker itself) holding a key past it.
    const remaining = after === undefined ? entries : entries.filter((e) => ('key' in e
      ? compareKeys(e.key, after) > 0
      : e.prefix !== after && compareKeys(e.lastKey, after) > 0));
    const page = remaining.slice(0, maxKeys);
    // With max-keys 0 nothing is returned and nothing is promised: a truncated answer without a token could not be continued.
    const isTruncated = maxKeys > 0 && remaining.length > maxKeys;
    const lastEntry = page[page.length - 1];
    return {
      contents: page.filter((e): e is Extract<Entry, { key: string }> => 'key' in e),
      commonPrefixes: page.filter((e): e is Extract<Entry, { prefix: string }> => 'prefix' in e).map((e) => e.prefix),
      isTruncated,
      nextContinuationToken: isTruncated ? encodeToken('key' in lastEntry ? lastEntry.key : lastEntry.prefix) : undefined,
      maxKeys,
    };
  }

  private bucket(bucket: string): Map<string, S3Object> {
    const objects = this.buckets.get(bucket);
    if (!objects) throw noSuchBucket(bucket);
    return objects;
  }
}

/** S3 lists keys in UTF-8 binary order, which differs from JavaScript's UTF-16 order past U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function sortedKeys(objects: ReadonlyMap<string, S3Object>): string[] {
  return [...objects.keys()].sort(compareKeys);
}

/** Opaque to clients, as S3's are; it holds the last key or common prefix returned. */
function encodeToken(marker: string): string {
  return Buffer.from(`emulator-v1:${marker}`, 'utf8').toString('base64');
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith('emulator-v1:')) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return text.slice('emulator-v1:'.length);
}
