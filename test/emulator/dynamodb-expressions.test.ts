/*
 * The local DynamoDB's expressions through the real clients: every form of
 * ConditionExpression and UpdateExpression, ProjectionExpression, and the
 * refusals of ExpressionAttributeNames / ExpressionAttributeValues, reserved
 * words and syntax as DynamoDB words them.
 */
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { failure, localDynamoDB, TABLE } from './dynamodb-fixtures/emulator';

const local = localDynamoDB();

const ITEM = { key: 'job', state: 'queued', queuedAt: 10, name: 'runbook-assistant', tags: new Set(['a', 'b']), steps: [1, 2, 3], request: { jobName: 'j', size: 3 }, blank: '' };

beforeEach(() => local.doc.send(new PutCommand({ TableName: TABLE, Item: ITEM })));

/** Whether a ConditionExpression holds for ITEM (a conditional put of the same item). */
async function holds(condition: string, values?: Record<string, unknown>, names?: Record<string, string>): Promise<boolean> {
  try {
    await local.doc.send(new PutCommand({
      TableName: TABLE, Item: ITEM, ConditionExpression: condition, ExpressionAttributeValues: values, ExpressionAttributeNames: names,
    }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

const S = { '#s': 'state' };

test('comparisons: = <> < <= > >= on strings and numbers; a missing attribute satisfies only <>', async () => {
  expect(await holds('#s = :q', { ':q': 'queued' }, S)).toBe(true);
  expect(await holds('#s <> :q', { ':q': 'queued' }, S)).toBe(false);
  expect(await holds('queuedAt < :t', { ':t': 11 })).toBe(true);
  expect(await holds('queuedAt <= :t', { ':t': 10 })).toBe(true);
  expect(await holds('queuedAt > :t', { ':t': 10 })).toBe(false);
  expect(await holds('queuedAt >= :t', { ':t': 10 })).toBe(true);
  expect(await holds('#s < :r', { ':r': 'r' }, S)).toBe(true);
  // Another type never compares: 10 is not "10".
  expect(await holds('queuedAt = :t', { ':t': '10' })).toBe(false);
  expect(await holds('absent = :q', { ':q': 'queued' })).toBe(false);
  expect(await holds('absent <> :q', { ':q': 'queued' })).toBe(true);
  expect(await holds('absent < :q', { ':q': 'queued' })).toBe(false);
});

test('BETWEEN, IN, and the functions', async () => {
  expect(await holds('queuedAt BETWEEN :a AND :b', { ':a': 5, ':b': 10 })).toBe(true);
  expect(await holds('queuedAt between :a and :b', { ':a': 11, ':b': 20 })).toBe(false);
  expect(await failure(local.doc.send(new PutCommand({ TableName: TABLE, Item: ITEM, ConditionExpression: 'queuedAt BETWEEN :a AND :b', ExpressionAttributeValues: { ':a': 5, ':b': 1 } }))))
    .toMatchObject({ name: 'ValidationException', message: expect.stringContaining('Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound') });
  expect(await holds('#s IN (:a, :b)', { ':a': 'starting', ':b': 'queued' }, S)).toBe(true);
  expect(await holds('#s IN (:a)', { ':a': 'starting' }, S)).toBe(false);
  expect(await holds('attribute_exists(queuedAt) AND attribute_not_exists(startedAt)')).toBe(true);
  expect(await holds('attribute_exists(#r.jobName)', undefined, { '#r': 'request' })).toBe(true);
  expect(await holds('begins_with(#n, :p)', { ':p': 'runbook' }, { '#n': 'name' })).toBe(true);
  expect(await holds('begins_with(#n, :p)', { ':p': 'assistant' }, { '#n': 'name' })).toBe(false);
  expect(await holds('contains(tags, :t) AND contains(steps, :n) AND contains(#n, :sub)', { ':t': 'b', ':n': 2, ':sub': 'assist' }, { '#n': 'name' })).toBe(true);
  expect(await holds('size(steps) = :three AND size(tags) < :three AND size(#n) > :three', { ':three': 3 }, { '#n': 'name' })).toBe(true);
  expect(await holds('size(blank) = :zero', { ':zero': 0 })).toBe(true);
  expect(await holds('attribute_type(queuedAt, :n) AND attribute_type(tags, :ss)', { ':n': 'N', ':ss': 'SS' })).toBe(true);
  expect(await holds('steps[1] = :two', { ':two': 2 })).toBe(true);
});

test('AND, OR, NOT and parentheses: NOT binds tighter than AND, AND tighter than OR', async () => {
  const values = { ':q': 'queued', ':x': 'x' };
  expect(await holds('#s = :x OR #s = :q AND queuedAt = queuedAt', values, S)).toBe(true);
  expect(await holds('(#s = :x OR #s = :q) AND NOT attribute_exists(queuedAt)', values, S)).toBe(false);
  expect(await holds('NOT #s = :x AND #s = :q', values, S)).toBe(true);
  expect(await holds('NOT (#s = :x OR #s = :q)', values, S)).toBe(false);
});

test('a condition on an item that does not exist sees no attributes', async () => {
  const put = (condition: string) => local.doc.send(new PutCommand({ TableName: TABLE, Item: { key: 'fresh' }, ConditionExpression: condition, ExpressionAttributeNames: { '#k': 'key' } }));
  await put('attribute_not_exists(#k)');
  expect(await failure(put('attribute_not_exists(#k)'))).toMatchObject({ name: 'ConditionalCheckFailedException' });
});

type Values = Record<string, unknown>;

async function updated(expression: string, values?: Values, names?: Record<string, string>): Promise<Values | undefined> {
  const { Attributes } = await local.doc.send(new UpdateCommand({
    TableName: TABLE, Key: { key: 'job' }, UpdateExpression: expression, ExpressionAttributeValues: values, ExpressionAttributeNames: names, ReturnValues: 'ALL_NEW',
  }));
  return Attributes;
}

test('SET: values, + and -, if_not_exists, list_append, nested paths and list elements', async () => {
  expect(await updated('SET attempts = if_not_exists(attempts, :zero) + :one, queuedAt = queuedAt - :one', { ':zero': 0, ':one': 1 }))
    .toMatchObject({ attempts: 1, queuedAt: 9 });
  expect(await updated('SET attempts = if_not_exists(attempts, :zero) + :one', { ':zero': 0, ':one': 1 })).toMatchObject({ attempts: 2 });
  expect(await updated('SET steps = list_append(:first, steps), #r.jobName = :j', { ':first': [0], ':j': 'k' }, { '#r': 'request' }))
    .toMatchObject({ steps: [0, 1, 2, 3], request: { jobName: 'k', size: 3 } });
  expect(await updated('SET steps[1] = :z, steps[99] = :end', { ':z': 'zero', ':end': 'end' })).toMatchObject({ steps: [0, 'zero', 2, 3, 'end'] });
  // Values come from the item as it was: a swap.
  expect(await updated('SET a = queuedAt, queuedAt = attempts')).toMatchObject({ a: 9, queuedAt: 2 });
});

test('REMOVE, ADD and DELETE', async () => {
  expect(await updated('REMOVE #s, steps[0], steps[2]', undefined, S)).toEqual(expect.not.objectContaining({ state: expect.anything() }));
  expect((await local.doc.send(new GetCommand({ TableName: TABLE, Key: { key: 'job' }, ConsistentRead: true }))).Item?.steps).toEqual([2]);
  expect(await updated('ADD queuedAt :five, tally :one, tags :more', { ':five': 5, ':one': 1, ':more': new Set(['b', 'c']) }))
    .toMatchObject({ queuedAt: 15, tally: 1, tags: new Set(['a', 'b', 'c']) });
  expect(await updated('DELETE tags :ab', { ':ab': new Set(['a', 'b']) })).toMatchObject({ tags: new Set(['c']) });
  // A set emptied by DELETE goes.
  expect(await updated('DELETE tags :c', { ':c': new Set(['c']) })).toEqual(expect.not.objectContaining({ tags: expect.anything() }));
  expect(await updated('REMOVE nope, #r.nope', undefined, { '#r': 'request' })).toMatchObject({ key: 'job' });
});

test('arithmetic is exact, and a result DynamoDB cannot store is refused, by SET + and by ADD', async () => {
  const update = (expression: string, values: Record<string, { N: string }>) => local.client.send(new UpdateItemCommand({
    TableName: TABLE, Key: { key: { S: 'job' } }, UpdateExpression: expression, ExpressionAttributeValues: values, ReturnValues: 'UPDATED_NEW',
  }));
  // 38 significant digits plus 1 stay exact, which a JavaScript number would not.
  const exact = await update('SET big = :a + :b', { ':a': { N: '12345678901234567890123456789012345678' }, ':b': { N: '1' } });
  expect(exact.Attributes).toEqual({ big: { N: '12345678901234567890123456789012345679' } });
  const overflow = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  expect(await failure(update('SET big = :m + :m', { ':m': { N: '9E+125' } }))).toMatchObject({ name: 'ValidationException', message: overflow });
  await update('SET big = :m', { ':m': { N: '9E+125' } });
  expect(await failure(update('ADD big :m', { ':m': { N: '9E+125' } }))).toMatchObject({ name: 'ValidationException', message: overflow });
  expect(local.db.items(TABLE)[0].big).toEqual({ N: `9${'0'.repeat(125)}` });
});

test('update refusals: operand types, a missing attribute in a value, overlapping paths, a clause twice', async () => {
  const refusal = (expression: string, values?: Record<string, unknown>) => failure(updated(expression, values));
  expect(await refusal('SET a = absent + :one', { ':one': 1 })).toMatchObject({ name: 'ValidationException', message: 'The provided expression refers to an attribute that does not exist in the item' });
  expect(await refusal('SET a = #n + :one'.replace('#n', 'steps'), { ':one': 1 })).toMatchObject({ message: 'An operand in the update expression has an incorrect data type' });
  expect(await refusal('SET a = queuedAt + :s', { ':s': 'x' })).toMatchObject({ message: 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S' });
  expect(await refusal('SET a = list_append(steps, :s)', { ':s': 'x' })).toMatchObject({ message: 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S' });
  expect(await refusal('ADD a :s', { ':s': 'x' })).toMatchObject({ message: 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING' });
  expect(await refusal('DELETE tags :n', { ':n': 1 })).toMatchObject({ message: 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER' });
  expect(await refusal('ADD tags :n', { ':n': 1 })).toMatchObject({ message: 'An operand in the update expression has an incorrect data type' });
  expect(await refusal('SET steps = :a, steps[0] = :b', { ':a': [], ':b': 1 }))
    .toMatchObject({ message: 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [steps], path two: [steps, [0]]' });
  expect(await refusal('SET a = :a SET b = :a', { ':a': 1 })).toMatchObject({ message: 'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;' });
  expect(await refusal('SET absent.child = :a', { ':a': 1 })).toMatchObject({ message: 'The document path provided in the update expression is invalid for update' });
  expect(await refusal('SET a = size(steps)')).toMatchObject({ message: 'Invalid UpdateExpression: Invalid function name; function: size' });
});

test('placeholders: defined, used, not empty; reserved words need one', async () => {
  const send = (input: Record<string, unknown>) => failure(local.client.send(new UpdateItemCommand({ TableName: TABLE, Key: { key: { S: 'job' } }, ...input } as never)));
  expect(await send({ UpdateExpression: 'SET a = :v' }))
    .toMatchObject({ name: 'ValidationException', message: 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v' });
  expect(await send({ UpdateExpression: 'SET #a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }))
    .toMatchObject({ message: 'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #a' });
  expect(await send({ UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x' }, ':unused': { S: 'y' } } }))
    .toMatchObject({ message: 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}' });
  expect(await send({ UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } }, ExpressionAttributeNames: { '#unused': 'b' } }))
    .toMatchObject({ message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}' });
  expect(await send({ UpdateExpression: 'SET a = :v', ExpressionAttributeValues: {} })).toMatchObject({ message: 'ExpressionAttributeValues must not be empty' });
  expect(await send({ UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { v: { S: 'x' } } }))
    .toMatchObject({ message: 'ExpressionAttributeValues contains invalid key: Syntax error; key: "v"' });
  expect(await send({ UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { SS: [] } } }))
    .toMatchObject({ message: 'ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v' });
  expect(await send({ UpdateExpression: 'SET #state = :v', ExpressionAttributeValues: { ':v': { S: 'x' } }, ConditionExpression: 'attribute_exists(key)', ExpressionAttributeNames: { '#state': 'state' } }))
    .toMatchObject({ message: 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: key' });
  expect(await send({ UpdateExpression: 'SET status = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }))
    .toMatchObject({ message: 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status' });
  const put = (input: Record<string, unknown>) => failure(local.client.send(new PutItemCommand({ TableName: TABLE, Item: { key: { S: 'p' } }, ...input } as never)));
  expect(await put({ ExpressionAttributeValues: { ':v': { S: 'x' } } })).toMatchObject({ message: 'ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null' });
  expect(await put({ ExpressionAttributeNames: { '#n': 'x' } })).toMatchObject({ message: 'ExpressionAttributeNames can only be specified when using expressions' });
  expect(await put({ Expected: { a: { Exists: false } } })).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('the local DynamoDB serves expressions only') });
});

test('syntax errors name the token; an empty expression or an unknown function is refused', async () => {
  const condition = (expression: string) => failure(local.doc.send(new PutCommand({
    TableName: TABLE, Item: ITEM, ConditionExpression: expression,
  })));
  expect(await condition('queuedAt = = queuedAt')).toMatchObject({ name: 'ValidationException', message: 'Invalid ConditionExpression: Syntax error; token: "=", near: "= queuedAt"' });
  expect(await condition('queuedAt =')).toMatchObject({ message: 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="' });
  expect(await condition('')).toMatchObject({ message: 'Invalid ConditionExpression: The expression can not be empty;' });
  expect(await condition('exists(queuedAt)')).toMatchObject({ message: 'Invalid ConditionExpression: Invalid function name; function: exists' });
  expect(await condition('begins_with(queuedAt)')).toMatchObject({ message: 'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1' });
  expect(await failure(updated('INVALID SYNTAX HERE'))).toMatchObject({ message: 'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"' });
});

test('ProjectionExpression: top-level and nested attributes, list elements', async () => {
  const get = (projection: string, names?: Record<string, string>) => local.doc.send(new GetCommand({
    TableName: TABLE, Key: { key: 'job' }, ProjectionExpression: projection, ExpressionAttributeNames: names,
  })).then((r) => r.Item);
  expect(await get('queuedAt, #r.jobName, steps[2], steps[0]', { '#r': 'request' })).toEqual({ queuedAt: 10, request: { jobName: 'j' }, steps: [1, 3] });
  expect(await get('absent')).toEqual({});
  expect(await failure(get('#s', { '#s': 'state', '#x': 'x' }))).toMatchObject({ message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}' });
});
