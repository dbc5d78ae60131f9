/*
 * The fallback rule of a wait condition, a `rate(10 minutes)` schedule on the
 * default event bus, disabled by the watcher once the condition has its
 * signal (or is gone). Each condition has rules of its own, which are never
 * updated in place, so the rule an invocation names is its condition's; its
 * state tells nothing about the condition (an update or its rollback would
 * enable a rule again).
 *
 * One EventBridge client per Lambda container; the SDK retries (standard mode)
 * and reads AWS_ENDPOINT_URL_EVENTBRIDGE, so a local engine can answer.
 */
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { MAX_ATTEMPTS } from '../shared/client';
import { isNotFound } from '../shared/errors';
import { log } from '../shared/log';

let client: EventBridgeClient | undefined;

function eventBridge(): EventBridgeClient {
  client ??= new EventBridgeClient({ maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' });
  return client;
}

/** Stops the schedule; a rule already deleted (with its condition) is stopped already. */
export async function disableFallback(ruleName: string): Promise<void> {
  try {
    await eventBridge().send(new DisableRuleCommand({ Name: ruleName }));
    log.info('Fallback rule disabled', { ruleName });
  } catch (e) {
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DisableRule.html
    if (!isNotFound(e)) throw e;
    log.info('The fallback rule no longer exists', { ruleName });
  }
}
