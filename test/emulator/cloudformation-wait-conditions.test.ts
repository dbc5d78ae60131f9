/*
 * The engine's wait conditions: a handle whose Ref is a URL of the engine's
 * local services, signals PUT to it, and a condition that waits on the
 * engine's time for Count SUCCESS signals, a FAILURE, or its timeout.
 */
import { request } from 'http';
import { CfnOutput, CfnResource, Duration, Token, aws_sqs as sqs } from 'aws-cdk-lib';
import { useEngines } from './cloudformation-fixtures/engines';
import { newStack, signaller, synth, waitCondition, watcher, watchRule, WATCHER } from './cloudformation-fixtures/wait-stacks';
import { EmulatedClock } from '../../emulator/bedrock/clock';
import { ExternalClock, LocalCloudFormation } from '../../emulator/cloudformation';

const engine = useEngines();

/** A stack whose scheduled watcher (every 10 minutes) signals the condition at its `firings`-th firing. */
function scheduledSignal(signal: { firings: number; status?: string; reason?: string }, timeoutSeconds = 3600) {
  const stack = newStack();
  const fn = watcher(stack);
  const { handle, condition } = waitCondition(stack, 'JobDone', { timeoutSeconds });
  watchRule(stack, 'Fallback', fn, { schedule: Duration.minutes(10), input: { handleUrl: handle.ref, ...signal } });
  new CfnOutput(stack, 'JobData', { value: Token.asString(condition.attrData) });
  return synth(stack);
}

/** PUT to a handle URL as a signaller would; resolves with the status code. */
/** A PUT to a handle URL: the status and body of the answer. */
function answerTo(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function put(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  return (await answerTo(url, body, headers)).status;
}

const SIGNAL = (uniqueId: string, data: string) => JSON.stringify({ Status: 'SUCCESS', Reason: 'r', UniqueId: uniqueId, Data: data });

test('a scheduled watcher signals SUCCESS at its third firing: the condition completes then, with the Data attribute', async () => {
  const cfn = engine();
  const result = await cfn.deploy(scheduledSignal({ firings: 3 }));
  expect(result).toMatchObject({ status: 'CREATE_COMPLETE' });
  const handleUrl = cfn.resource('JobDoneHandle').physicalId;
  expect(handleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cloudformation-waitcondition\/arn%3Aaws%3Acloudformation%3A[^/]+JobDoneHandle\?X-Amz-Expires=86399&Signature=[0-9a-f]{40}$/);

  const events = result.events.filter((e) => e.logicalId === 'JobDone');
  const waited = (events[1].timestamp.getTime() - events[0].timestamp.getTime()) / 60_000;
  // The rule was created before the condition started: three firings, 10 minutes apart.
  expect(Math.round(waited)).toBe(30);
  const fired = cfn.eventDeliveries.map((d) => d.time.getTime());
  expect(fired.slice(1).map((t, i) => Math.round((t - fired[i]) / 60_000))).toEqual([10, 10]);

  const data = JSON.parse(String(cfn.resource('JobDone').attributes.Data));
  expect(Object.keys(data)).toEqual(['watcher']);
  const signal = JSON.parse(data.watcher);
  expect(signal.firings).toBe(3);
  // The handler read the engine's time: the third firing's.
  expect(Math.abs(Date.parse(signal.at) - fired[2])).toBeLessThan(1000);
  expect(cfn.outputs.JobData).toBe(cfn.resource('JobDone').attributes.Data);
  expect(cfn.resource('JobDone').physicalId).toBe(`${cfn.stackId}/JobDoneHandle`);
});

test('a FAILURE signal fails the condition with its reason, and the stack rolls back', async () => {
  const cfn = engine();
  const result = await cfn.deploy(scheduledSignal({ firings: 1, status: 'FAILURE', reason: 'job failed: bad data' }));
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toBe('WaitCondition received failed message: \'job failed: bad data\' for uniqueId: watcher');
});

test('a long Reason is cut in the status reason', async () => {
  const cfn = engine();
  const result = await cfn.deploy(scheduledSignal({ firings: 1, status: 'FAILURE', reason: 'x'.repeat(5000) }));
  expect(result.reason!.length).toBeLessThan(1200);
  expect(result.reason).toMatch(/x…' for uniqueId: watcher$/);
});

test('no signal before the timeout: CloudFormation\'s reason, the rollback, the handle forgotten', async () => {
  const cfn = engine();
  const started = cfn.clock.now();
  const result = await cfn.deploy(scheduledSignal({ firings: 100 }, 1800));
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toBe('WaitCondition timed out. Received 0 conditions when expecting 1');
  const failed = result.events.find((e) => e.status === 'CREATE_FAILED')!;
  expect(Math.round((failed.timestamp.getTime() - started) / 1000)).toBe(1800);
  const handleUrl = result.events.find((e) => e.logicalId === 'JobDoneHandle' && e.status === 'CREATE_COMPLETE')!.physicalId!;
  expect(await put(handleUrl, SIGNAL('late', 'x'))).toBe(404);
});

test('the handle\'s URL: signals before the condition count, the same UniqueId again is a retransmission, malformed ones are refused', async () => {
  const cfn = engine();
  const stack = newStack();
  const { handle } = waitCondition(stack, 'Later', { timeoutSeconds: 60, count: 2 });
  stack.node.tryRemoveChild('Later');
  new CfnOutput(stack, 'Url', { value: handle.ref });
  expect((await cfn.deploy(synth(stack))).status).toBe('CREATE_COMPLETE');
  const url = String(cfn.outputs.Url);

  expect(await put(url, 'not json')).toBe(400);
  expect(await put(url, JSON.stringify({ Status: 'DONE', UniqueId: 'a' }))).toBe(400);
  expect(await put(url, JSON.stringify({ Status: 'SUCCESS' }))).toBe(400);
  // The presigned URL's signature covers no Content-Type.
  expect(await put(url, SIGNAL('a', '1'), { 'Content-Type': 'application/json' })).toBe(403);
  expect(await put(url, SIGNAL('a', 'first'), { 'Content-Type': '' })).toBe(200);
  expect(await put(url, SIGNAL('b', 'second'))).toBe(200);
  expect(await put(url, SIGNAL('a', 'again'))).toBe(200);

  const withCondition = newStack();
  new CfnOutput(withCondition, 'Url', { value: waitCondition(withCondition, 'Later', { timeoutSeconds: 60, count: 2 }).handle.ref });
  const before = cfn.clock.now();
  expect((await cfn.update(synth(withCondition))).status).toBe('UPDATE_COMPLETE');
  expect(cfn.clock.now() - before).toBeLessThan(60_000);
  expect(JSON.parse(String(cfn.resource('Later').attributes.Data))).toEqual({ a: 'first', b: 'second' });
});

test('updating a condition\'s properties fails, and the update rolls back', async () => {
  const cfn = engine();
  const build = (timeoutSeconds: number) => {
    const stack = newStack();
    const { handle, condition } = waitCondition(stack, 'Ready', { timeoutSeconds });
    // The custom resource signals the handle before the condition starts waiting.
    condition.node.addDependency(signaller(stack, 'Signal', handle, { uniqueId: 'one', data: 'ready' }).node.defaultChild as CfnResource);
    return synth(stack);
  };
  expect((await cfn.deploy(build(600))).status).toBe('CREATE_COMPLETE');
  expect(cfn.resource('Ready').attributes.Data).toBe('{"one":"ready"}');
  const result = await cfn.update(build(900));
  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/^Updates aren't supported for AWS::CloudFormation::WaitCondition/);
  expect(cfn.resource('Ready').properties.Timeout).toBe('600');
});

test('a resource independent of the condition is created before the condition waits', async () => {
  const cfn = engine();
  const stack = newStack();
  const fn = watcher(stack);
  const { handle } = waitCondition(stack, 'JobDone', { timeoutSeconds: 3600 });
  watchRule(stack, 'Fallback', fn, { schedule: Duration.minutes(10), input: { handleUrl: handle.ref } });
  new sqs.CfnQueue(stack, 'Queue').overrideLogicalId('Queue');
  const result = await cfn.deploy(synth(stack));
  expect(result.status).toBe('CREATE_COMPLETE');
  const order = result.events.filter((e) => e.status === 'CREATE_IN_PROGRESS').map((e) => e.logicalId);
  expect(order.indexOf('Queue')).toBeLessThan(order.indexOf('JobDone'));
  expect(order.indexOf('Fallback')).toBeLessThan(order.indexOf('JobDone'));
});

test('ExternalClock: the engine waits on the Bedrock emulator\'s manual time, and handlers read it', async () => {
  const start = new Date('2030-01-01T00:00:00Z');
  const clock = new EmulatedClock({ start, acceleration: 0 });
  const cfn = engine({ clock: new ExternalClock(clock) });
  const result = await cfn.deploy(scheduledSignal({ firings: 2 }));
  expect(result.status).toBe('CREATE_COMPLETE');
  expect(clock.now().getTime() - start.getTime()).toBe(20 * 60_000);
  expect(cfn.clock.now()).toBe(clock.now().getTime());
  const watched = cfn.logs(WATCHER).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)).filter((l) => l.now);
  expect(watched.map((l) => new Date(l.now).toISOString())).toEqual(['2030-01-01T00:10:00.000Z', '2030-01-01T00:20:00.000Z']);
});

describe('the handle\'s URL expires a day after the handle is created (X-Amz-Expires=86399)', () => {
  /** A handle and its URL as an output, deployed; no condition waits on it. */
  async function deployedHandle(cfn: LocalCloudFormation): Promise<string> {
    const stack = newStack();
    const { handle } = waitCondition(stack, 'Later', { timeoutSeconds: 60 });
    stack.node.tryRemoveChild('Later');
    new CfnOutput(stack, 'Url', { value: handle.ref });
    expect((await cfn.deploy(synth(stack))).status).toBe('CREATE_COMPLETE');
    return String(cfn.outputs.Url);
  }

  test('by default: a signal 86,399 seconds after the handle\'s creation is taken, one second later it gets 403', async () => {
    // A manual clock: the deployment takes no time, so the handle was created at the start.
    const start = new Date('2030-01-01T00:00:00Z');
    const cfn = engine({ clock: new ExternalClock(new EmulatedClock({ start, acceleration: 0 })) });
    const url = await deployedHandle(cfn);
    expect(cfn.clock.now()).toBe(start.getTime());
    await cfn.passTime(86_399);
    expect(await put(url, SIGNAL('a', 'in time'))).toBe(200);
    await cfn.passTime(1);
    expect(await put(url, SIGNAL('b', 'too late'))).toBe(403);
    // S3's answer to an expired presigned URL.
    expect((await answerTo(url, SIGNAL('c', 'later'))).body).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message><\/Error>$/);
  });

  test('handleUrlLifetimeSeconds: Infinity keeps the URL open (the switch)', async () => {
    const cfn = engine({ handleUrlLifetimeSeconds: Infinity });
    const url = await deployedHandle(cfn);
    await cfn.passTime(3 * 86_400);
    expect(await put(url, SIGNAL('a', 'days later'))).toBe(200);
  });
});
