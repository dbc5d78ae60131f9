/*
 * Starts what waits in the stack's queue, oldest first per kind: each start
 * is claimed (`queued` → `starting`, conditionally, so that no two runs send
 * one create twice), sent with the item's own request and token, and
 * recorded (`started`). A capacity refusal puts the item back and ends the
 * kind's round: no slot is free. An item deleted while its start was under
 * way is gone when the start is recorded: the job just made is stopped.
 */
import { failStart } from './waits';
import { startQueuedImport } from '../custom-model-import/create-model';
import { startQueuedJob } from '../model-customization-job/slots';
import { stopJob } from '../model-customization-job/teardown';
import { boundedMessage } from '../shared/bounded-failure';
import { deleteCustomModel } from '../shared/custom-model';
import { log } from '../shared/log';
import { QueueItem, QueuedKind, transition } from '../shared/slot-queue';

interface Starter {
  start(item: QueueItem): Promise<string>;
  /** Undoes a start whose item is gone. */
  undo(arn: string): Promise<unknown>;
}

const STARTERS: Readonly<Record<QueuedKind, Starter>> = {
  job: { start: startQueuedJob, undo: stopJob },
  import: { start: startQueuedImport, undo: deleteCustomModel },
};

/** The most bytes of a start's failure an item keeps (it becomes a status reason). */
const MAX_FAILURE_BYTES = 1024;
/**
 * A claim older than this belongs to a run that ended before recording its
 * start (the watcher's timeout is the job provider's, 15 minutes): the item
 * is queued again, and its next start, with the same token, finds the job if
 * one was made.
 */
const CLAIM_EXPIRY_MS = 16 * 60_000;

/** Starts the queued items of `kind` (the items of the watcher's kind, `items`), oldest first, until Bedrock refuses one for capacity. */
export async function startQueued(kind: QueuedKind, items: readonly QueueItem[], now: number): Promise<void> {
  for (const item of items.filter((i) => i.state === 'starting' && (i.claimedAt ?? 0) + CLAIM_EXPIRY_MS <= now)) {
    log.warn('A start was claimed and never recorded: queued again', { name: item.name });
    await transition(item.key, 'starting', 'queued');
  }
  for (const item of items.filter((i) => i.state === 'queued' || i.state === 'starting')) {
    if (!(await startOne(item, STARTERS[kind], now))) break;
  }
}

/** Whether to go on with the next item: false when Bedrock has no free slot. */
async function startOne(item: QueueItem, starter: Starter, now: number): Promise<boolean> {
  if (!(await transition(item.key, 'queued', 'starting', { claimedAt: now }))) return true;
  let arn: string;
  try {
    arn = await starter.start(item);
  } catch (e) {
    if ((e as Error).name === 'CapacityRefusal') {
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
    await starter.undo(arn);
  }
  return true;
}
