/*
 * A service role created in the same deployment may not be assumable by
 * Bedrock yet (IAM propagates in seconds to minutes): creates that Bedrock
 * refuses for that reason are retried for up to two minutes.
 */
import { setTimeout as sleep } from 'timers/promises';
import { isRoleNotAssumable } from './errors';
import { log } from './log';

/** How long a create is retried while Bedrock cannot assume the (new) service role. */
export const ROLE_PROPAGATION_WAIT_MS = 2 * 60_000;
/** The first pause between those retries; it doubles, up to 30 s. */
const ROLE_RETRY_FIRST_PAUSE_MS = 5_000;

/** Runs `create`, again after a pause while Bedrock cannot assume `roleArn`; other errors are rethrown at once. */
export async function retryingRolePropagation<T>(roleArn: string | undefined, create: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ROLE_PROPAGATION_WAIT_MS;
  for (let pause = ROLE_RETRY_FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, 30_000)) {
    try {
      return await create();
    } catch (e) {
      if (!isRoleNotAssumable(e) || Date.now() + pause > deadline) throw e;
      log.info('Bedrock cannot assume the service role yet (IAM propagation): retrying', { roleArn, pauseMs: pause });
      await sleep(pause);
    }
  }
}
