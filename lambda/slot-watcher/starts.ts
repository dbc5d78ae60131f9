/*
 * Starts what waits in the stack's queue, oldest first: each start is
 * claimed (`queued` → `starting`, conditionally, so that no two runs send
 * one create twice), sent with the item's own request and token (the kind's
 * `start`), and recorded (`started`). A capacity refusal puts the item back
 * and ends the round: no slot is free. An item deleted while its start was
 * under way is gone when the start is recorded: the start is undone (a job
 * stopped, a model deleted).
 */
import { failStart } from './waits';
import { boundedMessage } from '../shared/bounded-failure';
import { refusedForCapacity } from '../shared/capacity';
import { log } from '../shared/log';
import type { QueueingKind } from '../shared/queued-create';
import { QueueItem, transition } from '../shared/slot-queue';

/** The most bytes of a start's failure an item keeps (it becomes a status reason). */
const MAX_FAILURE_BYTES = 1024;
/**
 * A claim older than this belongs to a run that ended before recording its
 * start (the watcher's timeout is the provider's, 15 minutes): the item is
 * queued again, and its next start, with the same token, finds what the
 * first one made, if anything.
 */
const CLAIM_EXPIRY_MS = 16 * 60_000;

/** Starts the queued items of the watcher's kind (`items`), oldest first, until Bedrock refuses one for capacity. */
export async function startQueued(queue: QueueingKind, items: readonly QueueItem[], now: number): Promise<void> {
  for (const item of items.filter((i) => i.state === 'starting' && (i.claimedAt ?? 0) + CLAIM_EXPIRY_MS <= now)) {
    log.warn('A start was claimed and never recorded: queued again', { name: item.name });
    await transition(item.key, 'starting', 'queued');
  }
  for (const item of items.filter((i) => i.state === 'queued' || i.state === 'starting')) {
    if (!(await startOne(item, queue, now))) break;
  }
}

/** Whether to go on with the next item: false when Bedrock has no free slot. */
async function startOne(item: QueueItem, queue: QueueingKind, now: number): Promise<boolean> {
  if (!(await transition(item.key, 'queued', 'starting', { claimedAt: now }))) return true;
  let arn: string;
  try {
    arn = await queue.start(item);
  } catch (e) {
    if (refusedForCapacity(e)) {
      await transition(item.key, 'starting', 'queued');
      log.info('No free slot yet', { name: item.name });
      return false;
    }
    const reason = boundedMessage((e as Error).message, MAX_FAILURE_BYTES);
    log.warn('The queued create failed', { name: item.name, error: e });
    if (await transition(item.key, 'starting', 'failed', { failure: reason })) await failStart(item, reason);
    return true;
  }
  if (await transition(item.key, 'starting', 'started', { arn })) {
    log.info('Started from the queue', { name: item.name, arn });
  } else {
    log.info('The item was deleted while it started: undoing the start', { name: item.name, arn });
    await queue.slot(item.name).undo(arn);
  }
  return true;
}
