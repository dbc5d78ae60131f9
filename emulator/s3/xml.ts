/*
 * The restXml bodies S3 answers with: ListObjectsV2's ListBucketResult and
 * the <Error> document. Only what the SDK's deserializers read.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
import { S3Error } from './errors';
import { ListResult } from './object-store';
import { escapeXml } from '../shared/xml';

export const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** <name>text</name>, or nothing when the value is absent. */
function element(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export interface ListEcho {
  readonly bucket: string;
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly continuationToken?: string;
  readonly startAfter?: string;
  /** `url`: keys, prefixes, delimiter and start-after go URL-encoded, as the request asked. */
  readonly encodingType?: string;
}

export function listBucketResultXml(echo: ListEcho, result: ListResult): string {
  const encode = echo.encodingType === 'url' ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : (s: string) => s;
  const opt = (s: string | undefined) => (s === undefined ? undefined : encode(s));
  const contents = result.contents.map(({ key, object }) => '<Contents>'
    + element('Key', encode(key))
    + element('LastModified', object.lastModified.toISOString())
    + element('ETag', object.etag)
    + element('Size', object.body.length)
    + element('StorageClass', 'STANDARD')
    + '</Contents>').join('');
  const prefixes = result.commonPrefixes.map((p) => `<CommonPrefixes>${element('Prefix', encode(p))}</CommonPrefixes>`).join('');
  return `${DECLARATION}<ListBucketResult xmlns="${NAMESPACE}">`
    + element('Name', echo.bucket)
    + element('Prefix', encode(echo.prefix ?? ''))
    + element('Delimiter', opt(echo.delimiter))
    + element('MaxKeys', result.maxKeys)
    + element('KeyCount', result.contents.length + result.commonPrefixes.length)
    + element('IsTruncated', result.isTruncated)
    + element('ContinuationToken', echo.continuationToken)
    + element('NextContinuationToken', result.nextContinuationToken)
    + element('StartAfter', opt(echo.startAfter))
    + element('EncodingType', echo.encodingType)
    + contents + prefixes
    + '</ListBucketResult>';
}

export function errorXml(error: S3Error, requestId: string, resource: string): string {
  const fields = Object.entries(error.fields).map(([name, value]) => element(name, value)).join('');
  return `${DECLARATION}<Error>${element('Code', error.code)}${element('Message', error.message)}${fields}`
    + `${element('Resource', resource)}${element('RequestId', requestId)}</Error>`;
}
