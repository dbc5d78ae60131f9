/*
 * Every failure the command reports is one line that says what to do; no
 * stack trace ever reaches the user. AWS errors are recognised by the `name`
 * the SDK gives them (stable across versions and minification).
 */

/** A failure to report as it is: its message is for the user. */
export class CliError extends Error {
  constructor(message: string, public readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** The AWS call a failure came from, to name it and the permission it needs. */
export interface AwsCall {
  /** e.g. ListModelCustomizationJobs. */
  readonly operation: string;
  /** The IAM action it needs, e.g. bedrock:ListModelCustomizationJobs or s3:ListBucket. */
  readonly action: string;
  /** What it was about, e.g. a job ARN or an S3 URI. */
  readonly resource?: string;
  /** The message when the resource does not exist. */
  readonly notFound?: string;
}

/** Runs an AWS call; a failure becomes a CliError that names the call. */
export async function awsCall<T>(call: AwsCall, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    throw explain(e, call);
  }
}

const MAX_MESSAGE = 600;

interface SdkError {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
  readonly $retryable?: { readonly throttling?: boolean };
}

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'SlowDown', 'RequestLimitExceeded', 'Throttling']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'Forbidden']);
const REFUSED_CREDENTIALS = new Set([
  'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidSignatureException',
  'InvalidClientTokenId', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'TokenRefreshRequired',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'TimeoutError']);

/** The one-line CliError for an error thrown by `call`. */
export function explain(e: unknown, call: AwsCall): CliError {
  if (e instanceof CliError) return e;
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as SdkError;
  const name = err.name ?? '';
  const message = oneLine(err.message ?? '');
  const about = call.resource ? ` on ${call.resource}` : '';
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new CliError('No AWS credentials found. The SDK looked in the environment (AWS_ACCESS_KEY_ID, AWS_PROFILE), '
      + 'the shared config and credentials files, SSO, and the container or instance role. '
      + 'Run `aws configure` or `aws sso login`, or pass --profile.');
  }
  if (/region is missing/i.test(message)) {
    return new CliError('No AWS region. Set AWS_REGION, give your profile a region, or pass --region.');
  }
  if (isDenied(err)) {
    return new CliError(bounded(`Access denied: ${call.operation} needs ${call.action}${about}. Ask for it in your IAM policy. (${message || name})`));
  }
  if (THROTTLING.has(name) || err.$retryable?.throttling === true) {
    const attempts = err.$metadata?.attempts;
    return new CliError(bounded(`Throttled: ${call.operation} was still throttled after ${attempts ?? 'several'} attempts with the SDK's backoff. `
      + 'Try again in a minute, or ask for a higher request quota.'));
  }
  if (REFUSED_CREDENTIALS.has(name)) {
    return new CliError(bounded(`AWS refused the credentials (${name}): ${message} Refresh them (\`aws sso login\`, a new session) and try again.`));
  }
  if ((name === 'ResourceNotFoundException' || name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound') && call.notFound) {
    return new CliError(bounded(call.notFound));
  }
  // The SDK wraps socket errors ("AWS SDK error wrapper for Error: connect ECONNREFUSED ..."), so the code may be in the message only.
  const network = [name, err.code ?? '', ...(message.match(/\bE[A-Z_]{4,}\b/g) ?? [])].find((c) => UNREACHABLE.has(c));
  if (network) {
    const cause = message.replace(/^AWS SDK error wrapper for /, '');
    return new CliError(bounded(`Cannot reach AWS for ${call.operation} (${network}): ${cause}. Check the network and the region.`));
  }
  return new CliError(bounded(`${call.operation} failed: ${name ? `${name}: ` : ''}${message}`));
}

/** Whether AWS refused a call for want of permission: by the error's name, or by its 403 (S3's name varies by operation). */
export function isDenied(e: unknown): boolean {
  const err = e as SdkError | undefined;
  return DENIED.has(err?.name ?? '') || err?.$metadata?.httpStatusCode === 403;
}

/** A failure nobody foresaw, still one line. */
export function unexpected(e: unknown): CliError {
  if (e instanceof CliError) return e;
  const err = e as SdkError | undefined;
  return new CliError(bounded(`Unexpected error: ${err?.name ?? 'Error'}: ${oneLine(err?.message ?? String(e))}`));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function bounded(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
