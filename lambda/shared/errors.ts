/*
 * Classification of Bedrock SDK errors, by the `name` the SDK gives each
 * modeled exception (stable across SDK versions and survives minification,
 * unlike `instanceof` across bundles or constructor names).
 */
import { boundedMessage } from './bounded-failure';

function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string'
    ? (e as { name: string }).name
    : undefined;
}

function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // The status reason is one line.
  return message.replace(/\s+/g, ' ').trim();
}

export function isNotFound(e: unknown): boolean {
  return errorName(e) === 'ResourceNotFoundException';
}

export function isConflict(e: unknown): boolean {
  return errorName(e) === 'ConflictException';
}

export function isThrottling(e: unknown): boolean {
  const name = errorName(e);
  return name === 'ThrottlingException' || name === 'TooManyRequestsException'
    || (e as { $retryable?: { throttling?: boolean } } | undefined)?.$retryable?.throttling === true;
}

export function isValidation(e: unknown): boolean {
  return errorName(e) === 'ValidationException';
}

/**
 * Bedrock's refusal of a service role it cannot assume, which a role created
 * moments ago causes until IAM has propagated it ("Could not assume provided
 * IAM role.").
 */
export function isRoleNotAssumable(e: unknown): boolean {
  const message = errorMessage(e);
  return isValidation(e) && /\bassume\b/i.test(message) && /\brole\b/i.test(message);
}

/**
 * Bedrock's refusal of a logging destination whose permissions it cannot
 * verify at PutModelInvocationLoggingConfiguration, which a bucket policy or
 * role created moments ago causes until IAM has propagated it, e.g.
 * "Failed to validate permissions for log group: /aws/bedrock, with role: arn:... Verify the IAM role permissions are correct."
 * (https://github.com/alphagov/govuk-infrastructure/pull/2440).
 */
export function isPermissionValidation(e: unknown): boolean {
  return isValidation(e) && /\bvalidate permissions\b/i.test(errorMessage(e));
}

/**
 * The most bytes of a Bedrock failureMessage that a status reason quotes:
 * what the handler adds (the ARN, the status) must fit too, within the
 * bounded reason (see bounded-failure.ts).
 */
export const MAX_QUOTED_FAILURE_BYTES = 768;

/**
 * A failure message of Bedrock (a job's, a model's) to quote in a status
 * reason: one line, its start kept, cut at MAX_QUOTED_FAILURE_BYTES.
 */
export function bedrockFailure(message: string | undefined, fallback = ''): string {
  return boundedMessage(message?.trim() ? message : fallback, MAX_QUOTED_FAILURE_BYTES);
}

/**
 * A one-line message for the CloudFormation status reason, e.g.
 * `Creating model customization job 'x' failed: the handler role lacks permission ...`.
 * `context` says what was being done.
 */
export function describeError(e: unknown, context: string): string {
  const name = errorName(e) ?? 'Error';
  const message = errorMessage(e);
  switch (name) {
    case 'AccessDeniedException':
      return `${context} failed: the handler role lacks permission for this Bedrock call, or the service role cannot be passed (${name}: ${message})`;
    case 'ServiceQuotaExceededException':
      return `${context} failed: a Bedrock service quota is exceeded; request a quota increase in Service Quotas or wait for running jobs to finish (${name}: ${message})`;
    case 'TooManyTagsException':
      return `${context} failed: too many tags: Bedrock allows at most 50 per resource, counting tags added outside this stack; `
        + `remove some from jobTags, customModelTags or Tags.of(), or tags added by hand, then deploy again (${name}: ${message})`;
    case 'ValidationException':
      if (isRoleNotAssumable(e)) {
        return `${context} failed: Bedrock rejected the request: ${message} Bedrock could not assume the service role for two minutes: `
          + 'check that its trust policy allows bedrock.amazonaws.com for this account.';
      }
      if (isPermissionValidation(e)) {
        return `${context} failed: Bedrock rejected the request: ${message} Bedrock could not verify its permissions on the logging `
          + 'destinations for two minutes: check the bucket policy, the role\'s trust and permissions, and the KMS key policy.';
      }
      // Bedrock's own message says which field is wrong: keep it intact.
      return `${context} failed: Bedrock rejected the request: ${message}`;
    default:
      if (isThrottling(e)) return `${context} failed: Bedrock kept throttling the request after the SDK's retries (${name}: ${message})`;
      return `${context} failed: ${name}: ${message}`;
  }
}
