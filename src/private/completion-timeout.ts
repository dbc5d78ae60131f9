import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './synth-errors';

/** The longest completion timeout: an hour of custom resource time, less two polls and a margin. */
export const MAX_COMPLETION_TIMEOUT = Duration.minutes(55);
const MIN_COMPLETION_TIMEOUT = Duration.minutes(1);

/** The completion timeout of `scope` in seconds, between one and 55 minutes (unless a token). */
export function completionTimeoutSeconds(scope: IConstruct, timeout: Duration): number {
  if (!Token.isUnresolved(timeout.toSeconds())) {
    const seconds = timeout.toSeconds();
    if (seconds < MIN_COMPLETION_TIMEOUT.toSeconds() || seconds > MAX_COMPLETION_TIMEOUT.toSeconds()) {
      throw propError(scope, `completionTimeout must be between ${MIN_COMPLETION_TIMEOUT.toHumanString()} and `
        + `${MAX_COMPLETION_TIMEOUT.toHumanString()} (got ${timeout.toHumanString()}): a deployment gives a custom resource one hour at most`,
      'Set completionTimeout to 55 minutes or less');
    }
  }
  return timeout.toSeconds();
}
