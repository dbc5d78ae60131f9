/*
 * A custom resource's onEvent for the engine's DynamoDB tests: it queues
 * itself in the table of TABLE_NAME, as a job waiting for a slot would,
 * through @aws-sdk/lib-dynamodb. Logs one JSON line per step.
 *
 * Create/Update: PutItem { key: <logical id>, state: 'queued', queuedAt }
 *   unless it exists, then claims it (queued → starting, conditionally),
 *   reads it back (strongly and eventually consistent) and counts the
 *   table's items with a paged Scan. Data: State, Stale (what the eventually
 *   consistent read saw), Count.
 * Delete: DeleteItem of its item.
 */
'use strict';

const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, DeleteCommand, GetCommand, PutCommand, ScanCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');

let client;

exports.onEvent = async (event) => {
  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const TableName = process.env.TABLE_NAME;
  const key = event.LogicalResourceId;
  if (event.RequestType === 'Delete') {
    await client.send(new DeleteCommand({ TableName, Key: { key } }));
    log({ deleted: key });
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  try {
    await client.send(new PutCommand({
      TableName,
      Item: { key, state: 'queued', queuedAt: Date.now(), request: event.ResourceProperties },
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'key' },
    }));
  } catch (error) {
    if (error.name !== 'ConditionalCheckFailedException') throw error;
    log({ alreadyQueued: key });
  }
  const claimed = await client.send(new UpdateCommand({
    TableName,
    Key: { key },
    UpdateExpression: 'SET #state = :starting ADD attempts :one',
    ConditionExpression: '#state = :queued',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':starting': 'starting', ':queued': 'queued', ':one': 1 },
    ReturnValues: 'ALL_NEW',
  })).catch((error) => {
    if (error.name === 'ConditionalCheckFailedException') return { Attributes: undefined };
    throw error;
  });
  const strong = await client.send(new GetCommand({ TableName, Key: { key }, ConsistentRead: true }));
  const eventual = await client.send(new GetCommand({ TableName, Key: { key }, ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' } }));
  let count = 0;
  let ExclusiveStartKey;
  do {
    const page = await client.send(new ScanCommand({ TableName, ConsistentRead: true, Limit: 1, ExclusiveStartKey }));
    count += page.Count;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  log({ claimed: claimed.Attributes, read: strong.Item, stale: eventual.Item ?? null, count, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
  return {
    PhysicalResourceId: event.PhysicalResourceId ?? `${key}-queued`,
    Data: { State: strong.Item.state, Stale: eventual.Item ? eventual.Item.state : 'none', Count: String(count) },
  };
};

function log(line) {
  console.log(JSON.stringify(line));
}
