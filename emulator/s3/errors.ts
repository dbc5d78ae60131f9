/*
 * The S3 errors the emulator answers with: S3's code, HTTP status and
 * message. The SDK picks the exception by the XML body's <Code> (NoSuchKey,
 * NoSuchBucket, ...), or by the status alone for a HEAD, which has no body.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */

/** The error codes the emulator answers with (a subset of S3's). */
export type S3ErrorCode =
  | 'AccessDenied'
  | 'SlowDown'
  | 'InternalError'
  | 'NoSuchKey'
  | 'NoSuchBucket'
  | 'InvalidArgument'
  | 'InvalidBucketName'
  | 'NotImplemented'
  | 'NoSuchTagSet'
  | 'MalformedXML';

/** Status and default message of each code, as S3 documents them. */
export const S3_ERRORS: Readonly<Record<S3ErrorCode, { readonly status: number; readonly message: string }>> = {
  AccessDenied: { status: 403, message: 'Access Denied' },
  SlowDown: { status: 503, message: 'Please reduce your request rate.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  NoSuchKey: { status: 404, message: 'The specified key does not exist.' },
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist' },
  InvalidArgument: { status: 400, message: 'Invalid Argument' },
  InvalidBucketName: { status: 400, message: 'The specified bucket is not valid.' },
  NoSuchTagSet: { status: 404, message: 'The TagSet does not exist' },
  MalformedXML: { status: 400, message: 'The XML you provided was not well-formed or did not validate against our published schema' },
  NotImplemented: { status: 501, message: 'A header or query you provided implies functionality that is not implemented.' },
};

/** An error S3 would answer with; `fields` are extra elements of the <Error> body (Key, BucketName, ...). */
export class S3Error extends Error {
  public readonly status: number;

  constructor(public readonly code: S3ErrorCode, message?: string, public readonly fields: Readonly<Record<string, string>> = {}) {
    super(message ?? S3_ERRORS[code].message);
    this.name = code;
    this.status = S3_ERRORS[code].status;
  }
}

export const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', undefined, { BucketName: bucket });
export const noSuchKey = (key: string) => new S3Error('NoSuchKey', undefined, { Key: key });
export const invalidArgument = (message: string, name: string, value: string) =>
  new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
