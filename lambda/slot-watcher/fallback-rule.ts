/*
 * The stack's fallback rule, a `rate(10 minutes)` schedule that invokes the
 * watcher while anything of the stack waits (a queued create, a job a wait
 * condition waits for): handlers enable it when they queue or register
 * (shared/slot-queue.ts), the watcher disables it when nothing is left to do.
 * Its state tells nothing else: an update of the stack, or its rollback,
 * may enable it again, and the next run disables it again.
 *
 * One EventBridge client per Lambda container; the SDK retries (standard mode)
 * and reads AWS_ENDPOINT_URL_EVENTBRIDGE, so a local engine can answer.
 */
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { MAX_ATTEMPTS } from '../shared/client';
import { isNotFound } from '../shared/errors';
import { log } from '../shared/log';
import { SLOT_QUEUE_ENV } from '../shared/slot-queue';

let client: EventBridgeClient | undefined;

/** Stops the schedule; a rule already deleted (with its stack) is stopped already. */
export async function disableFallback(): Promise<void> {
  const ruleName = process.env[SLOT_QUEUE_ENV.fallbackRule];
  if (!ruleName) return;
  client ??= new EventBridgeClient({ maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' });
  try {
    await client.send(new DisableRuleCommand({ Name: ruleName }));
    log.info('Nothing waits: fallback rule disabled', { ruleName });
  } catch (e) {
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DisableRule.html
    if (!isNotFound(e)) throw e;
    log.info('The fallback rule no longer exists', { ruleName });
  }
}
