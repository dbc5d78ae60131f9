/*
 * The local DynamoDB's Scan (its order, Limit, 1 MB pages, ExclusiveStartKey,
 * filters), its table operations, its faults and its unknown operations,
 * through the real clients.
 */
import {
  CreateTableCommand, DeleteTableCommand, DescribeTableCommand, GetItemCommand, ListTablesCommand, PutItemCommand, QueryCommand,
  ScanCommand, ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand as DocScanCommand } from '@aws-sdk/lib-dynamodb';
import { failure, localDynamoDB, queueTable, TABLE } from './dynamodb-fixtures/emulator';
import { createDynamoDBClient, DynamoDBEmulator, MAX_PAGE_BYTES } from '../../emulator/dynamodb';

const local = localDynamoDB();

async function putMany(count: number, extra: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
  const keys = Array.from({ length: count }, (_, i) => `job-${String(i).padStart(3, '0')}`);
  for (const [i, key] of keys.entries()) await local.doc.send(new PutCommand({ TableName: TABLE, Item: { key, queuedAt: i, ...extra(i) } }));
  return keys;
}

test('Scan returns every item in its own order (not insertion, not key order); Limit pages name their last key', async () => {
  const keys = await putMany(12);
  const pages: ScanCommandOutput[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await local.client.send(new ScanCommand({ TableName: TABLE, Limit: 5, ExclusiveStartKey: start }));
    pages.push(page);
    start = page.LastEvaluatedKey;
  } while (start);
  expect(pages.map((p) => p.Count)).toEqual([5, 5, 2]);
  const scanned = pages.flatMap((p) => p.Items!.map((i) => i.key.S!));
  expect([...scanned].sort()).toEqual(keys);
  expect(scanned).not.toEqual(keys);
  expect(pages[0].LastEvaluatedKey).toEqual({ key: pages[0].Items![4].key });
  // A page that fills its Limit names a LastEvaluatedKey even when nothing follows.
  const exact = await local.client.send(new ScanCommand({ TableName: TABLE, Limit: 12 }));
  expect(exact.LastEvaluatedKey).toBeDefined();
  expect((await local.client.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: exact.LastEvaluatedKey }))).Items).toEqual([]);
  expect(local.db.items(TABLE).map((i) => i.key)).toEqual(scanned.map((S) => ({ S })));
});

test('Scan stops a page at 1 MB of items', async () => {
  const size = 300 * 1024;
  await putMany(5, () => ({ payload: 'x'.repeat(size) }));
  const first = await local.doc.send(new DocScanCommand({ TableName: TABLE }));
  expect(first.Count).toBe(Math.floor(MAX_PAGE_BYTES / size));
  expect(first.LastEvaluatedKey).toBeDefined();
  const second = await local.doc.send(new DocScanCommand({ TableName: TABLE, ExclusiveStartKey: first.LastEvaluatedKey }));
  expect(second.Count).toBe(5 - first.Count!);
  expect(second.LastEvaluatedKey).toBeUndefined();
});

test('Scan: FilterExpression after the page is read, ProjectionExpression, Select COUNT; a bad Limit or starting key is refused', async () => {
  await putMany(6, (i) => ({ state: i % 2 === 0 ? 'queued' : 'started' }));
  const queued = await local.doc.send(new DocScanCommand({
    TableName: TABLE, FilterExpression: '#s = :q', ProjectionExpression: '#k, queuedAt', ExpressionAttributeNames: { '#s': 'state', '#k': 'key' }, ExpressionAttributeValues: { ':q': 'queued' },
  }));
  expect(queued).toMatchObject({ Count: 3, ScannedCount: 6 });
  expect(queued.Items!.map((i) => i.queuedAt).sort()).toEqual([0, 2, 4]);
  expect(Object.keys(queued.Items![0]).sort()).toEqual(['key', 'queuedAt']);
  const limited = await local.client.send(new ScanCommand({ TableName: TABLE, Limit: 2, FilterExpression: 'queuedAt > :n', ExpressionAttributeValues: { ':n': { N: '100' } } }));
  expect(limited).toMatchObject({ Count: 0, ScannedCount: 2, Items: [] });
  expect(limited.LastEvaluatedKey).toBeDefined();
  const counted = await local.client.send(new ScanCommand({ TableName: TABLE, Select: 'COUNT' }));
  expect(counted.Count).toBe(6);
  expect(counted.Items).toBeUndefined();
  expect(await failure(local.client.send(new ScanCommand({ TableName: TABLE, Limit: 0 }))))
    .toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1" });
  expect(await failure(local.client.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey: { id: { S: 'x' } } }))))
    .toMatchObject({ message: 'The provided starting key is invalid: The provided key element does not match the schema' });
});

test('a Scan without ConsistentRead may miss the writes of the last second', async () => {
  let now = 5_000_000;
  const db = await DynamoDBEmulator.start({ now: () => now });
  const client = createDynamoDBClient(db, { maxAttempts: 1 });
  try {
    db.createTable(queueTable());
    db.answer('DynamoDB_20120810.PutItem', JSON.stringify({ TableName: TABLE, Item: { key: { S: 'a' } } }));
    expect((await client.send(new ScanCommand({ TableName: TABLE }))).Count).toBe(0);
    expect((await client.send(new ScanCommand({ TableName: TABLE, ConsistentRead: true }))).Count).toBe(1);
    now += 1000;
    expect((await client.send(new ScanCommand({ TableName: TABLE }))).Count).toBe(1);
  } finally {
    client.destroy();
    await db.stop();
  }
});

test('CreateTable, DescribeTable, ListTables, DeleteTable, with DynamoDB\'s errors', async () => {
  const created = await local.client.send(new CreateTableCommand({
    TableName: 'jobs-queue',
    KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  }));
  expect(created.TableDescription).toMatchObject({ TableStatus: 'CREATING', TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/jobs-queue', BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' } });
  expect(created.TableDescription!.LatestStreamArn).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/jobs-queue\/stream\//);
  const described = await local.client.send(new DescribeTableCommand({ TableName: 'jobs-queue' }));
  expect(described.Table).toMatchObject({ TableStatus: 'ACTIVE', ItemCount: 0, KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }] });
  expect((await local.client.send(new ListTablesCommand({}))).TableNames).toEqual(['jobs-queue', TABLE]);
  const again = { TableName: 'jobs-queue', KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' as const }], AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' as const }], BillingMode: 'PAY_PER_REQUEST' as const };
  expect(await failure(local.client.send(new CreateTableCommand(again)))).toMatchObject({ name: 'ResourceInUseException', message: 'Table already exists: jobs-queue' });
  expect((await local.client.send(new DeleteTableCommand({ TableName: 'jobs-queue' }))).TableDescription).toMatchObject({ TableStatus: 'DELETING' });
  expect(await failure(local.client.send(new DescribeTableCommand({ TableName: 'jobs-queue' }))))
    .toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found: Table: jobs-queue not found' });
  expect(await failure(local.client.send(new DeleteTableCommand({ TableName: 'jobs-queue' })))).toMatchObject({ name: 'ResourceNotFoundException' });
});

test('a table with deletion protection is not deleted, by DeleteTable or in-process', async () => {
  local.db.createTable({ ...queueTable('kept'), DeletionProtectionEnabled: true });
  const refusal = "1 validation error detected: Table 'kept' can't be deleted while DeletionProtectionEnabled is set to True";
  expect(await failure(local.client.send(new DeleteTableCommand({ TableName: 'kept' })))).toMatchObject({ name: 'ValidationException', message: refusal, status: 400 });
  expect(() => local.db.deleteTable('kept')).toThrow(refusal);
  expect(local.db.describeTable('kept')).toMatchObject({ TableStatus: 'ACTIVE', DeletionProtectionEnabled: true });
});

test('CreateTable refuses what DynamoDB refuses', async () => {
  const create = (input: Record<string, unknown>) => failure(local.client.send(new CreateTableCommand({
    TableName: 'jobs-queue', KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST', ...input,
  } as never)));
  expect(await create({ TableName: 'q' })).toMatchObject({ name: 'ValidationException', message: "1 validation error detected: Value 'q' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3" });
  expect(await create({ AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }))
    .toMatchObject({ message: 'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [key], AttributeDefinitions: [id]' });
  expect(await create({ AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }, { AttributeName: 'state', AttributeType: 'S' }] }))
    .toMatchObject({ message: 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions' });
  expect(await create({ KeySchema: [{ AttributeName: 'key', KeyType: 'RANGE' }] })).toMatchObject({ message: 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type' });
  expect(await create({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }))
    .toMatchObject({ message: 'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST' });
  expect(await create({ BillingMode: undefined }))
    .toMatchObject({ message: 'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED' });
  expect(local.db.tableNames()).toEqual([TABLE]);
});

test('faults: throttling N times (the SDK retries it), internal errors, by operation and table; the operation is not applied', async () => {
  const throttle = local.db.faults.throttle({ operation: 'PutItem', table: TABLE, times: 2 });
  expect(await failure(local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'a' } }))))
    .toMatchObject({ name: 'ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.', status: 400 });
  expect(local.db.items(TABLE)).toEqual([]);
  const retrying = createDynamoDBClient(local.db, { maxAttempts: 3 });
  await retrying.send(new ScanCommand({ TableName: TABLE }));
  local.db.faults.provisionedThroughputExceeded({ operation: 'Scan', times: 1 });
  const scanned = await retrying.send(new ScanCommand({ TableName: TABLE }));
  expect(scanned.$metadata.attempts).toBe(2);
  expect(throttle.injected).toBe(1);
  const { $metadata } = await retrying.send(new PutItemCommand({ TableName: TABLE, Item: { key: { S: 'a' } } }));
  expect($metadata.attempts).toBe(2);
  expect(throttle.injected).toBe(2);
  local.db.faults.internalError({ operation: ['GetItem'] });
  expect(await failure(local.client.send(new GetItemCommand({ TableName: TABLE, Key: { key: { S: 'a' } } }))))
    .toMatchObject({ name: 'InternalServerError', message: 'Internal server error', status: 500 });
  expect(local.db.callsTo('PutItem').map((c) => c.errorCode)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
  retrying.destroy();
});

test('operations it does not serve answer UnknownOperationException, naming those it does', async () => {
  expect(await failure(local.client.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: '#k = :k', ExpressionAttributeNames: { '#k': 'key' }, ExpressionAttributeValues: { ':k': { S: 'a' } } }))))
    .toMatchObject({ name: 'UnknownOperationException', message: expect.stringContaining('Query: the local DynamoDB serves CreateTable') });
});

test('answers carry no Date (see createLoopbackServer): a client on another clock sees no skew to correct', async () => {
  const answer = await fetch(`${local.db.endpoint}/`, { method: 'POST', headers: { 'X-Amz-Target': 'DynamoDB_20120810.ListTables', 'Content-Type': 'application/x-amz-json-1.0' }, body: '{}' });
  expect(answer.headers.get('date')).toBeNull();
});
