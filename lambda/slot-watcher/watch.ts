/*
 * The stack's watcher of a kind that queues (docs/design/waiting-for-a-slot.md):
 * one Lambda function per stack and kind (jobs, imports) that rules of the
 * stack invoke, with their events (imports have the fallback alone):
 * every `Model Customization Job State Change` of the Region with a final
 * status (any job's end may free a slot, and a job of the stack may be the
 * one a wait condition waits for; delivery is best-effort,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge.html),
 * and a `rate(10 minutes)` fallback while anything waits.
 *
 * Each run reads the stack's queue (one Scan), then signals the wait
 * conditions of jobs that have ended (the event's job, or, on the fallback,
 * every started one), fails the queued waits past their deadline, starts
 * queued creates oldest first, and, when nothing is left to do, disables the
 * fallback. Nothing is decided from a rule's state. A failed run is retried
 * by Lambda, and the schedule comes back anyway.
 */
import { disableFallback } from './fallback-rule';
import { startQueued } from './starts';
import { awaitsEnd, failOverdue, signalIfEnded } from './waits';
import { boundedFailure } from '../shared/bounded-failure';
import { log } from '../shared/log';
import { allItems, QueueItem, QueuedKind, SLOT_QUEUE_ENV } from '../shared/slot-queue';

/** What invoked the run: a job's final state change (any job of the Region), or the schedule. */
type Trigger = { readonly jobEnded: string } | { readonly fallback: true };

export const watch = boundedFailure(async (event: unknown): Promise<void> => {
  const kind = watchedKind();
  const trigger = triggerOf(event);
  log.info('Watch', { kind, ...trigger });
  const ofKind = async () => (await allItems()).filter((item) => item.kind === kind);
  const items = await ofKind();
  const ended = 'jobEnded' in trigger ? trigger.jobEnded : undefined;
  for (const item of items.filter(awaitsEnd)) {
    // An event reads its own job only; the fallback reads every job a condition waits for.
    if (ended === undefined || ended === item.name) await signalIfEnded(item);
  }
  const now = Date.now();
  for (const item of items) await failOverdue(item, now);
  await startQueued(kind, await ofKind(), now);
  if (!(await ofKind()).some(needsAttention)) await disableFallback();
});

/** The kind whose queue this watcher starts from (each kind's provider has its own watcher and fallback rule). */
function watchedKind(): QueuedKind {
  const kind = process.env[SLOT_QUEUE_ENV.kind];
  if (kind !== 'job' && kind !== 'import') throw new Error(`${SLOT_QUEUE_ENV.kind} is not a kind that queues: ${kind}`);
  return kind;
}

/** The job's name from a state-change event (its ARN takes one of two forms; its name one), or the schedule. */
function triggerOf(event: unknown): Trigger {
  const e = (event ?? {}) as { 'detail-type'?: string; 'detail'?: { jobName?: unknown } };
  if (e['detail-type'] === 'Model Customization Job State Change' && typeof e.detail?.jobName === 'string') return { jobEnded: e.detail.jobName };
  return { fallback: true };
}

/** Whether an item still needs the watcher: a create to start, or a job a condition waits for. */
function needsAttention(item: QueueItem): boolean {
  return item.state === 'queued' || item.state === 'starting' || awaitsEnd(item);
}
