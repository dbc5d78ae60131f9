/*
 * Custom resource handlers for the local CloudFormation engine's tests. They
 * log what they receive (one JSON line) and do what the resource's properties
 * tell them (every property arrives as a string):
 *   FailOn           comma-separated request types on which onEvent throws
 *   PhysicalId       the PhysicalResourceId to return (default: keep the current one, or `<logical id>-physical` on Create)
 *   Value            returned in Data.Value
 *   PollsNeeded      isComplete answers IsComplete: true at this poll (default 1)
 *   IsCompleteFails  "true": isComplete throws
 *   NeverComplete    "true": isComplete never completes
 *   EnvNames         comma-separated environment variables to return in Data.Env (JSON)
 *   SleepSeconds     onEvent sleeps this long first (timers/promises: on the engine's time)
 * Data.Invocation counts onEvent's invocations in this execution environment.
 */
'use strict';

// Module state lives as long as the execution environment, as in Lambda.
const polls = new Map();
let invocations = 0;

exports.onEvent = async (event, context) => {
  console.log(JSON.stringify({ handler: 'onEvent', event, functionName: context.functionName, remainingMs: context.getRemainingTimeInMillis() }));
  const props = event.ResourceProperties;
  if (props.SleepSeconds) await require('timers/promises').setTimeout(Number(props.SleepSeconds) * 1000);
  if ((props.FailOn || '').split(',').includes(event.RequestType)) {
    throw new Error(`told to fail on ${event.RequestType}`);
  }
  const physicalId = props.PhysicalId || event.PhysicalResourceId || `${event.LogicalResourceId}-physical`;
  invocations += 1;
  const data = { Value: props.Value, RequestType: event.RequestType, Invocation: String(invocations) };
  if (props.EnvNames) {
    data.Env = JSON.stringify(Object.fromEntries(props.EnvNames.split(',').map((name) => [name, process.env[name]])));
  }
  return event.RequestType === 'Delete' ? { PhysicalResourceId: event.PhysicalResourceId } : { PhysicalResourceId: physicalId, Data: data };
};

exports.isComplete = async (event) => {
  const props = event.ResourceProperties;
  const poll = (polls.get(event.RequestId) || 0) + 1;
  polls.set(event.RequestId, poll);
  console.log(JSON.stringify({ handler: 'isComplete', requestType: event.RequestType, poll, now: Date.now() }));
  if (event.RequestType === 'Delete') return { IsComplete: true };
  if (props.IsCompleteFails === 'true') throw new Error('isComplete told to fail');
  if (props.NeverComplete === 'true' || poll < Number(props.PollsNeeded || '1')) return { IsComplete: false };
  return { IsComplete: true, Data: { Polls: String(poll) } };
};

// A function that is its own custom resource (no Provider framework) answers by a PUT to the response URL, as
// cfn-response does: with options (Answer "options") or with the URL itself (Answer "url"); Answer "fail" answers FAILED
// (but to a Delete).
exports.selfAnswering = async (event) => {
  const https = require('https');
  const props = event.ResourceProperties;
  const fail = props.Answer === 'fail' && event.RequestType !== 'Delete';
  const body = JSON.stringify({
    Status: fail ? 'FAILED' : 'SUCCESS',
    Reason: fail ? 'told to fail' : 'OK',
    PhysicalResourceId: event.PhysicalResourceId || `${event.LogicalResourceId}-self`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Value: props.Value },
  });
  const url = new URL(event.ResponseURL);
  const status = await new Promise((resolve, reject) => {
    const headers = { 'content-type': '', 'content-length': Buffer.byteLength(body) };
    const request = props.Answer === 'url'
      ? https.request(event.ResponseURL, { method: 'PUT', headers }, (response) => resolve(response.statusCode))
      : https.request({ hostname: url.hostname, path: url.pathname + url.search, method: 'PUT', headers }, (response) => resolve(response.statusCode));
    request.on('error', reject);
    request.write(body);
    request.end();
  });
  console.log(JSON.stringify({ handler: 'selfAnswering', status }));
};

// Echoes its event.
exports.echo = async (event) => ({ echo: event });

// A function that is its own custom resource and, on Create, invokes the function named by its Target property
// through Lambda's API (the runtime's client), answering with that function's payload (Data.Answer) or error
// (Data.FunctionError); then PUTs its answer as selfAnswering does.
exports.invoker = async (event) => {
  const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
  const props = event.ResourceProperties;
  let data = {};
  if (event.RequestType === 'Create') {
    const output = await new LambdaClient({}).send(new InvokeCommand({ FunctionName: props.Target, Payload: JSON.stringify({ hello: 'world' }) }));
    data = { Answer: new TextDecoder().decode(output.Payload), FunctionError: output.FunctionError || '' };
  }
  const https = require('https');
  const body = JSON.stringify({
    Status: 'SUCCESS', PhysicalResourceId: `${event.LogicalResourceId}-invoker`, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data,
  });
  await new Promise((resolve, reject) => {
    const request = https.request(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, resolve);
    request.on('error', reject);
    request.end(body);
  });
};
