/*
 * Functions for the local CloudFormation engine's wait condition and
 * EventBridge tests. Each logs what it receives (one JSON line, with the
 * time it reads from Date.now()).
 *
 * watch: a job watcher as a rule's target. Its input (the rule's constant
 * Input) tells it what to do:
 *   handleUrl   the wait condition handle to signal (none: only log)
 *   firings     signal at this firing (default 1); firings are counted per handle
 *   status      SUCCESS (default) or FAILURE;  reason, uniqueId  the signal's
 *   ruleName    DescribeRule it first (logged), through @aws-sdk/client-eventbridge
 *   disableRule DisableRule this rule once it has signalled
 *   failUntil   throw on the attempts before this one (Lambda retries)
 * signalOnCreate: a custom resource's onEvent that signals ResourceProperties.HandleUrl on Create.
 */
'use strict';

const http = require('http');
const { EventBridgeClient, DescribeRuleCommand, DisableRuleCommand } = require('@aws-sdk/client-eventbridge');

// Module state lives as long as the execution environment, as in Lambda.
const firings = new Map();
let attempts = 0;
let client;

exports.watch = async (event) => {
  attempts += 1;
  console.log(JSON.stringify({ handler: 'watch', event, now: Date.now(), attempt: attempts }));
  if (event.failUntil && attempts < event.failUntil) throw new Error(`told to fail on attempt ${attempts}`);
  if (!event.handleUrl) return {};
  client ??= new EventBridgeClient({});
  if (event.ruleName) {
    const rule = await client.send(new DescribeRuleCommand({ Name: event.ruleName }));
    console.log(JSON.stringify({ handler: 'watch', rule: { Name: rule.Name, State: rule.State, ScheduleExpression: rule.ScheduleExpression } }));
  }
  const count = (firings.get(event.handleUrl) || 0) + 1;
  firings.set(event.handleUrl, count);
  if (count < (event.firings || 1)) return { firings: count };
  await signal(event.handleUrl, {
    Status: event.status || 'SUCCESS',
    Reason: event.reason || 'watched',
    UniqueId: event.uniqueId || 'watcher',
    Data: JSON.stringify({ firings: count, at: new Date().toISOString() }),
  });
  if (event.disableRule) await client.send(new DisableRuleCommand({ Name: event.disableRule }));
  return { firings: count, signalled: true };
};

exports.signalOnCreate = async (event) => {
  if (event.RequestType === 'Create') {
    const props = event.ResourceProperties;
    await signal(props.HandleUrl, { Status: 'SUCCESS', Reason: 'created', UniqueId: props.UniqueId, Data: props.Data });
  }
  return { PhysicalResourceId: event.PhysicalResourceId || `${event.LogicalResourceId}-signaller` };
};

/** PUT of the signal, with no Content-Type, as the user guide asks. */
function signal(url, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'PUT' }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`signal answered ${response.statusCode}: ${text}`))));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
