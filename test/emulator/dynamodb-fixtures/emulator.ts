/*
 * A local DynamoDB for the emulator's tests: one per suite, a fresh `queue`
 * table (partition key `key`, a string) before each test, and both real
 * clients without retries (maxAttempts 1) so that errors show as DynamoDB
 * sends them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoDBClient, DynamoDBEmulator, DynamoDBEmulatorOptions } from '../../../emulator/dynamodb';

export const TABLE = 'queue';

/** The CreateTable request of a queue table: partition key `key`, a string, on demand. */
export function queueTable(name = TABLE): Record<string, unknown> {
  return {
    TableName: name,
    KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

export interface Local {
  db: DynamoDBEmulator;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
}

/** Starts the emulator for the suite; `options` default to strongly consistent reads (staleReadMs 0). */
export function localDynamoDB(options: DynamoDBEmulatorOptions = { staleReadMs: 0 }): Local {
  const local = {} as Local;
  beforeAll(async () => {
    local.db = await DynamoDBEmulator.start(options);
    local.client = createDynamoDBClient(local.db, { maxAttempts: 1 });
    local.doc = createDocumentClient(local.db, { maxAttempts: 1 });
  });
  beforeEach(() => {
    local.db.reset();
    local.db.createTable(queueTable());
  });
  afterAll(async () => {
    local.client?.destroy();
    await local.db?.stop();
  });
  return local;
}

/** The error a call rejects with: its name, message and the body's extra members. */
export async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number; item?: unknown }> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; Item?: unknown };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, item: e.Item };
  }
  throw new Error('expected the call to fail');
}
