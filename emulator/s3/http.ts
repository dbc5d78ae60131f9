/*
 * One S3 request, start to end: path-style routing (/bucket/key, which the
 * SDK uses for an IP endpoint), record, inject faults, apply, answer in
 * restXml. Any SigV4 signature is accepted. Only the operations of
 * S3Operation are served; anything else is 501 NotImplemented.
 */
import { randomUUID } from 'crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'http';
import { bucketTaggingXml, deleteObjects, listVersionsXml } from './bucket-cleanup';
import { invalidArgument, S3Error } from './errors';
import { S3FaultInjector, S3Operation, S3Target } from './faults';
import { ObjectStore, S3Object } from './object-store';
import { errorXml, listBucketResultXml } from './xml';
import { readBody } from '../shared/loopback-server';

/** A request the emulated S3 received, and how it was answered. */
export interface RecordedS3Call {
  /** The operation routed to, or Unsupported (answered 501). */
  readonly operation: S3Operation | 'Unsupported';
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  /** The query parameters, as sent (prefix, max-keys, continuation-token, ...). */
  readonly query: Readonly<Record<string, string>>;
  readonly requestId: string;
  readonly time: Date;
  readonly statusCode?: number;
  /** The S3 error code of an error answer (NoSuchKey, AccessDenied, SlowDown, ...). */
  readonly errorCode?: string;
}

export interface S3HttpContext {
  readonly store: ObjectStore;
  readonly faults: S3FaultInjector;
  readonly region: string;
  /** What the caller may do besides reading and writing objects. */
  readonly permissions: S3CallerPermissions;
  now(): Date;
  record(call: RecordedS3Call): void;
}

/** The query parameters each bucket operation understands; any other (?acl, ?uploads, ...) is another operation. */
const LIST_PARAMETERS = ['list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner', 'x-id'];
const OBJECT_PARAMETERS = ['x-id'];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The permissions of the caller that change S3's answers, not only allow or deny them. */
export interface S3CallerPermissions {
  /**
   * s3:ListBucket. Without it S3 answers GetObject and HeadObject of a missing
   * key with 403 AccessDenied instead of 404, and refuses ListObjectsV2 and
   * HeadBucket (403).
   */
  listBucket: boolean;
}

export async function handleS3(context: S3HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://s3');
  const [bucketSegment, ...keySegments] = url.pathname.slice(1).split('/');
  const bucket = bucketSegment ? decodeURIComponent(bucketSegment) : undefined;
  const key = keySegments.length > 0 && keySegments.join('/') !== '' ? decodeURIComponent(keySegments.join('/')) : undefined;
  const query = Object.fromEntries(url.searchParams);
  const method = req.method ?? 'GET';
  const operation = routeOf(method, bucket, key, query, req.headers);
  const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
  const call: Mutable<RecordedS3Call> = { operation, method, bucket, key, query, requestId, time: context.now() };
  context.record(call);
  const send = (status: number, headers: Record<string, string | number>, body: string | Buffer = '') => {
    call.statusCode = status;
    const bytes = Buffer.from(body);
    res.writeHead(status, { 'x-amz-request-id': requestId, 'Content-Length': bytes.length, ...headers });
    res.end(method === 'HEAD' ? undefined : bytes);
  };
  try {
    if (operation === 'Unsupported') throw new S3Error('NotImplemented');
    const target: S3Target = { operation, bucket: bucket!, key, prefix: operation === 'ListObjectsV2' ? query.prefix ?? '' : undefined };
    const injected = context.faults.strike(target);
    if (injected) throw injected;
    const answer = apply(context, target, query, req.headers, raw);
    send(answer.status ?? 200, answer.headers ?? {}, answer.body);
  } catch (e) {
    const error = e instanceof S3Error ? e : new S3Error('InternalError', `Emulator error: ${(e as Error).message}`);
    call.errorCode = error.code;
    send(error.status, { 'Content-Type': 'application/xml' }, errorXml(error, requestId, url.pathname));
  }
}

function routeOf(method: string, bucket: string | undefined, key: string | undefined, query: Record<string, string>,
  headers: IncomingHttpHeaders): S3Operation | 'Unsupported' {
  const only = (allowed: readonly string[]) => Object.keys(query).every((name) => allowed.includes(name));
  if (bucket === undefined) return 'Unsupported';
  if (key === undefined) {
    if (method === 'PUT' && only(OBJECT_PARAMETERS)) return 'CreateBucket';
    if (method === 'HEAD' && only(OBJECT_PARAMETERS)) return 'HeadBucket';
    if (method === 'GET' && query['list-type'] === '2' && only(LIST_PARAMETERS)) return 'ListObjectsV2';
    if (method === 'GET' && 'tagging' in query && only(['tagging', ...OBJECT_PARAMETERS])) return 'GetBucketTagging';
    if (method === 'GET' && 'versions' in query && only(['versions', ...OBJECT_PARAMETERS])) return 'ListObjectVersions';
    if (method === 'POST' && 'delete' in query && only(['delete', ...OBJECT_PARAMETERS])) return 'DeleteObjects';
    return 'Unsupported';
  }
  if (!only(OBJECT_PARAMETERS)) return 'Unsupported';
  if (method === 'PUT' && headers['x-amz-copy-source'] === undefined) return 'PutObject';
  if (method === 'GET') return 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  return 'Unsupported';
}

interface Answer {
  readonly status?: number;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
}

function apply(context: S3HttpContext, target: S3Target, query: Record<string, string>, headers: IncomingHttpHeaders, raw: Buffer): Answer {
  const { store } = context;
  const { bucket, key } = target;
  switch (target.operation) {
    case 'CreateBucket':
      store.createBucket(bucket);
      return { headers: { Location: `/${bucket}` } };
    case 'HeadBucket':
      if (!store.hasBucket(bucket)) throw new S3Error('NoSuchBucket');
      // HeadBucket needs s3:ListBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html).
      if (!context.permissions.listBucket) throw new S3Error('AccessDenied');
      return { headers: { 'x-amz-bucket-region': context.region } };
    case 'PutObject': {
      const object = store.put(bucket, key!, payloadOf(headers, raw), { contentType: headers['content-type'] });
      return { headers: { ETag: object.etag } };
    }
    case 'GetObject':
    case 'HeadObject': {
      const object = store.get(bucket, key!);
      // A HEAD has no body: the SDK names the error from the status alone (NotFound, Forbidden).
      // A missing key is 404 only to a caller holding s3:ListBucket, else 403: what is absent is not told from what is denied
      // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, .../API_HeadObject.html, "Permissions").
      if (!object) throw context.permissions.listBucket ? new S3Error('NoSuchKey', undefined, { Key: key! }) : new S3Error('AccessDenied');
      return { headers: objectHeaders(object), body: object.body };
    }
    case 'ListObjectsV2': {
      // ListObjectsV2 needs s3:ListBucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html, "Permissions").
      if (!store.hasBucket(bucket)) throw new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
      if (!context.permissions.listBucket) throw new S3Error('AccessDenied');
      const maxKeys = query['max-keys'] === undefined ? undefined : Number(query['max-keys']);
      if (maxKeys !== undefined && !(Number.isInteger(maxKeys) && maxKeys >= 0)) {
        throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', query['max-keys']);
      }
      const request = {
        prefix: query.prefix,
        delimiter: query.delimiter || undefined,
        maxKeys,
        continuationToken: query['continuation-token'],
        startAfter: query['start-after'],
      };
      const result = store.list(bucket, request);
      const body = listBucketResultXml({ bucket, ...request, encodingType: query['encoding-type'] }, result);
      return xmlAnswer(body);
    }
    case 'GetBucketTagging':
      return xmlAnswer(bucketTaggingXml(store, bucket));
    case 'ListObjectVersions':
      return xmlAnswer(listVersionsXml(store, bucket));
    case 'DeleteObjects':
      return xmlAnswer(deleteObjects(store, bucket, raw.toString('utf8')));
  }
}

function xmlAnswer(body: string): Answer {
  return { headers: { 'Content-Type': 'application/xml' }, body };
}

function objectHeaders(object: S3Object): Record<string, string | number> {
  return {
    'Content-Type': object.contentType,
    'ETag': object.etag,
    'Last-Modified': object.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
  };
}

/**
 * The object's bytes. The SDK sends a stream body (and, by default, any body
 * whose length it does not know) in aws-chunked encoding with a checksum
 * trailer: `<hex size>[;ext]\r\n<bytes>\r\n ... 0\r\n<trailers>\r\n`.
 */
function payloadOf(headers: IncomingHttpHeaders, raw: Buffer): Buffer {
  const chunked = (headers['content-encoding'] ?? '').includes('aws-chunked')
    || String(headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
  if (!chunked) return raw;
  const parts: Buffer[] = [];
  for (let pos = 0; ;) {
    const eol = raw.indexOf('\r\n', pos);
    const size = eol < 0 ? NaN : parseInt(raw.subarray(pos, eol).toString('latin1').split(';')[0], 16);
    if (!Number.isInteger(size) || size < 0 || eol + 2 + size > raw.length) {
      throw invalidArgument('The aws-chunked body is malformed', 'Content-Encoding', 'aws-chunked');
    }
    if (size === 0) return Buffer.concat(parts);
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
}
