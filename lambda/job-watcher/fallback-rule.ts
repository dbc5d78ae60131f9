/*
 * The job's fallback rule, a `rate(10 minutes)` schedule on the default
 * event bus: enabled while its wait condition waits, disabled by the watcher
 * once it has signalled the condition's handle. Its state is also how the
 * watcher knows it has signalled: a disabled rule means done.
 *
 * One EventBridge client per Lambda container; the SDK retries (standard mode)
 * and reads AWS_ENDPOINT_URL_EVENTBRIDGE, so a local engine can answer.
 */
import { DescribeRuleCommand, DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { MAX_ATTEMPTS } from '../shared/client';
import { log } from '../shared/log';

let client: EventBridgeClient | undefined;

function eventBridge(): EventBridgeClient {
  client ??= new EventBridgeClient({ maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' });
  return client;
}

/** Whether the rule is still enabled: the handle has not been signalled yet. */
export async function fallbackEnabled(ruleName: string): Promise<boolean> {
  const rule = await eventBridge().send(new DescribeRuleCommand({ Name: ruleName }));
  return rule.State === 'ENABLED';
}

/** Stops the schedule: the condition has its signal. */
export async function disableFallback(ruleName: string): Promise<void> {
  await eventBridge().send(new DisableRuleCommand({ Name: ruleName }));
  log.info('Fallback rule disabled', { ruleName });
}
