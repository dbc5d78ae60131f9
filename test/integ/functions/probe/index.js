// Makes one AWS SDK call and answers how it ended, { "outcome": "ok" } or { "outcome": "<error name>" }, so that an
// integration test can expect an error (an assertion's own call fails the assertion stack on one), or one value of the
// answer, { "outcome": "ok", "answer": <value> }, so that the answer stays small. Invoked, the event is the call:
// { "client": "bedrock" | "s3" | "cloudformation", "command": "<operation name>", "input": { ... }, "answer"?: "A.B" }.
// As the onEvent handler of a custom resource (the Provider framework's event), it makes the call of its `Call`
// property (the call as JSON: CloudFormation turns other property values into strings) when the resource is
// created or updated, at that point of the stack's deployment, and gives the outcome as the end of its physical id,
// `<LogicalResourceId>:<outcome>` (a sequence's outcomes comma-separated), which DescribeStackResource reads back.
// A sequence, { "steps": [call, ...] }, makes its calls in turn and answers { "outcome": "ok", "outcomes": [...] }: each
// step's error name, else the value at its `report` path, else "ok". A string "{{N}}" in a later step's input stands
// for the value at the `answer` path of step N (from 0), so that a step can name what an earlier one created.
// One attempt: no retries.
// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';

const CLIENTS = {
  bedrock: () => [require('@aws-sdk/client-bedrock'), 'BedrockClient'],
  s3: () => [require('@aws-sdk/client-s3'), 'S3Client'],
  cloudformation: () => [require('@aws-sdk/client-cloudformation'), 'CloudFormationClient'],
  'bedrock-runtime': () => [require('@aws-sdk/client-bedrock-runtime'), 'BedrockRuntimeClient'],
};

const at = (output, dotted) => dotted.split('.').reduce((value, key) => value?.[key], output);

async function call({ client, command, input }) {
  const [sdk, clientName] = CLIENTS[client]();
  const Command = sdk[`${command}Command`];
  if (!Command) throw new Error(`No command ${command} in the ${client} client`);
  try {
    return { outcome: 'ok', output: await new sdk[clientName]({ maxAttempts: 1 }).send(new Command(input)) };
  } catch (error) {
    return { outcome: error.name };
  }
}

async function probe({ answer, ...request }) {
  const { outcome, output } = await call(request);
  return output && answer ? { outcome, answer: at(output, answer) } : { outcome };
}

async function sequence(steps) {
  const answers = [];
  const outcomes = [];
  for (const step of steps) {
    const input = JSON.parse(JSON.stringify(step.input), (key, value) => {
      const earlier = typeof value === 'string' ? /^\{\{(\d+)\}\}$/.exec(value) : null;
      return earlier ? answers[Number(earlier[1])] : value;
    });
    const { outcome, output } = await call({ ...step, input });
    answers.push(output && step.answer ? at(output, step.answer) : undefined);
    outcomes.push(output && step.report ? String(at(output, step.report)) : outcome);
  }
  return { outcome: 'ok', outcomes };
}

exports.handler = async (event) => {
  if (!event.RequestType) return event.steps ? sequence(event.steps) : probe(event);
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const request = JSON.parse(event.ResourceProperties.Call);
  const outcome = request.steps ? (await sequence(request.steps)).outcomes.join(',') : (await probe(request)).outcome;
  return { PhysicalResourceId: `${event.LogicalResourceId}:${outcome}` };
};
