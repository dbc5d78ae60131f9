/*
 * The kit's side of a create that waits for a free Bedrock slot, for every
 * kind that declares capacity refusals (capacity.ts, slot-queue.ts,
 * docs/design/waiting-for-a-slot.md): onEvent starts the resource or queues
 * its create; isComplete waits for the watcher to start it; Delete takes a
 * queued create out of the queue, so that it never starts.
 */
import { refusedForCapacity } from './capacity';
import type { WaitedJobReader } from './condition-wait';
import { deadlinePassed, NOT_YET, Progress, WaitEvent } from './lifecycle';
import { log } from './log';
import { PhysicalId, queuedName } from './physical-id';
import { getItem, putItem, QueueItem, QueuedKind, QueuedWait, queueKey, removeIfQueued, removeItem, SLOT_QUEUE_ENV } from './slot-queue';
import { named } from './status-reasons';

/** How long a create nobody waits for may wait for a slot: within the hour a custom resource gets. */
export const SLOT_WAIT_SECONDS = 55 * 60;

/** Whether the function has the stack's slot queue (the constructs give it to the kinds that queue). */
function hasSlotQueue(): boolean {
  return process.env[SLOT_QUEUE_ENV.table] !== undefined;
}

export interface QueuedCreate {
  readonly logicalId: string;
  readonly seed: string;
  /** The name of what the create makes: found by it later. */
  readonly name: string;
  /** The create request (its token included) and what else the kind's start needs. */
  readonly request: object;
  readonly context?: object;
  /** Set for a job a wait condition waits for: registered, started or queued. */
  readonly wait?: QueuedWait;
}

/**
 * Sends the create the way the kind's watcher sends a queued one (`queue.start`,
 * the same request and token); when Bedrock has no free slot, queues it
 * instead. Returns the ARN, or undefined when the create was queued.
 */
export async function startOrQueue(queue: QueueingKind, create: QueuedCreate): Promise<string | undefined> {
  const item: Omit<QueueItem, 'queuedAt' | 'state'> = {
    key: queueKey(create.logicalId, create.seed),
    kind: queue.kind,
    name: create.name,
    request: create.request as Record<string, unknown>,
    ...(create.context ? { context: create.context as Record<string, unknown> } : {}),
    ...(create.wait ? { wait: create.wait } : {}),
  };
  let arn: string;
  try {
    // The watcher's start of a queued item, here before anything is queued.
    arn = await queue.start({ ...item, queuedAt: Date.now(), state: 'starting' });
  } catch (e) {
    if (!refusedForCapacity(e) || !hasSlotQueue()) throw e;
    log.info('Bedrock has no free slot: the create waits in the stack\'s queue', { name: create.name, refusal: (e as Error).message });
    await putItem({ ...item, queuedAt: Date.now(), state: 'queued' });
    return undefined;
  }
  // The stack's watcher signals the wait condition when the job ends.
  if (create.wait) await putItem({ ...item, queuedAt: Date.now(), state: 'started', arn });
  return arn;
}

/**
 * A kind whose creates may wait for a slot, as its handlers and its watcher
 * (slot-watcher/, one per kind) use it: the kind's module declares it, and
 * lambda/index.ts makes the kind's watcher from it.
 */
export interface QueueingKind {
  readonly kind: QueuedKind;
  /** The detail-type of the Bedrock events that tell one of its jobs ended (the watcher reads their job's name). */
  readonly events?: string;
  /** For a kind a wait condition may wait for: how the watcher reads a job, to signal its condition when it ends. */
  readonly waited?: WaitedJobReader;
  /** The watcher's start of a queued item: the item's own create, with its token. */
  start(item: QueueItem): Promise<string>;
  /** How the kind words the item of `name` that got no slot, who holds the slots, and how a start is undone. */
  slot(name: string): SlotWait;
}

/** How a kind words what got no slot, and who holds the slots. */
export interface SlotWait {
  /** `Model customization job 'x'`. */
  readonly what: string;
  /** What Bedrock runs at a time: `two customization jobs`. */
  readonly limit: string;
  /** Who holds the slots now (a list of names, or why it could not be told). */
  holders(): Promise<string>;
  /** Undoes a start that no Delete will come for (a replacement that failed). */
  undo(arn: string): Promise<unknown>;
}

/**
 * isComplete of a queued resource: its ARN once the watcher has started it;
 * undefined while it waits. A start that failed fails the resource with its
 * reason; at the deadline the resource fails, naming who holds the slots (a
 * failed replacement, for which no Delete comes, is taken out of the queue,
 * and one started meanwhile undone).
 */
export async function untilStarted(event: WaitEvent<unknown>, id: PhysicalId, slot: SlotWait): Promise<string | undefined> {
  const key = queueKey(event.LogicalResourceId, id.seed);
  const item = await getItem(key);
  if (item?.state === 'started' && item.arn) return item.arn;
  if (item?.state === 'failed') throw new Error(item.failure ?? `${slot.what} could not be started`);
  if (!item) throw new Error(`${slot.what} is no longer in the stack's queue: it will not start`);
  if (!deadlinePassed(event)) return undefined;
  if (event.Replacement && !(await removeIfQueued(key))) {
    const started = await getItem(key);
    if (started?.arn) await slot.undo(started.arn);
    await removeItem(key);
  }
  throw new Error(await noSlotReason(slot, event.Deadline!));
}

/**
 * isComplete's `untilReady` of a kind whose creates may wait for a slot: a
 * queued resource first waits for its start (untilStarted); `untilReady` then
 * reads the started resource, whose ARN the attribute `arnAttribute` gives (a
 * queued create had none in onEvent's Data) and the confirmed id carries.
 */
export function afterStart<A>(
  queue: QueueingKind, arnAttribute: keyof A & string, untilReady: (event: WaitEvent<A>, id: PhysicalId) => Promise<Progress<A>>,
): (event: WaitEvent<A>, id: PhysicalId) => Promise<Progress<A>> {
  return async (event, id) => {
    const name = queuedName(id);
    if (name === undefined) return untilReady(event, id);
    const arn = await untilStarted(event, id, queue.slot(name));
    if (arn === undefined) return NOT_YET;
    const progress = await untilReady(event, { ...id, arn });
    return progress.done ? { ...progress, arn, data: { [arnAttribute]: arn, ...progress.data } as Partial<A> } : progress;
  };
}

/** Why a create that waited until `deadline` (an ISO time) will not start: who holds the slots. */
export async function noSlotReason(slot: SlotWait, deadline: string): Promise<string> {
  return `${slot.what} got no free Bedrock slot by ${deadline} (Bedrock runs ${slot.limit} at a time per account and Region): `
    + `${await slot.holders()}. It will not start.`;
}

/** Delete of a queued resource: true when it was taken out of the queue before any start (nothing to undo). */
export async function cancelQueued(logicalId: string, id: PhysicalId): Promise<boolean> {
  if (queuedName(id) === undefined || !hasSlotQueue()) return false;
  const removed = await removeIfQueued(queueKey(logicalId, id.seed));
  if (removed) log.info('Never started: taken out of the stack\'s queue', { name: queuedName(id) });
  return removed;
}

/** After a Delete: the item of the resource, if any (a start recorded later finds it gone and undoes itself). */
export async function forgetQueued(logicalId: string, id: PhysicalId): Promise<void> {
  if (hasSlotQueue()) await removeItem(queueKey(logicalId, id.seed));
}

/**
 * The ARN of a resource whose create may have waited for a slot: a queued
 * one's is read by its name once it has started (`arnByName`); one that has
 * not is an error naming it (`noun`: 'model import job').
 */
export async function startedArn(id: PhysicalId, noun: string, arnByName: (name: string) => Promise<string | undefined>): Promise<string> {
  const name = queuedName(id);
  if (name === undefined) return id.arn;
  const arn = await arnByName(name);
  if (!arn) throw new Error(`${named(noun, name)} has not started: it still waits for a free Bedrock slot`);
  return arn;
}
