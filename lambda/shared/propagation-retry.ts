/*
 * IAM changes made in the same deployment (a new service role, a bucket or
 * key policy) take seconds to minutes to propagate, and Bedrock refuses
 * requests that need them meanwhile. Such refusals are retried for up to two
 * minutes, with pauses that double from 5 s up to 30 s.
 */
import { setTimeout as sleep } from 'timers/promises';
import { isRoleNotAssumable } from './errors';
import { log } from './log';

/** How long a refused request is retried while IAM changes propagate. */
export const PROPAGATION_WAIT_MS = 2 * 60_000;
const FIRST_PAUSE_MS = 5_000;
const MAX_PAUSE_MS = 30_000;

/**
 * Runs `request`, again after a pause while `isPropagating` says its error is
 * one of IAM propagation; other errors, and the last one, are rethrown.
 * `waitingFor` says in the log what has not propagated yet.
 */
export async function retryingPropagation<T>(
  isPropagating: (e: unknown) => boolean, waitingFor: string, fields: Record<string, unknown>, request: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + PROPAGATION_WAIT_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
    try {
      return await request();
    } catch (e) {
      if (!isPropagating(e) || Date.now() + pause > deadline) throw e;
      log.info(`${waitingFor} (IAM propagation): retrying`, { ...fields, pauseMs: pause });
      await sleep(pause);
    }
  }
}

/** Runs `create`, again after a pause while Bedrock cannot assume `roleArn` (a role created moments ago). */
export function retryingRolePropagation<T>(roleArn: string | undefined, create: () => Promise<T>): Promise<T> {
  return retryingPropagation(isRoleNotAssumable, 'Bedrock cannot assume the service role yet', { roleArn }, create);
}
