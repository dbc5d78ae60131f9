/*
 * The local DynamoDB's item operations through the real clients: PutItem,
 * GetItem, UpdateItem, DeleteItem, their ReturnValues and
 * ReturnValuesOnConditionCheckFailure, and the rules on keys, numbers, sets
 * and item sizes that DynamoDB enforces.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { failure, localDynamoDB, queueTable, TABLE } from './dynamodb-fixtures/emulator';
import { createDocumentClient, DynamoDBEmulator, MAX_ITEM_BYTES } from '../../emulator/dynamodb';

const local = localDynamoDB();

test('PutItem and GetItem keep every attribute type; numbers come back normalized', async () => {
  const item = {
    key: { S: 'job-1' },
    n: { N: '007.50' },
    big: { N: '12345678901234567890123456789012345678' },
    b: { B: Buffer.from('hi') },
    ok: { BOOL: true },
    none: { NULL: true },
    m: { M: { a: { S: 'x' } } },
    l: { L: [{ N: '1' }, { S: 'two' }] },
    ss: { SS: ['a', 'b'] },
    ns: { NS: ['1', '2.0'] },
  };
  await local.client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
  const { Item } = await local.client.send(new GetItemCommand({ TableName: TABLE, Key: { key: { S: 'job-1' } }, ConsistentRead: true }));
  expect(Item).toEqual({ ...item, n: { N: '7.5' }, b: { B: new Uint8Array(Buffer.from('hi')) }, ns: { NS: ['1', '2'] } });
  const absent = await local.client.send(new GetItemCommand({ TableName: TABLE, Key: { key: { S: 'nope' } } }));
  expect(absent.Item).toBeUndefined();
  expect(local.db.plainItems(TABLE)[0]).toMatchObject({ key: 'job-1', n: 7.5, ss: ['a', 'b'], none: null });
});

test('the document client round-trips plain values', async () => {
  await local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'job-2', request: { jobName: 'j', tags: [{ key: 'team', value: 'ml' }] }, queuedAt: 1700000000000 } }));
  const { Item } = await local.doc.send(new GetCommand({ TableName: TABLE, Key: { key: 'job-2' }, ProjectionExpression: '#r.jobName, queuedAt', ExpressionAttributeNames: { '#r': 'request' } }));
  expect(Item).toEqual({ request: { jobName: 'j' }, queuedAt: 1700000000000 });
});

test('a claim: a conditional update from queued to starting succeeds once; the second gets ConditionalCheckFailedException', async () => {
  await local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'job-3', state: 'queued' } }));
  const claim = () => local.doc.send(new UpdateCommand({
    TableName: TABLE,
    Key: { key: 'job-3' },
    UpdateExpression: 'SET #state = :starting',
    ConditionExpression: '#state = :queued',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':starting': 'starting', ':queued': 'queued' },
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  }));
  expect((await claim()).Attributes).toEqual({ key: 'job-3', state: 'starting' });
  const second = await failure(claim());
  expect(second).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', status: 400 });
  // The document client leaves the error's item in DynamoDB JSON.
  expect(second.item).toEqual({ key: { S: 'job-3' }, state: { S: 'starting' } });
  // Without ReturnValuesOnConditionCheckFailure, no item; on a missing item, none either.
  const quiet = await failure(local.doc.send(new DeleteCommand({ TableName: TABLE, Key: { key: 'job-3' }, ConditionExpression: 'attribute_not_exists(#k)', ExpressionAttributeNames: { '#k': 'key' } })));
  expect(quiet).toMatchObject({ name: 'ConditionalCheckFailedException', item: undefined });
});

test('ReturnValues: PutItem and DeleteItem take NONE or ALL_OLD; UpdateItem all five', async () => {
  const put = (value: number, returnValues?: 'ALL_OLD') => local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'r', a: value, b: 'keep' }, ReturnValues: returnValues }));
  expect((await put(1, 'ALL_OLD')).Attributes).toBeUndefined();
  expect((await put(2, 'ALL_OLD')).Attributes).toEqual({ key: 'r', a: 1, b: 'keep' });
  expect(await failure(local.client.send(new PutItemCommand({ TableName: TABLE, Item: { key: { S: 'r' } }, ReturnValues: 'ALL_NEW' }))))
    .toMatchObject({ name: 'ValidationException', message: 'ReturnValues can only be ALL_OLD or NONE' });
  const update = (returnValues: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW') => local.doc.send(new UpdateCommand({
    TableName: TABLE, Key: { key: 'r' }, UpdateExpression: 'ADD a :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: returnValues,
  }));
  expect((await update('NONE')).Attributes).toBeUndefined();
  expect((await update('ALL_OLD')).Attributes).toEqual({ key: 'r', a: 3, b: 'keep' });
  expect((await update('UPDATED_OLD')).Attributes).toEqual({ a: 4 });
  expect((await update('ALL_NEW')).Attributes).toEqual({ key: 'r', a: 6, b: 'keep' });
  expect((await update('UPDATED_NEW')).Attributes).toEqual({ a: 7 });
  expect((await local.doc.send(new DeleteCommand({ TableName: TABLE, Key: { key: 'r' }, ReturnValues: 'ALL_OLD' }))).Attributes).toEqual({ key: 'r', a: 7, b: 'keep' });
  expect(local.db.items(TABLE)).toEqual([]);
  expect(await failure(local.client.send(new DeleteItemCommand({ TableName: TABLE, Key: { key: { S: 'r' } }, ReturnValues: 'UPDATED_NEW' }))))
    .toMatchObject({ name: 'ValidationException', message: 'ReturnValues can only be ALL_OLD or NONE' });
});

test('UpdateItem creates the item from its key; an update of a key attribute is refused', async () => {
  await local.doc.send(new UpdateCommand({ TableName: TABLE, Key: { key: 'new' }, UpdateExpression: 'SET queuedAt = :t', ExpressionAttributeValues: { ':t': 5 } }));
  expect(local.db.plainItems(TABLE)).toEqual([{ key: 'new', queuedAt: 5 }]);
  expect(await failure(local.doc.send(new UpdateCommand({
    TableName: TABLE, Key: { key: 'new' }, UpdateExpression: 'SET #k = :v', ExpressionAttributeNames: { '#k': 'key' }, ExpressionAttributeValues: { ':v': 'other' },
  })))).toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: Cannot update attribute key. This attribute is part of the key' });
  expect(await failure(local.doc.send(new UpdateCommand({ TableName: TABLE, Key: { key: 'new' }, UpdateExpression: 'REMOVE #k', ExpressionAttributeNames: { '#k': 'key' } }))))
    .toMatchObject({ message: 'One or more parameter values were invalid: Cannot update attribute key. This attribute is part of the key' });
});

test('keys: present, of the key type, not empty; a Key with other attributes does not match the schema', async () => {
  const put = (item: Record<string, unknown>) => failure(local.client.send(new PutItemCommand({ TableName: TABLE, Item: item as never })));
  expect(await put({ other: { S: 'x' } })).toMatchObject({ name: 'ValidationException', message: 'One or more parameter values were invalid: Missing the key key in the item' });
  expect(await put({ key: { N: '1' } })).toMatchObject({ message: 'One or more parameter values were invalid: Type mismatch for key key expected: S actual: N' });
  expect(await put({ key: { S: '' } })).toMatchObject({
    message: 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: key',
  });
  expect(await put({ key: { S: 'x'.repeat(2049) } })).toMatchObject({ message: 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes' });
  const get = (key: Record<string, unknown>) => failure(local.client.send(new GetItemCommand({ TableName: TABLE, Key: key as never })));
  expect(await get({ key: { S: 'a' }, extra: { S: 'b' } })).toMatchObject({ name: 'ValidationException', message: 'The provided key element does not match the schema' });
  expect(await get({ key: { N: '1' } })).toMatchObject({ message: 'The provided key element does not match the schema' });
  expect(await get({ id: { S: 'a' } })).toMatchObject({ message: 'The provided key element does not match the schema' });
  // An empty string is a valid value of any other attribute.
  await local.client.send(new PutItemCommand({ TableName: TABLE, Item: { key: { S: 'k' }, note: { S: '' } } }));
});

test('numbers: up to 38 significant digits, within DynamoDB\'s range; sets neither empty nor with duplicates', async () => {
  const put = (value: Record<string, unknown>) => failure(local.client.send(new PutItemCommand({ TableName: TABLE, Item: { key: { S: 'n' }, v: value as never } })));
  expect(await put({ N: '123456789012345678901234567890123456789' })).toMatchObject({ name: 'ValidationException', message: 'Attempting to store more than 38 significant digits in a Number' });
  expect(await put({ N: '1e126' })).toMatchObject({ message: 'Number overflow. Attempting to store a number with magnitude larger than supported range' });
  expect(await put({ N: '1e-131' })).toMatchObject({ message: 'Number underflow. Attempting to store a number with magnitude smaller than supported range' });
  expect(await put({ N: 'abc' })).toMatchObject({ message: 'The parameter cannot be converted to a numeric value: abc' });
  expect(await put({ SS: [] })).toMatchObject({ message: 'One or more parameter values were invalid: An string set  may not be empty' });
  expect(await put({ SS: ['a', 'a'] })).toMatchObject({ message: 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.' });
  expect(await put({ NS: ['1', '1.0'] })).toMatchObject({ message: 'Input collection contains duplicates' });
  // 38 digits with trailing zeros dropped fit; the document client refuses lossy JavaScript numbers before sending.
  await local.client.send(new PutItemCommand({ TableName: TABLE, Item: { key: { S: 'n' }, v: { N: '1234567890123456789012345678901234567800000' } } }));
  expect(local.db.items(TABLE)[0].v).toEqual({ N: '1234567890123456789012345678901234567800000' });
});

test('items over 400 KB are refused, names counted; an update that would grow one past it too', async () => {
  const name = 'payload';
  const fits = 'x'.repeat(MAX_ITEM_BYTES - Buffer.byteLength('key') - 1 - Buffer.byteLength(name));
  await local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'k', [name]: fits } }));
  expect(await failure(local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'k', [name]: `${fits}x` } }))))
    .toMatchObject({ name: 'ValidationException', message: 'Item size has exceeded the maximum allowed size' });
  expect(await failure(local.doc.send(new UpdateCommand({ TableName: TABLE, Key: { key: 'k' }, UpdateExpression: 'SET more = :m', ExpressionAttributeValues: { ':m': 'y' } }))))
    .toMatchObject({ name: 'ValidationException', message: 'Item size to update has exceeded the maximum allowed size' });
  expect(local.db.plainItems(TABLE)[0].more).toBeUndefined();
});

test('operations on a table that does not exist: ResourceNotFoundException', async () => {
  expect(await failure(local.doc.send(new GetCommand({ TableName: 'missing', Key: { key: 'k' } }))))
    .toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found', status: 400 });
  expect(await failure(local.client.send(new UpdateItemCommand({ TableName: 'missing', Key: { key: { S: 'k' } }, UpdateExpression: 'REMOVE a' }))))
    .toMatchObject({ name: 'ResourceNotFoundException' });
});

test('eventually consistent reads may miss a write of the last second; strongly consistent ones see it', async () => {
  let now = 1_000_000;
  const db = await DynamoDBEmulator.start({ now: () => now });
  try {
    db.createTable(queueTable());
    const doc = createDocumentClient(db, { maxAttempts: 1 });
    await doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'k', state: 'queued' } }));
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { key: 'k' } }))).Item).toBeUndefined();
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { key: 'k' }, ConsistentRead: true }))).Item).toEqual({ key: 'k', state: 'queued' });
    now += 1000;
    await doc.send(new DeleteCommand({ TableName: TABLE, Key: { key: 'k' } }));
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { key: 'k' } }))).Item).toEqual({ key: 'k', state: 'queued' });
    now += 1000;
    expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { key: 'k' } }))).Item).toBeUndefined();
    doc.destroy();
  } finally {
    await db.stop();
  }
});
