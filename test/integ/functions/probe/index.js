// Makes one AWS SDK call and answers how it ended, { "outcome": "ok" } or { "outcome": "<error name>" }, so that an
// integration test can expect an error (an assertion's own call fails the assertion stack on one), or one value of the
// answer, { "outcome": "ok", "answer": <value> }, so that the answer stays small. Invoked, the event is the call:
// { "client": "bedrock" | "s3" | "cloudformation", "command": "<operation name>", "input": { ... }, "answer"?: "A.B" }.
// As the onEvent handler of a custom resource (the Provider framework's event), it makes the call of its `Call`
// property (the call as JSON: CloudFormation turns other property values into strings) when the resource is
// created or updated, at that point of the stack's deployment, and gives the outcome as the end of its physical id,
// `<LogicalResourceId>:<outcome>`, which DescribeStackResource reads back.
// One attempt: no retries.
// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';

const CLIENTS = {
  bedrock: () => [require('@aws-sdk/client-bedrock'), 'BedrockClient'],
  s3: () => [require('@aws-sdk/client-s3'), 'S3Client'],
  cloudformation: () => [require('@aws-sdk/client-cloudformation'), 'CloudFormationClient'],
};

async function probe({ client, command, input, answer }) {
  const [sdk, clientName] = CLIENTS[client]();
  const Command = sdk[`${command}Command`];
  if (!Command) throw new Error(`No command ${command} in the ${client} client`);
  try {
    const output = await new sdk[clientName]({ maxAttempts: 1 }).send(new Command(input));
    return answer ? { outcome: 'ok', answer: answer.split('.').reduce((value, key) => value?.[key], output) } : { outcome: 'ok' };
  } catch (error) {
    return { outcome: error.name };
  }
}

exports.handler = async (event) => {
  if (!event.RequestType) return probe(event);
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const { outcome } = await probe(JSON.parse(event.ResourceProperties.Call));
  return { PhysicalResourceId: `${event.LogicalResourceId}:${outcome}` };
};
