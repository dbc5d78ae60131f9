// The onEvent handler of a custom resource provider (the Provider framework's) that records every request it gets in
// the table TABLE_NAME, one item each: `request` (its RequestId), `stack` (its StackId) and `entry`,
// "<RequestType> <LogicalResourceId> <PhysicalResourceId or -> v<Version>", so that a probe can count what a stack
// operation sent (ledger L-49). A Create answers the physical id "<LogicalResourceId>-<Version>"; an Update of a
// resource whose Replace property is "true" answers another one when its Version changes, a replacement
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-update.html); any other keeps
// its id. A resource whose Fail property is "true" fails its Create and Update, after they are recorded.
// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const client = new DynamoDBClient({});

exports.handler = async (event) => {
  const { RequestType, LogicalResourceId, PhysicalResourceId, ResourceProperties: properties } = event;
  const entry = `${RequestType} ${LogicalResourceId} ${PhysicalResourceId ?? '-'} v${properties.Version}`;
  await client.send(new PutItemCommand({
    TableName: process.env.TABLE_NAME,
    Item: { request: { S: event.RequestId }, stack: { S: event.StackId }, entry: { S: entry } },
  }));
  if (RequestType === 'Delete') return { PhysicalResourceId };
  if (properties.Fail === 'true') throw new Error(`${LogicalResourceId} fails its ${RequestType}, as its Fail property asks`);
  const replaced = RequestType === 'Update' && properties.Replace === 'true' && properties.Version !== event.OldResourceProperties.Version;
  return { PhysicalResourceId: RequestType === 'Create' || replaced ? `${LogicalResourceId}-${properties.Version}` : PhysicalResourceId };
};
