import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './synth-errors';

/** The longest wait of a custom resource: an hour of custom resource time, less two polls and a margin. */
export const MAX_COMPLETION_TIMEOUT = Duration.minutes(55);
/**
 * The longest wait for a job: a wait condition's longest Timeout, 43,200 seconds
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html).
 */
export const MAX_JOB_COMPLETION_TIMEOUT = Duration.hours(12);
const MIN_COMPLETION_TIMEOUT = Duration.minutes(1);

/** The completion timeout of `scope` in seconds, between one and 55 minutes (unless a token). */
export function completionTimeoutSeconds(scope: IConstruct, timeout: Duration): number {
  return checkedSeconds(scope, timeout, MAX_COMPLETION_TIMEOUT, 'a deployment gives a custom resource one hour at most');
}

/** How a job is waited for: polled by its custom resource, or by a wait condition that a watcher signals. */
export interface JobWait {
  readonly tier: 'polled' | 'condition';
  readonly seconds: number;
}

/**
 * The wait of a job's `completionTimeout`: up to 55 minutes polled, longer
 * (up to 12 hours) by a wait condition. A token timeout is polled, and must
 * then resolve to 55 minutes at most.
 */
export function jobWait(scope: IConstruct, timeout: Duration): JobWait {
  const seconds = checkedSeconds(scope, timeout, MAX_JOB_COMPLETION_TIMEOUT,
    'a wait condition waits 12 hours at most; for longer jobs, do not wait and react to onStateChange instead');
  return { tier: !Token.isUnresolved(seconds) && seconds > MAX_COMPLETION_TIMEOUT.toSeconds() ? 'condition' : 'polled', seconds };
}

function checkedSeconds(scope: IConstruct, timeout: Duration, max: Duration, why: string): number {
  const seconds = timeout.toSeconds();
  if (!Token.isUnresolved(seconds) && (seconds < MIN_COMPLETION_TIMEOUT.toSeconds() || seconds > max.toSeconds())) {
    throw propError(scope, `completionTimeout must be between ${MIN_COMPLETION_TIMEOUT.toHumanString()} and `
      + `${max.toHumanString()} (got ${timeout.toHumanString()}): ${why}`,
    `Set completionTimeout to ${max.toHumanString()} or less`);
  }
  return seconds;
}
