import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { BedrockRemovalPolicy } from './contract';

/** The longest completion timeout: an hour of custom resource time, less two polls and a margin. */
export const MAX_COMPLETION_TIMEOUT = Duration.minutes(55);
const MIN_COMPLETION_TIMEOUT = Duration.minutes(1);

/** The completion timeout in seconds, between one and 55 minutes (unless a token). */
export function completionTimeoutSeconds(timeout: Duration): number {
  if (!Token.isUnresolved(timeout.toSeconds())) {
    const seconds = timeout.toSeconds();
    if (seconds < MIN_COMPLETION_TIMEOUT.toSeconds() || seconds > MAX_COMPLETION_TIMEOUT.toSeconds()) {
      throw new Error(`completionTimeout must be between ${MIN_COMPLETION_TIMEOUT.toHumanString()} and ${MAX_COMPLETION_TIMEOUT.toHumanString()} `
        + `(got ${timeout.toHumanString()}): a deployment gives a custom resource one hour at most`);
    }
  }
  return timeout.toSeconds();
}

/** What the handler does with the Bedrock resource on Delete; `what` names the construct in the error ("a model customization job"). */
export function toBedrockRemovalPolicy(policy: RemovalPolicy, what: string): BedrockRemovalPolicy {
  switch (policy) {
    case RemovalPolicy.DESTROY:
      return 'destroy';
    case RemovalPolicy.RETAIN:
    case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
      return 'retain';
    default:
      throw new Error(`removalPolicy: ${policy} is not supported for ${what}; use RETAIN or DESTROY`);
  }
}
