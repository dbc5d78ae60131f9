/*
 * The stack's queue of creates that wait for a free Bedrock slot, and of the
 * jobs its wait conditions wait for (docs/design/waiting-for-a-slot.md): one
 * DynamoDB table per stack, an item per resource, keyed `<logical id>#<seed>`
 * (a replacement has its own seed, so the old and the new resource never
 * share an item).
 *
 * A start is claimed atomically (`queued` → `starting`, conditionally), so
 * that two runs of the watcher never send one create twice, and a Delete
 * that removes a `queued` item (conditionally too) knows that no start can
 * follow. The table's name and the stack's fallback rule come from the
 * function's environment (set by the constructs).
 *
 * One document client per Lambda container; the SDK retries (standard mode)
 * and reads AWS_ENDPOINT_URL_DYNAMODB, so a local engine can answer.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DisableRuleCommand, EnableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_ATTEMPTS } from './client';
import { isNotFound } from './errors';
import { log } from './log';
import type { RESOURCE_KINDS, ResourceKindName } from '../../src/contract/registry';
import type { SlotQueueEnvironment } from '../../src/contract/slot-queue';

/** The environment variables the constructs give every function that uses the queue. */
export const SLOT_QUEUE_ENV = {
  table: 'BEDROCK_SLOT_QUEUE_TABLE', fallbackRule: 'BEDROCK_SLOT_QUEUE_FALLBACK_RULE',
} as const satisfies Record<string, keyof SlotQueueEnvironment>;

/** The kinds whose creates may wait for a slot: those whose descriptor declares a queue (the registry). */
export type QueuedKind = { [K in ResourceKindName]: (typeof RESOURCE_KINDS)[K] extends { queue: object } ? K : never }[ResourceKindName];

export type ItemState = 'queued' | 'starting' | 'started' | 'failed';

/** The wait of a job that a wait condition waits for. */
export interface QueuedWait {
  /** The presigned URL of the condition's handle (a credential: never logged). */
  readonly handleUrl: string;
  /** When the job must have ended (ms since the epoch): the condition's timeout less its margin. */
  readonly deadline: number;
  /** Set once the handle has its signal. */
  readonly signalled?: boolean;
}

export interface QueueItem {
  readonly key: string;
  readonly kind: QueuedKind;
  /** The name of what the create makes (a job's name, a model's): found by name when the item cannot say. */
  readonly name: string;
  /** When the create was first refused for capacity (ms since the epoch); the order of starts. */
  readonly queuedAt: number;
  /** The create request, its clientRequestToken included: every start of it is the same create. */
  readonly request: Record<string, unknown>;
  /** What else the kind's start needs (a job: whether the handler generated its names). */
  readonly context?: Record<string, unknown>;
  readonly state: ItemState;
  /** Once started. */
  readonly arn?: string;
  /** Why the start failed, when it did (bounded). */
  readonly failure?: string;
  /** When a run of the watcher claimed the start (state `starting`). */
  readonly claimedAt?: number;
  readonly wait?: QueuedWait;
}

let documents: DynamoDBDocumentClient | undefined;
let events: EventBridgeClient | undefined;

function table(): { client: DynamoDBDocumentClient; name: string } {
  const name = process.env[SLOT_QUEUE_ENV.table];
  if (!name) throw new Error(`${SLOT_QUEUE_ENV.table} is not set: the function has no slot queue`);
  documents ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' }),
    { marshallOptions: { removeUndefinedValues: true } });
  return { client: documents, name };
}

/** The item of `<logicalId>#<seed>`. */
export function queueKey(logicalId: string, seed: string): string {
  return `${logicalId}#${seed}`;
}

/** Adds an item; a retried request finds its own (same key) and keeps it. */
export async function putItem(item: QueueItem): Promise<void> {
  const { client, name } = table();
  const added = await conditionally(client.send(new PutCommand({
    TableName: name, Item: item, ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': 'key' },
  })));
  if (!added) log.info('The slot queue has this item already (a retried request)', { key: item.key });
  await setFallback(true);
}

export async function getItem(key: string): Promise<QueueItem | undefined> {
  const { client, name } = table();
  const output = await client.send(new GetCommand({ TableName: name, Key: { key }, ConsistentRead: true }));
  return output.Item as QueueItem | undefined;
}

/** Every item of the stack, oldest first. */
export async function allItems(): Promise<QueueItem[]> {
  const { client, name } = table();
  const items: QueueItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: name, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []) as QueueItem[]);
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => a.queuedAt - b.queuedAt || a.key.localeCompare(b.key));
}

/** Moves an item from `from` to `to` (with `set`); false when it is not in `from` (or gone). */
export async function transition(
  key: string, from: ItemState, to: ItemState, set: Partial<Pick<QueueItem, 'arn' | 'failure' | 'claimedAt'>> = {},
): Promise<boolean> {
  const { client, name } = table();
  const values: Record<string, unknown> = { ':from': from, ':to': to };
  const assignments = ['#state = :to'];
  for (const [field, value] of Object.entries(set)) {
    assignments.push(`#${field} = :${field}`);
    values[`:${field}`] = value;
  }
  return conditionally(client.send(new UpdateCommand({
    TableName: name,
    Key: { key },
    UpdateExpression: `SET ${assignments.join(', ')}`,
    ConditionExpression: '#state = :from',
    ExpressionAttributeNames: { '#state': 'state', ...Object.fromEntries(Object.keys(set).map((f) => [`#${f}`, f])) },
    ExpressionAttributeValues: values,
  })));
}

/** Marks the wait of an item signalled (whatever its state). */
export async function markSignalled(item: QueueItem): Promise<void> {
  if (!item.wait) return;
  const { client, name } = table();
  await conditionally(client.send(new UpdateCommand({
    TableName: name,
    Key: { key: item.key },
    UpdateExpression: 'SET #wait.#signalled = :true',
    ConditionExpression: 'attribute_exists(#key)',
    ExpressionAttributeNames: { '#wait': 'wait', '#signalled': 'signalled', '#key': 'key' },
    ExpressionAttributeValues: { ':true': true },
  })));
}

/**
 * Gives a resource's item a new wait (a new wait condition, after an update
 * of the timeout, say): on its item if it has one, else on a new item of a
 * started resource. Enables the fallback, which reads the job at its next run.
 */
export async function registerWait(item: Pick<QueueItem, 'key' | 'kind' | 'name' | 'arn'>, wait: QueuedWait): Promise<void> {
  const { client, name } = table();
  const onItem = await conditionally(client.send(new UpdateCommand({
    TableName: name,
    Key: { key: item.key },
    UpdateExpression: 'SET #wait = :wait',
    ConditionExpression: 'attribute_exists(#key)',
    ExpressionAttributeNames: { '#wait': 'wait', '#key': 'key' },
    ExpressionAttributeValues: { ':wait': wait },
  })));
  if (!onItem) await client.send(new PutCommand({ TableName: name, Item: { ...item, queuedAt: Date.now(), request: {}, state: 'started', wait } }));
  await setFallback(true);
}

/** Removes an item while it is queued: true when it was (then no start can follow), false otherwise. */
export async function removeIfQueued(key: string): Promise<boolean> {
  const { client, name } = table();
  return conditionally(client.send(new DeleteCommand({
    TableName: name,
    Key: { key },
    ConditionExpression: '#state = :queued',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':queued': 'queued' },
  })));
}

export async function removeItem(key: string): Promise<void> {
  const { client, name } = table();
  await client.send(new DeleteCommand({ TableName: name, Key: { key } }));
}

/**
 * Enables or disables the kind's fallback rule, a `rate(10 minutes)` schedule
 * that invokes the watcher while anything waits: handlers enable it when they
 * queue or register a wait, the watcher disables it when nothing is left to
 * do. Its state tells nothing else (an update of the stack, or its rollback,
 * may enable it again). A rule deleted with its stack is no failure
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DisableRule.html).
 * The client reads AWS_ENDPOINT_URL_EVENTBRIDGE, so a local engine can answer.
 */
export async function setFallback(enabled: boolean): Promise<void> {
  const rule = process.env[SLOT_QUEUE_ENV.fallbackRule];
  if (!rule) return;
  events ??= new EventBridgeClient({ maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' });
  try {
    await events.send(enabled ? new EnableRuleCommand({ Name: rule }) : new DisableRuleCommand({ Name: rule }));
    log.info(enabled ? 'Fallback rule enabled' : 'Nothing waits: fallback rule disabled', { rule });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    log.info('The fallback rule of the slot queue no longer exists', { rule });
  }
}

/** A conditional write: true when it was made, false when its condition did not hold. */
async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
