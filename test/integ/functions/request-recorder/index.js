// The onEvent handler of a custom resource provider (the Provider framework's) that records every request it gets in
// the table TABLE_NAME, one item each: `request` (its RequestId), `stack` (its StackId) and `entry`,
// "<RequestType> <LogicalResourceId> <PhysicalResourceId or -> v<Version>", so that a probe can count what a stack
// operation sent (ledger L-49). A Create answers the physical id "<LogicalResourceId>-<Version>"; an Update of a
// resource whose Replace property is "true" answers another one when its Version changes, a replacement
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-update.html); any other keeps
// its id. A resource whose Fail property is "true" fails its Create and Update, after they are recorded.
// As the target of an EventBridge rule whose Input is { "stack": <StackId>, "version": <v> }, it records
// "Event <v>" for that stack (ledger L-47: which of a rule's targets an event reached).
// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const client = new DynamoDBClient({});

const record = (requestId, stack, entry) => client.send(new PutItemCommand({
  TableName: process.env.TABLE_NAME,
  Item: { request: { S: requestId }, stack: { S: stack }, entry: { S: entry } },
}));

exports.handler = async (event, context) => {
  if (!event.RequestType) return record(context.awsRequestId, event.stack, `Event ${event.version}`);
  const { RequestType, LogicalResourceId, PhysicalResourceId, ResourceProperties: properties } = event;
  const entry = `${RequestType} ${LogicalResourceId} ${PhysicalResourceId ?? '-'} v${properties.Version}`;
  await record(event.RequestId, event.StackId, entry);
  if (RequestType === 'Delete') return { PhysicalResourceId };
  if (properties.Fail === 'true') throw new Error(`${LogicalResourceId} fails its ${RequestType}, as its Fail property asks`);
  const replaced = RequestType === 'Update' && properties.Replace === 'true' && properties.Version !== event.OldResourceProperties.Version;
  return { PhysicalResourceId: RequestType === 'Create' || replaced ? `${LogicalResourceId}-${properties.Version}` : PhysicalResourceId };
};
