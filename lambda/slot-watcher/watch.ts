/*
 * The stack's watcher of a kind that queues (docs/design/waiting-for-a-slot.md):
 * one Lambda function per stack and kind (jobs, imports; lambda/index.ts
 * makes each from its kind's QueueingKind) that rules of the stack invoke,
 * with their events (imports have the fallback alone): every `Model
 * Customization Job State Change` of the Region with a final status (any
 * job's end may free a slot, and a job of the stack may be the one a wait
 * condition waits for; delivery is best-effort,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge.html),
 * and a `rate(10 minutes)` fallback while anything waits.
 *
 * Each run reads the stack's queue (one Scan), then signals the wait
 * conditions of jobs that have ended (the event's job, or, on the fallback,
 * every started one), fails the queued waits past their deadline, starts
 * queued creates oldest first (each claim is conditional, so an item the run
 * has just failed is not started), and, when nothing is left to do, disables
 * the fallback. Nothing is decided from a rule's state. A failed run is
 * retried by Lambda, and the schedule comes back anyway.
 */
import { startQueued } from './starts';
import { awaitsEnd, failOverdue, signalIfEnded } from './waits';
import { boundedFailure } from '../shared/bounded-failure';
import { log } from '../shared/log';
import type { QueueingKind } from '../shared/queued-create';
import { allItems, QueueItem, setFallback } from '../shared/slot-queue';

/** What invoked the run: a job's final state change (any job of the Region), or the schedule. */
type Trigger = { readonly jobEnded: string } | { readonly fallback: true };

/** The watcher of `queue`'s kind. */
export function watcher(queue: QueueingKind): (event: unknown) => Promise<void> {
  const ofKind = async () => (await allItems()).filter((item) => item.kind === queue.kind);
  return boundedFailure(async (event: unknown): Promise<void> => {
    const trigger = triggerOf(event, queue.events);
    log.info('Watch', { kind: queue.kind, ...trigger });
    const items = await ofKind();
    const ended = 'jobEnded' in trigger ? trigger.jobEnded : undefined;
    // An event reads its own job only; the fallback reads every job a condition waits for.
    const jobs = queue.waited;
    const waiting = jobs ? items.filter((item) => awaitsEnd(item) && (ended === undefined || ended === item.name)) : [];
    for (const item of waiting) await signalIfEnded(item, jobs!);
    const now = Date.now();
    for (const item of items) await failOverdue(item, now, queue.slot(item.name));
    await startQueued(queue, items, now);
    if ((await ofKind()).some(needsAttention)) return;
    await setFallback(false);
    // A handler that queued meanwhile enabled the rule before this run disabled it: read again, and enable it back.
    if ((await ofKind()).some(needsAttention)) await setFallback(true);
  });
}

/** The job's name from a state-change event of the kind's (its ARN takes one of two forms; its name one), or the schedule. */
function triggerOf(event: unknown, detailType: string | undefined): Trigger {
  const e = (event ?? {}) as { 'detail-type'?: string; 'detail'?: { jobName?: unknown } };
  if (detailType !== undefined && e['detail-type'] === detailType && typeof e.detail?.jobName === 'string') return { jobEnded: e.detail.jobName };
  return { fallback: true };
}

/** Whether an item still needs the watcher: a create to start, or a job a condition waits for. */
function needsAttention(item: QueueItem): boolean {
  return item.state === 'queued' || item.state === 'starting' || awaitsEnd(item);
}
