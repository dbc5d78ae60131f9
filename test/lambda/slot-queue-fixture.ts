/*
 * The stack's slot queue for handler unit tests: an in-memory table behind
 * the mocked DynamoDB document client, taking the requests
 * lambda/shared/slot-queue.ts sends (and only those), with their conditions,
 * and the mocked EventBridge client for the fallback rule.
 */
import { DisableRuleCommand, EnableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { QueueItem } from '../../lambda/shared/slot-queue';

export const TABLE = 'FineTuneStack-BedrockSlotQueueTable-1A2B3C';
export const FALLBACK_RULE = 'bedrock-slots-0123abcd-job-fallback';

type Item = Record<string, any>;

class ConditionalCheckFailed extends Error {
  public readonly name = 'ConditionalCheckFailedException';
}

export interface SlotQueueFixture {
  /** The table's items by key. */
  readonly items: Map<string, Item>;
  readonly documents: AwsClientStub<DynamoDBDocumentClient>;
  readonly events: AwsClientStub<EventBridgeClient>;
  put(item: QueueItem): void;
}

/** The queue's environment, an empty table before each test, and the fake's handling of each request. */
export function useSlotQueue(): SlotQueueFixture {
  const items = new Map<string, Item>();
  const documents = mockClient(DynamoDBDocumentClient);
  const events = mockClient(EventBridgeClient);
  const env = { BEDROCK_SLOT_QUEUE_TABLE: TABLE, BEDROCK_SLOT_QUEUE_FALLBACK_RULE: FALLBACK_RULE };
  let saved: Record<string, string | undefined> = {};

  beforeEach(() => {
    items.clear();
    saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    documents.reset();
    events.reset();
    events.on(EnableRuleCommand).resolves({});
    events.on(DisableRuleCommand).resolves({});
    documents.on(PutCommand).callsFake((input) => {
      if (input.ConditionExpression && items.has(input.Item.key)) throw new ConditionalCheckFailed('The conditional request failed');
      items.set(input.Item.key, structuredClone(input.Item));
      return {};
    });
    documents.on(GetCommand).callsFake((input) => ({ Item: clone(items.get(input.Key.key)) }));
    documents.on(ScanCommand).callsFake(() => ({ Items: [...items.values()].map(clone) }));
    documents.on(DeleteCommand).callsFake((input) => {
      const item = items.get(input.Key.key);
      if (input.ConditionExpression === '#state = :queued' && item?.state !== 'queued') throw new ConditionalCheckFailed('The conditional request failed');
      items.delete(input.Key.key);
      return {};
    });
    documents.on(UpdateCommand).callsFake((input) => {
      const item = items.get(input.Key.key);
      const values = input.ExpressionAttributeValues ?? {};
      if (input.UpdateExpression === 'SET #wait.#signalled = :true') {
        if (!item) throw new ConditionalCheckFailed('The conditional request failed');
        item.wait.signalled = true;
        return {};
      }
      // A transition: `SET #state = :to, #<field> = :<field>, ...` if `#state = :from`.
      if (!item || item.state !== values[':from']) throw new ConditionalCheckFailed('The conditional request failed');
      item.state = values[':to'];
      for (const [name, field] of Object.entries<string>(input.ExpressionAttributeNames ?? {})) {
        if (name !== '#state') item[field] = values[`:${field}`];
      }
      return {};
    });
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  return { items, documents, events, put: (item) => items.set(item.key, structuredClone(item)) };
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}
