/*
 * The engine's EventBridge: rules of the stack on the default bus, events
 * from event sources and PutEvents matched by pattern, schedules on the
 * engine's time, deliveries to Lambda targets that need a Lambda permission,
 * and the API that functions reach through @aws-sdk/client-eventbridge.
 */
import { DescribeRuleCommand, DisableRuleCommand, EventBridgeClient, ListTargetsByRuleCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Duration, aws_events as events, aws_events_targets as eventTargets } from 'aws-cdk-lib';
import { useEngines } from './cloudformation-fixtures/engines';
import { ON_EVENT_FUNCTION, synthesizeFixture } from './cloudformation-fixtures/stacks';
import { JOB_ARN, jobPattern, newStack, synth, waitCondition, watcher, watchRule, WATCHER } from './cloudformation-fixtures/wait-stacks';
import { EmulatedClock } from '../../emulator/bedrock/clock';
import { EventBridgeEvent, EventSource, ExternalClock, LocalCloudFormation } from '../../emulator/cloudformation';
import { matchesPattern, parseEventPattern } from '../../emulator/cloudformation/eventbridge/pattern';

const engine = useEngines();

function jobEvent(status: string, time: Date, jobArn = JOB_ARN): EventBridgeEvent {
  return {
    'version': '0',
    'id': `event-${status}`,
    'detail-type': 'Model Customization Job State Change',
    'source': 'aws.bedrock',
    'account': '123456789012',
    'time': time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'region': 'us-east-1',
    'resources': [jobArn],
    'detail': { jobArn, jobStatus: status },
  };
}

/** Events due at given times, each drained once when the engine's time reaches it. */
class ScheduledSource implements EventSource {
  constructor(private readonly pending: { at: number; event: (time: Date) => EventBridgeEvent }[]) {}
  public drain(now: Date): EventBridgeEvent[] {
    const due = this.pending.filter((p) => p.at <= now.getTime());
    this.pending.splice(0, this.pending.length, ...this.pending.filter((p) => p.at > now.getTime()));
    return due.map((p) => p.event(new Date(p.at)));
  }
}

function watched(cfn: LocalCloudFormation, id = WATCHER) {
  // JSON lines only: the SDK may warn about this machine's Node.js version.
  return cfn.logs(id).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

test('patterns: exact values, nested objects, arrays, prefix, anything-but, exists', () => {
  const event = { source: 'aws.bedrock', detail: { jobStatus: 'Failed', tags: ['a', 'b'], n: 5, nested: { x: 1 } }, resources: ['arn:1', 'arn:2'] };
  const match = (pattern: object) => matchesPattern(parseEventPattern(pattern, 'rule R'), event);
  expect(match({ source: ['aws.bedrock'], resources: ['arn:2'], detail: { jobStatus: ['Completed', 'Failed'] } })).toBe(true);
  expect(match({ detail: { jobStatus: ['Completed'] } })).toBe(false);
  expect(match({ detail: { tags: ['b'], n: [5], nested: { x: [1] } } })).toBe(true);
  expect(match({ detail: { n: ['5'] } })).toBe(false);
  expect(match({ source: [{ prefix: 'aws.' }], detail: { jobStatus: [{ 'anything-but': ['Completed', 'Stopped'] }] } })).toBe(true);
  expect(match({ detail: { jobStatus: [{ 'anything-but': { prefix: 'Fail' } }] } })).toBe(false);
  expect(match({ detail: { missing: [{ exists: false }], jobStatus: [{ exists: true }] } })).toBe(true);
  // exists looks at leaves only: an object is not one.
  expect(match({ detail: { nested: [{ exists: false }] } })).toBe(true);
  expect(match({ detail: { missing: ['x'] } })).toBe(false);
  expect(match({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
  expect(matchesPattern(parseEventPattern('{"source":["aws.bedrock"]}', 'rule R'), event)).toBe(true);
  expect(() => parseEventPattern({ detail: { n: [{ numeric: ['>', 1] }] } }, 'rule R')).toThrow(/rule R: "numeric" matching \(at detail\.n\) is not supported by the local engine's EventBridge/);
  expect(() => parseEventPattern({ source: 'aws.bedrock' }, 'rule R')).toThrow('rule R: Event pattern is not valid. Reason: "source" must be an object or an array');
  expect(() => parseEventPattern({ source: [{ bogus: 1 }] }, 'rule R')).toThrow('Reason: "source": unrecognized match type bogus');
});

test('a job\'s state change from an event source reaches the watcher with its constant input; other events do not', async () => {
  const start = Date.now();
  const source = new ScheduledSource([
    { at: start + 5 * 60_000, event: (t) => jobEvent('InProgress', t) },
    { at: start + 7 * 60_000, event: (t) => jobEvent('Completed', t, `${JOB_ARN}-other`) },
    { at: start + 12 * 60_000, event: (t) => jobEvent('Completed', t) },
  ]);
  const cfn = engine({ eventSources: [source] });
  const stack = newStack();
  const fn = watcher(stack);
  const { handle } = waitCondition(stack, 'JobDone', { timeoutSeconds: 3600 });
  watchRule(stack, 'JobEvents', fn, { pattern: jobPattern(), input: { jobArn: JOB_ARN, handleUrl: handle.ref } });
  const result = await cfn.deploy(synth(stack));
  expect(result.status).toBe('CREATE_COMPLETE');

  expect(cfn.eventDeliveries).toHaveLength(1);
  const [delivery] = cfn.eventDeliveries;
  expect(delivery).toMatchObject({ eventId: 'event-Completed', targetId: 'Target0', outcome: 'DELIVERED', attempts: 1 });
  expect(delivery.input).toEqual({ jobArn: JOB_ARN, handleUrl: cfn.resource('JobDoneHandle').physicalId });
  expect(watched(cfn)[0].event).toEqual(delivery.input);
  // Delivered at the first step after the event (steps of at most a minute).
  expect(delivery.time.getTime() - (start + 12 * 60_000)).toBeLessThan(60_000);

  const more = await cfn.putEvents([jobEvent('Stopped', new Date()), jobEvent('Stopped', new Date(), `${JOB_ARN}-other`)]);
  expect(more.map((d) => d.eventId)).toEqual(['event-Stopped']);
  expect(cfn.eventDeliveries).toHaveLength(2);
});

test('a DISABLED rule does not fire; a rule without a Lambda permission records failed deliveries and invokes nothing', async () => {
  const cfn = engine();
  const stack = newStack();
  const fn = watcher(stack);
  watchRule(stack, 'Off', fn, { schedule: Duration.minutes(5), enabled: false });
  new events.CfnRule(stack, 'Unpermitted', { scheduleExpression: 'rate(5 minutes)', targets: [{ id: 'Watcher', arn: fn.functionArn }] }).overrideLogicalId('Unpermitted');
  expect((await cfn.deploy(synth(stack))).status).toBe('CREATE_COMPLETE');
  await cfn.passTime(16 * 60);
  const rule = cfn.resource('Unpermitted').physicalId;
  expect(cfn.eventDeliveries.map((d) => [d.rule, d.outcome])).toEqual([[rule, 'FAILED'], [rule, 'FAILED'], [rule, 'FAILED']]);
  expect(cfn.eventDeliveries[0].reason).toMatch(/^EventBridge is not authorized to invoke arn:aws:lambda:us-east-1:123456789012:function:WaitFixture-Watcher-\w+: no statement/);
  expect(cfn.invocations(WATCHER)).toHaveLength(0);
});

test('a failing target: Lambda tries twice more, one and two minutes later', async () => {
  const cfn = engine();
  const stack = newStack();
  watchRule(stack, 'Flaky', watcher(stack), { pattern: { source: ['my.app'] }, input: { failUntil: 3 } });
  expect((await cfn.deploy(synth(stack))).status).toBe('CREATE_COMPLETE');
  const [delivery] = await cfn.putEvents([{ ...jobEvent('x', new Date()), source: 'my.app' }]);
  expect(delivery).toMatchObject({ outcome: 'DELIVERED', attempts: 1, functionError: 'told to fail on attempt 1' });
  await cfn.passTime(5 * 60);
  expect(delivery).toMatchObject({ attempts: 3, functionError: undefined });
  const times = cfn.invocations(WATCHER).map((i) => i.startedAt.getTime());
  expect(times.slice(1).map((t, i) => Math.round((t - times[i]) / 60_000))).toEqual([1, 2]);
});

test('a function disables its own rule through the SDK: the schedule stops; an update of the rule enables it again', async () => {
  const build = (description: string) => {
    const stack = newStack();
    const fn = watcher(stack);
    const { handle } = waitCondition(stack, description === 'v1' ? 'FirstJob' : 'SecondJob', { timeoutSeconds: 7200 });
    watchRule(stack, 'Fallback', fn, {
      ruleName: 'job-fallback',
      schedule: Duration.minutes(10),
      input: { handleUrl: handle.ref, firings: 2, ruleName: 'job-fallback', disableRule: 'job-fallback', uniqueId: description },
    });
    return synth(stack);
  };
  const cfn = engine();
  expect((await cfn.deploy(build('v1'))).status).toBe('CREATE_COMPLETE');
  const client = new EventBridgeClient({ endpoint: await cfn.servicesEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } });
  expect((await client.send(new DescribeRuleCommand({ Name: 'job-fallback' }))).State).toBe('DISABLED');
  expect(watched(cfn).filter((l) => l.rule).map((l) => l.rule)).toEqual([
    { Name: 'job-fallback', State: 'ENABLED', ScheduleExpression: 'rate(10 minutes)' },
    { Name: 'job-fallback', State: 'ENABLED', ScheduleExpression: 'rate(10 minutes)' },
  ]);
  await cfn.passTime(60 * 60);
  expect(cfn.eventDeliveries).toHaveLength(2);

  // The new handle changes the rule's Input: PutRule again, with the template's state.
  const result = await cfn.update(build('v2'));
  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(cfn.eventDeliveries).toHaveLength(4);
  expect(JSON.parse(String(cfn.resource('SecondJob').attributes.Data))).toHaveProperty('v2');
  expect((await client.send(new DescribeRuleCommand({ Name: 'job-fallback' }))).State).toBe('DISABLED');
});

test('the API: EventBridge\'s errors, custom events delivered at once, AWS sources refused', async () => {
  const cfn = engine();
  const stack = newStack();
  watchRule(stack, 'Custom', watcher(stack), { pattern: { source: ['my.app'], detailType: ['Thing'] } });
  expect((await cfn.deploy(synth(stack))).status).toBe('CREATE_COMPLETE');
  const client = new EventBridgeClient({ endpoint: await cfn.servicesEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } });
  await expect(client.send(new DescribeRuleCommand({ Name: 'nope' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Rule nope does not exist on EventBus default.' });
  const put = await client.send(new PutEventsCommand({
    Entries: [
      { Source: 'my.app', DetailType: 'Thing', Detail: '{"n":1}' },
      { Source: 'aws.bedrock', DetailType: 'Thing', Detail: '{}' },
      { Source: 'my.app', DetailType: 'Thing', Detail: '[1]' },
    ],
  }));
  expect(put.FailedEntryCount).toBe(2);
  expect(put.Entries!.map((e) => e.ErrorCode)).toEqual([undefined, 'NotAuthorizedForSourceException', 'MalformedDetail']);
  // Delivered at once: no step of the engine's time (passTime) runs it.
  for (let i = 0; i < 200 && watched(cfn).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(cfn.eventDeliveries).toHaveLength(1);
  expect(watched(cfn)[0].event).toMatchObject({ 'source': 'my.app', 'detail-type': 'Thing', 'detail': { n: 1 }, 'id': put.Entries![0].EventId });
});

test('a function\'s sleep lets the engine\'s time pass in steps: a schedule fires meanwhile, its delivery nested in the sleeper', async () => {
  const cfn = engine();
  const artifact = synthesizeFixture({ Sleeper: { properties: { SleepSeconds: String(25 * 60) } } }, (stack) => {
    const rule = watchRule(stack, 'Every10', watcher(stack), { ruleName: 'every-10', schedule: Duration.minutes(10), input: { version: 'v1' } });
    stack.node.findChild('Sleeper').node.addDependency(rule);
  });
  const result = await cfn.deploy(artifact);
  expect(result.status).toBe('CREATE_COMPLETE');
  // Both fires during the 25 minutes (without steps, the missed periods would fire once, after the sleep), each delivered
  // while the sleeper still ran (queued behind it, they would wait for its end).
  const [sleeper] = cfn.invocations(ON_EVENT_FUNCTION);
  const sleeperEnd = sleeper.startedAt.getTime() + 25 * 60 * 1000;
  expect(cfn.eventDeliveries.map((d) => d.outcome)).toEqual(['DELIVERED', 'DELIVERED']);
  expect(cfn.invocations(WATCHER).map((i) => i.startedAt.getTime() < sleeperEnd)).toEqual([true, true]);
});

test('rules the local EventBridge cannot run are refused at create', async () => {
  const reasonFor = async (rule: Partial<events.CfnRuleProps>) => {
    const stack = newStack();
    const fn = watcher(stack);
    new events.CfnRule(stack, 'Rule', { targets: [{ id: 'T', arn: fn.functionArn }], ...rule }).overrideLogicalId('Rule');
    return (await engine().deploy(synth(stack))).reason;
  };
  expect(await reasonFor({ scheduleExpression: 'cron(0 12 * * ? *)' })).toMatch(/^rule Rule: ScheduleExpression cron\(0 12 \* \* \? \*\): cron expressions are not supported/);
  expect(await reasonFor({ scheduleExpression: 'rate(1 minutes)' })).toBe('rule Rule: Parameter ScheduleExpression is not valid. (rate(1 minutes))');
  expect(await reasonFor({ eventPattern: { source: ['a'] }, eventBusName: 'custom' })).toMatch(/EventBusName custom: the local engine's EventBridge has the default event bus only/);
  expect(await reasonFor({ eventPattern: { detail: { n: [{ numeric: ['>', 1] }] } } })).toMatch(/"numeric" matching/);
  expect(await reasonFor({ eventPattern: { source: ['a'] }, targets: [{ id: 'Q', arn: 'arn:aws:sqs:us-east-1:123456789012:q' }] })).toMatch(/is not a Lambda function of this stack/);
});

describe('an update of a rule, as CloudFormation\'s handler makes it', () => {
  /** A fallback rule (every 10 minutes) whose watcher only logs its input, which names the version. */
  const build = (version: string, state?: 'DISABLED') => {
    const stack = newStack();
    const rule = watchRule(stack, 'Fallback', watcher(stack), { ruleName: 'job-fallback', schedule: Duration.minutes(10), input: { version } });
    if (state) (rule.node.defaultChild as events.CfnRule).state = state;
    return synth(stack);
  };
  /** Each delivery: seconds since the first one, and the version its input names. */
  const inputs = (cfn: LocalCloudFormation) => cfn.eventDeliveries.map((d) => [
    Math.round((d.time.getTime() - cfn.eventDeliveries[0].time.getTime()) / 1000),
    (d.input as { version: string }).version,
  ]);

  async function deployedAndDisabled(cfn: LocalCloudFormation): Promise<EventBridgeClient> {
    expect((await cfn.deploy(build('v1'))).status).toBe('CREATE_COMPLETE');
    await cfn.passTime(10 * 60);
    const client = new EventBridgeClient({ endpoint: await cfn.servicesEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } });
    await client.send(new DisableRuleCommand({ Name: 'job-fallback' }));
    return client;
  }

  test('PutRule enables a disabled rule again; for a minute it still sends the old input, which ListTargetsByRule no longer lists', async () => {
    const cfn = engine();
    const client = await deployedAndDisabled(cfn);
    // Just before the schedule's phase (its creation, every 10 minutes): enabled again, it fires within the minute.
    await cfn.passTime(10 * 60 - 20);

    expect((await cfn.update(build('v2'))).status).toBe('UPDATE_COMPLETE');

    expect((await client.send(new DescribeRuleCommand({ Name: 'job-fallback' }))).State).toBe('ENABLED');
    const listed = await client.send(new ListTargetsByRuleCommand({ Rule: 'job-fallback' }));
    expect(listed.Targets?.map((t) => JSON.parse(t.Input!))).toEqual([{ version: 'v2' }]);
    await cfn.passTime(20 * 60);
    // The firings 10, 20 and 30 minutes after the first one: the first after the update still carries v1.
    expect(inputs(cfn)).toEqual([[0, 'v1'], [600, 'v1'], [1200, 'v2']]);
  });

  test('an update that leaves the targets alone keeps sending to them; a template state DISABLED stays disabled', async () => {
    const cfn = engine({ targetChangeDelaySeconds: 0 });
    await deployedAndDisabled(cfn);
    expect((await cfn.update(build('v2', 'DISABLED'))).status).toBe('UPDATE_COMPLETE');
    await cfn.passTime(30 * 60);
    expect(inputs(cfn)).toEqual([[0, 'v1']]);
    expect(cfn.rule('job-fallback').state).toBe('DISABLED');
  });

  test('targetChangeDelaySeconds 0 and scheduleRestartsWhenEnabled (the switches): the new input at once, one period after the update', async () => {
    const cfn = engine({ targetChangeDelaySeconds: 0, scheduleRestartsWhenEnabled: true });
    await deployedAndDisabled(cfn);
    await cfn.passTime(10 * 60 - 20);
    expect((await cfn.update(build('v2'))).status).toBe('UPDATE_COMPLETE');
    await cfn.passTime(10 * 60);
    expect(inputs(cfn)).toEqual([[0, 'v1'], [1180, 'v2']]);
  });
});

test('events are delivered while a custom resource\'s waiter polls, as EventBridge runs beside CloudFormation', async () => {
  const start = new Date('2030-01-01T00:00:00Z');
  const source = new ScheduledSource([{ at: start.getTime() + 20_000, event: (time) => jobEvent('Completed', time) }]);
  const cfn = engine({ clock: new ExternalClock(new EmulatedClock({ start, acceleration: 0 })), eventSources: [source] });
  const artifact = synthesizeFixture({ Slow: { waiter: true, properties: { PollsNeeded: '5' } } }, (stack) => {
    const rule = new events.Rule(stack, 'JobEnded', { eventPattern: jobPattern(), targets: [new eventTargets.LambdaFunction(watcher(stack, 'OnJobEnd'))] });
    // The rule exists before the resource waits.
    stack.node.findChild('Slow').node.addDependency(rule);
  });

  expect((await cfn.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const completed = cfn.events.find((e) => e.logicalId === 'Slow' && e.status === 'CREATE_COMPLETE')!.timestamp.getTime();
  const during = cfn.eventDeliveries.filter((d) => d.outcome === 'DELIVERED' && d.time.getTime() < completed);
  expect(during.map((d) => (d.input as EventBridgeEvent).detail.jobStatus)).toEqual(['Completed']);
});

test('the local services\' answers carry no Date: handlers on the engine\'s time see no clock skew for the SDK to correct', async () => {
  const cfn = engine({ clock: new ExternalClock(new EmulatedClock({ start: new Date('2030-01-01T00:00:00Z'), acceleration: 0 })) });
  const answer = await fetch(`${await cfn.servicesEndpoint()}/`, { method: 'POST', headers: { 'X-Amz-Target': 'AWSEvents.DescribeRule' }, body: '{"Name":"none"}' });
  expect(answer.status).toBe(400);
  expect(answer.headers.get('date')).toBeNull();
});
