/*
 * Where Bedrock delivers model invocation logs in a bucket:
 * `<keyPrefix>/AWSLogs/<account>/BedrockModelInvocationLogs/`, the '/' after
 * the prefix inserted by Bedrock itself
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html).
 * The bucket policy, the training data of a distillation and the tests all
 * read the path from here.
 */
import { Token } from 'aws-cdk-lib';

/**
 * A key prefix as sent to Bedrock: trailing slashes removed, since Bedrock
 * adds its own ('logs/' would deliver to 'logs//AWSLogs/...'); undefined when
 * nothing is left. A token passes unchanged.
 */
export function loggingKeyPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined || Token.isUnresolved(prefix)) return prefix;
  const trimmed = prefix.replace(/\/+$/, '');
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The folder that holds the logs of a key prefix as given (with or without
 * its trailing slash): `<prefix>/`, or the bucket's root without a prefix.
 */
export function invocationLogsFolder(prefix: string | undefined): string {
  const keyPrefix = loggingKeyPrefix(prefix);
  return keyPrefix === undefined ? '' : `${keyPrefix}/`;
}

/** The key path Bedrock delivers the logs of `account` to. */
export function invocationLogsPath(prefix: string | undefined, account: string): string {
  return `${invocationLogsFolder(prefix)}AWSLogs/${account}/BedrockModelInvocationLogs/`;
}
