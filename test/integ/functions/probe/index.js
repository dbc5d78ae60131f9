// Makes one AWS SDK call and answers how it ended, { "outcome": "ok" } or { "outcome": "<error name>" }, so that an
// integration test can expect an error (an assertion's own call fails the assertion stack on one), or one value of the
// answer, { "outcome": "ok", "answer": <value> }, so that the answer stays small. Invoked, the event is the call:
// { "client": "bedrock" | "bedrock-runtime" | "s3" | "cloudformation" | "dynamodb" | "eventbridge",
//   "command": "<operation name>", "input": { ... }, "answer"?: "A.B" }.
// As the onEvent handler of a custom resource (the Provider framework's event), it makes the call of its `Call`
// property (the call as JSON: CloudFormation turns other property values into strings) when the resource is
// created or updated, at that point of the stack's deployment, and gives the outcome as the end of its physical id,
// `<LogicalResourceId>:<outcome>` (a sequence's outcomes comma-separated), which DescribeStackResource reads back.
// On the Delete of such a resource, it deletes the stacks its `Cleanup` property names (JSON), if they are left.
// A sequence, { "steps": [call, ...] }, makes its calls in turn and answers { "outcome": "ok", "outcomes": [...] }: each
// step's error name, else the value at its `report` path, else "ok". A string "{{N}}" in a later step's input stands
// for the value at the `answer` path of step N (from 0), so that a step can name what an earlier one created.
// A step with `until` (a regular expression) is made again every 10 seconds while the value at its `report` does not
// match it (a stack operation's status, say): its outcome is the last value. A step with `after` (seconds) is made that
// long after the step before it ends. One attempt per call: no retries.
// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';

const { setTimeout: sleep } = require('timers/promises');

const POLL_SECONDS = 10;

const CLIENTS = {
  bedrock: () => [require('@aws-sdk/client-bedrock'), 'BedrockClient'],
  s3: () => [require('@aws-sdk/client-s3'), 'S3Client'],
  cloudformation: () => [require('@aws-sdk/client-cloudformation'), 'CloudFormationClient'],
  'bedrock-runtime': () => [require('@aws-sdk/client-bedrock-runtime'), 'BedrockRuntimeClient'],
  dynamodb: () => [require('@aws-sdk/client-dynamodb'), 'DynamoDBClient'],
  eventbridge: () => [require('@aws-sdk/client-eventbridge'), 'EventBridgeClient'],
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

/** A step's call, made again while its reported value does not match `until`, for as long as the function may run. */
async function waitedCall(step, input, context) {
  let made = await call({ ...step, input });
  const settled = () => !step.until || !made.output || new RegExp(step.until).test(String(at(made.output, step.report)));
  while (!settled() && (!context || context.getRemainingTimeInMillis() > (POLL_SECONDS + 30) * 1000)) {
    await sleep(POLL_SECONDS * 1000);
    made = await call({ ...step, input });
  }
  return made;
}

async function sequence(steps, context) {
  const answers = [];
  const outcomes = [];
  for (const step of steps) {
    const input = JSON.parse(JSON.stringify(step.input), (key, value) => {
      const earlier = typeof value === 'string' ? /^\{\{(\d+)\}\}$/.exec(value) : null;
      return earlier ? answers[Number(earlier[1])] : value;
    });
    if (step.after) await sleep(step.after * 1000);
    const { outcome, output } = await waitedCall(step, input, context);
    answers.push(output && step.answer ? at(output, step.answer) : undefined);
    outcomes.push(output && step.report ? String(at(output, step.report)) : outcome);
  }
  return { outcome: 'ok', outcomes };
}

/**
 * Deletes the stacks a probe made (by name), should its calls have left any, and waits until each is gone: their
 * fixed names would refuse the next run, and their resources may need the test stack's functions, deleted after this.
 */
async function cleanUp(stackNames, context) {
  const settled = '_(COMPLETE|FAILED)$';
  for (const StackName of stackNames) {
    await call({ client: 'cloudformation', command: 'DeleteStack', input: { StackName } });
    await waitedCall({ client: 'cloudformation', command: 'DescribeStacks', report: 'Stacks.0.StackStatus', until: settled }, { StackName }, context);
  }
}

exports.handler = async (event, context) => {
  if (!event.RequestType) return event.steps ? sequence(event.steps, context) : probe(event);
  if (event.RequestType === 'Delete') {
    await cleanUp(JSON.parse(event.ResourceProperties.Cleanup ?? '[]'), context);
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const request = JSON.parse(event.ResourceProperties.Call);
  const outcome = request.steps ? (await sequence(request.steps, context)).outcomes.join(',') : (await probe(request)).outcome;
  return { PhysicalResourceId: `${event.LogicalResourceId}:${outcome}` };
};
