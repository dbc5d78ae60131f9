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
 * Data.Invocation counts onEvent's invocations in this execution environment.
 */
'use strict';

// Module state lives as long as the execution environment, as in Lambda.
const polls = new Map();
let invocations = 0;

exports.onEvent = async (event, context) => {
  console.log(JSON.stringify({ handler: 'onEvent', event, functionName: context.functionName, remainingMs: context.getRemainingTimeInMillis() }));
  const props = event.ResourceProperties;
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
