/*
 * The item operations, request to answer: PutItem, GetItem, UpdateItem,
 * DeleteItem and Scan, with their expressions, ReturnValues and
 * ReturnValuesOnConditionCheckFailure
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html,
 * .../API_GetItem.html, .../API_UpdateItem.html, .../API_DeleteItem.html, .../API_Scan.html).
 */
import { AttributeMap, itemSize } from './attribute-values';
import { DynamoDBError, resourceNotFound, validation } from './errors';
import { Condition, evaluateCondition, parseCondition } from './expressions/condition';
import { Placeholders } from './expressions/parser';
import { Path, project } from './expressions/paths';
import { parseProjection } from './expressions/projection';
import { applyUpdate, parseUpdate, updatedPaths } from './expressions/update';
import { checkedValue, Table } from './table';
import { constraint } from './table-definition';

type Request = Readonly<Record<string, unknown>>;

export interface ItemContext {
  /** The table, or undefined when there is none (ResourceNotFoundException). */
  table(name: string): Table | undefined;
  now(): number;
}

/** Parameters of the legacy API, which the local DynamoDB does not serve (expressions replace them). */
const LEGACY = ['Expected', 'AttributeUpdates', 'ConditionalOperator', 'AttributesToGet', 'ScanFilter', 'KeyConditions', 'QueryFilter'];

/** What PutItem and DeleteItem read alike: the condition, with its placeholders all used, and what to return. */
function conditionalWrite(request: Request) {
  rejectLegacy(request);
  const placeholders = new Placeholders(request.ExpressionAttributeNames, request.ExpressionAttributeValues, 'ConditionExpression is null');
  const condition = optionalCondition('ConditionExpression', request.ConditionExpression, placeholders);
  placeholders.requireExpressions(condition !== undefined);
  placeholders.checkAllUsed();
  const returnValues = oneOf(request.ReturnValues, ['NONE', 'ALL_OLD'], 'ReturnValues can only be ALL_OLD or NONE');
  return { condition, returnValues, onFailure: returnValuesOnConditionCheckFailure(request) };
}

export function putItem(context: ItemContext, request: Request): Record<string, unknown> {
  const { condition, returnValues, onFailure } = conditionalWrite(request);
  if (!request.Item || typeof request.Item !== 'object') throw constraint(undefined, 'item', 'Member must not be null');
  const item = checkedItem(request.Item);
  const table = tableOf(context, request);
  table.checkItem(item);
  const key = table.keyOf(item);
  const existing = table.get(key, true, context.now());
  checkCondition(condition, existing, onFailure);
  const old = table.write(key, item, context.now());
  return { ...attributes(returnValues === 'ALL_OLD' ? old : undefined), ...capacity(request, table, item, 'write') };
}

export function getItem(context: ItemContext, request: Request): Record<string, unknown> {
  rejectLegacy(request);
  const placeholders = new Placeholders(request.ExpressionAttributeNames, undefined, '');
  if (request.ExpressionAttributeValues !== undefined) throw validation('ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null');
  const projection = optionalProjection(request.ProjectionExpression, placeholders);
  placeholders.requireExpressions(projection !== undefined);
  placeholders.checkAllUsed();
  const table = tableOf(context, request);
  const key = table.checkKey(request.Key);
  const consistent = request.ConsistentRead === true;
  const item = table.get(key, consistent, context.now());
  return { ...(item ? { Item: projection ? project(item, projection) : item } : {}), ...capacity(request, table, item, consistent ? 'read' : 'eventual') };
}

export function updateItem(context: ItemContext, request: Request): Record<string, unknown> {
  rejectLegacy(request);
  const placeholders = new Placeholders(request.ExpressionAttributeNames, request.ExpressionAttributeValues, 'UpdateExpression and ConditionExpression are null');
  const source = request.UpdateExpression;
  const update = source === undefined || source === null ? undefined : parseUpdate(String(source), placeholders);
  const condition = optionalCondition('ConditionExpression', request.ConditionExpression, placeholders);
  placeholders.requireExpressions(update !== undefined || condition !== undefined);
  placeholders.checkAllUsed();
  const returnValues = oneOf(request.ReturnValues, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'],
    `1 validation error detected: Value '${String(request.ReturnValues)}' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]`);
  const onFailure = returnValuesOnConditionCheckFailure(request);
  const table = tableOf(context, request);
  const key = table.checkKey(request.Key);
  const paths = update ? updatedPaths(update) : [];
  const keyPath = paths.find((p) => table.keys.some((k) => 'name' in p[0] && p[0].name === k.name));
  if (keyPath) throw validation(`One or more parameter values were invalid: Cannot update attribute ${(keyPath[0] as { name: string }).name}. This attribute is part of the key`);
  const existing = table.get(key, true, context.now());
  checkCondition(condition, existing, onFailure);
  const updated = update ? applyUpdate(update, existing ?? key) : existing ?? key;
  table.checkItem(updated, 'Item size to update has exceeded the maximum allowed size');
  table.write(key, updated, context.now());
  return { ...attributes(returnedAttributes(returnValues, existing, updated, paths)), ...capacity(request, table, updated, 'write') };
}

export function deleteItem(context: ItemContext, request: Request): Record<string, unknown> {
  const { condition, returnValues, onFailure } = conditionalWrite(request);
  const table = tableOf(context, request);
  const key = table.checkKey(request.Key);
  const existing = table.get(key, true, context.now());
  checkCondition(condition, existing, onFailure);
  if (existing) table.write(key, undefined, context.now());
  return { ...attributes(returnValues === 'ALL_OLD' ? existing : undefined), ...capacity(request, table, existing, 'write') };
}

export function scan(context: ItemContext, request: Request): Record<string, unknown> {
  rejectLegacy(request);
  if (request.Segment !== undefined || request.TotalSegments !== undefined) throw validation('Segment, TotalSegments: the local DynamoDB serves sequential scans only');
  const placeholders = new Placeholders(request.ExpressionAttributeNames, request.ExpressionAttributeValues, 'FilterExpression is null');
  const filter = optionalCondition('FilterExpression', request.FilterExpression, placeholders);
  const projection = optionalProjection(request.ProjectionExpression, placeholders);
  placeholders.requireExpressions(filter !== undefined || projection !== undefined);
  placeholders.checkAllUsed();
  const limit = request.Limit;
  if (limit !== undefined && !(Number.isInteger(limit) && (limit as number) >= 1)) {
    throw constraint(limit, 'limit', 'Member must have value greater than or equal to 1');
  }
  const select = request.Select ?? 'ALL_ATTRIBUTES';
  if (select !== 'ALL_ATTRIBUTES' && select !== 'COUNT' && select !== 'SPECIFIC_ATTRIBUTES') throw validation(`Select ${String(select)}: the local DynamoDB serves tables without indexes`);
  const table = tableOf(context, request);
  const startKey = request.ExclusiveStartKey === undefined || request.ExclusiveStartKey === null
    ? undefined
    : startingKey(table, request.ExclusiveStartKey);
  const consistent = request.ConsistentRead === true;
  const page = table.scan({ startKey, limit: limit as number | undefined, consistent, now: context.now() });
  const matching = filter ? page.items.filter((item) => evaluateCondition(filter, item)) : page.items;
  const scannedBytes = page.items.reduce((sum, item) => sum + itemSize(item), 0);
  return {
    ...(select === 'COUNT' ? {} : { Items: projection ? matching.map((item) => project(item, projection)) : matching }),
    Count: matching.length,
    ScannedCount: page.items.length,
    ...(page.lastEvaluatedKey ? { LastEvaluatedKey: page.lastEvaluatedKey } : {}),
    ...(request.ReturnConsumedCapacity === 'TOTAL' || request.ReturnConsumedCapacity === 'INDEXES'
      ? { ConsumedCapacity: { TableName: table.definition.name, CapacityUnits: readUnits(scannedBytes, consistent) } }
      : {}),
  };
}

function startingKey(table: Table, raw: unknown): AttributeMap {
  try {
    return table.checkKey(raw);
  } catch (error) {
    if (error instanceof DynamoDBError) throw validation(`The provided starting key is invalid: ${error.message}`);
    throw error;
  }
}

function tableOf(context: ItemContext, request: Request): Table {
  const table = context.table(String(request.TableName));
  if (!table) throw resourceNotFound();
  return table;
}

function rejectLegacy(request: Request): void {
  const legacy = LEGACY.filter((p) => request[p] !== undefined && request[p] !== null);
  if (legacy.length > 0) throw validation(`${legacy.join(', ')}: the local DynamoDB serves expressions only, not the legacy conditional parameters`);
}

function checkedItem(raw: unknown): AttributeMap {
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, checkedValue(v)]));
}

function optionalCondition(kind: 'ConditionExpression' | 'FilterExpression', source: unknown, placeholders: Placeholders): Condition | undefined {
  return source === undefined || source === null ? undefined : parseCondition(kind, String(source), placeholders);
}

function optionalProjection(source: unknown, placeholders: Placeholders): Path[] | undefined {
  return source === undefined || source === null ? undefined : parseProjection(String(source), placeholders);
}

function oneOf(value: unknown, allowed: readonly string[], message: string): string {
  if (value === undefined || value === null) return 'NONE';
  if (!allowed.includes(String(value))) throw validation(message);
  return String(value);
}

function returnValuesOnConditionCheckFailure(request: Request): string {
  const value = request.ReturnValuesOnConditionCheckFailure;
  return oneOf(value, ['NONE', 'ALL_OLD'],
    `1 validation error detected: Value '${String(value)}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`);
}

/** ConditionalCheckFailedException, with the item as it is when ReturnValuesOnConditionCheckFailure is ALL_OLD. */
function checkCondition(condition: Condition | undefined, existing: AttributeMap | undefined, onFailure: string): void {
  if (!condition || evaluateCondition(condition, existing)) return;
  throw new DynamoDBError('ConditionalCheckFailedException', undefined, onFailure === 'ALL_OLD' && existing ? { Item: existing } : {});
}

function returnedAttributes(
  returnValues: string,
  old: AttributeMap | undefined,
  updated: AttributeMap,
  paths: readonly Path[],
): AttributeMap | undefined {
  switch (returnValues) {
    case 'ALL_OLD': return old;
    case 'ALL_NEW': return updated;
    case 'UPDATED_OLD': return old ? project(old, paths) : undefined;
    case 'UPDATED_NEW': return project(updated, paths);
    default: return undefined;
  }
}

/** `Attributes`, left out when there are none. */
function attributes(item: AttributeMap | undefined): Record<string, unknown> {
  return item && Object.keys(item).length > 0 ? { Attributes: item } : {};
}

/**
 * ConsumedCapacity when asked for: a write unit per KB, a read unit per 4 KB
 * (half for an eventually consistent read), at least one
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */
function capacity(request: Request, table: Table, item: AttributeMap | undefined, kind: 'write' | 'read' | 'eventual'): Record<string, unknown> {
  if (request.ReturnConsumedCapacity !== 'TOTAL' && request.ReturnConsumedCapacity !== 'INDEXES') return {};
  const size = item ? itemSize(item) : 0;
  const units = kind === 'write' ? Math.max(1, Math.ceil(size / 1024)) : readUnits(size, kind === 'read');
  return { ConsumedCapacity: { TableName: table.definition.name, CapacityUnits: units } };
}

function readUnits(bytes: number, consistent: boolean): number {
  return Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
}
