/*
 * The local Lambda reports a failed invocation as the Node.js runtime does:
 * the trace holds the function's own frames, named under /var/task, and
 * Node's internal ones, at most Node's 10, never the engine's or jest's frames
 * with the paths of this machine. The Provider framework passes the trace on
 * in the Reason (and the stack of a local service's error, as of the SDK's),
 * so a long checkout path must not make the response too long.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, CustomResource, Duration, Stack, aws_lambda as lambda, custom_resources as cr } from 'aws-cdk-lib';
import { synthesize, useLifecycle } from './harness';
import type { Invocation } from '../../emulator/cloudformation';
import { jobStack } from '../model-customization-job/lifecycle-stacks';

const lifecycle = useLifecycle();

/** Node's default Error.stackTraceLimit, which the runtime keeps. */
const RUNTIME_STACK_DEPTH = 10;
/** A frame of the function's code, or of Node's internals. */
const RUNTIME_FRAME = /^ {4}at (.+ \()?(\/var\/task\/|node:)[^()]+\)?$/;

function failures(invocations: readonly Invocation[]) {
  return invocations.flatMap((i) => (i.error ? [{ functionLogicalId: i.functionLogicalId, ...i.error }] : []));
}

let workDir: string;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-trace-'));
});
afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('a handler that fails reports its own frames only, under /var/task', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = { outcome: { status: 'Failed', failureMessage: 'The training data must have at least 8 records.' } };
  const engine = lifecycle.engine();

  const result = await engine.deploy(jobStack({ completionTimeout: Duration.minutes(30) }).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/The training data must have at least 8 records\..*\n\n {4}at .+\/var\/task\/index\.js:\d+:\d+/s);
  const failed = failures(engine.invocations());
  expect(failed.map((f) => f.functionLogicalId)).toContainEqual(expect.stringContaining('IsCompleteHandler'));
  for (const { trace, errorType, errorMessage } of failed) {
    const headerLines = errorMessage.split('\n').length;
    expect(trace.slice(0, headerLines).join('\n')).toBe(`${errorType}: ${errorMessage}`);
    const frames = trace.slice(headerLines);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(RUNTIME_STACK_DEPTH);
    for (const frame of frames) expect(frame).toMatch(RUNTIME_FRAME);
  }
});

test('an error of a local service reaches the Provider framework with the framework\'s own frames only', async () => {
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack();
  await engine.deploy(artifact);
  const first = engine.exchanges(logicalId)[0];

  // The framework names its waiter's execution after the RequestId: a redelivered Create cannot start another.
  const again = await engine.sendRequest(logicalId, { requestType: 'Create', requestId: first.request.RequestId });

  expect(again.outcome.status).toBe('FAILED');
  const [header, ...frames] = (JSON.parse(again.responses[0].body) as { Reason: string }).Reason.split('\n');
  expect(header).toMatch(/^ExecutionAlreadyExists: Execution Already Exists: /);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.length).toBeLessThanOrEqual(RUNTIME_STACK_DEPTH);
  for (const frame of frames) expect(frame).toMatch(RUNTIME_FRAME);
});

test('a deep stack reports Node\'s 10 frames, whatever the path of the code folder', async () => {
  // The function's code, and the cloud assembly it is copied to, at a path of more than 200 characters.
  const deep = path.join(workDir, 'a-function-code-folder-at-a-long-path-'.repeat(3), 'and-another-folder-inside-it-'.repeat(3));
  const code = path.join(deep, 'code');
  fs.mkdirSync(code, { recursive: true });
  fs.writeFileSync(path.join(code, 'index.js'), [
    'const down = (n) => { if (n === 0) throw new Error("failed 30 calls deep"); return down(n - 1) + 1; };',
    'exports.onEvent = async () => down(30);',
  ].join('\n'));
  const stack = new Stack(new App({ outdir: path.join(deep, 'cdk.out') }), 'LifecycleStack');
  const onEventHandler = new lambda.Function(stack, 'Deep', { runtime: lambda.Runtime.NODEJS_22_X, code: lambda.Code.fromAsset(code), handler: 'index.onEvent' });
  const resource = new CustomResource(stack, 'Resource', { serviceToken: new cr.Provider(stack, 'Provider', { onEventHandler }).serviceToken });
  expect(deep.length).toBeGreaterThan(200);
  const engine = lifecycle.engine();

  const result = await engine.deploy(synthesize(stack));

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain('failed 30 calls deep');
  const [failed] = failures(engine.invocations(stack.getLogicalId(onEventHandler.node.defaultChild as lambda.CfnFunction)));
  expect(failed.trace[0]).toBe('Error: failed 30 calls deep');
  expect(failed.trace.slice(1)).toHaveLength(RUNTIME_STACK_DEPTH);
  for (const frame of failed.trace.slice(1)) expect(frame).toMatch(/^ {4}at down \(\/var\/task\/index\.js:\d+:\d+\)$/);
  const [exchange] = engine.exchanges(stack.getLogicalId(resource.node.defaultChild as CfnResource));
  expect(exchange.outcome.status).toBe('FAILED');
  expect(Buffer.byteLength(exchange.responses[0].body)).toBeLessThan(1_000);
});
