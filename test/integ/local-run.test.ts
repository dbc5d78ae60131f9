/*
 * The local run of an integration app reports what would fail in an account:
 * an assertion that does not hold, a post-destroy check that fails, and a
 * stack that a probe created and left.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, aws_iam as iam, aws_sqs as sqs } from 'aws-cdk-lib';
import { runIntegApp } from './local/run-integ-app';
import { Probe } from './probe';
import { BedrockEmulator } from '../../emulator/bedrock';

let emulator: BedrockEmulator;
beforeAll(async () => {
  emulator = await BedrockEmulator.start();
});
afterAll(() => emulator.stop());

/** An app whose test stack holds a queue, asserting that the account has a logging configuration (it has none). */
function appExpectingLogging(postDestroy: string[] = []) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'integ-local-')) });
  const stack = new Stack(app, 'LocalRunFixture');
  new sqs.Queue(stack, 'Queue');
  const integ = new IntegTest(app, 'LocalRun', { testCases: [stack], hooks: { postDestroy } });
  integ.assertions.awsApiCall('Bedrock', 'GetModelInvocationLoggingConfiguration', {})
    .expect(ExpectedResult.objectLike({ loggingConfig: { textDataDeliveryEnabled: true } }));
  return app.synth();
}

test('an assertion that does not hold is reported failed, with its message; the stacks still deploy and destroy', async () => {
  const run = await runIntegApp(emulator, appExpectingLogging());
  expect(run.operations.map((o) => o.result.status)).toEqual(['CREATE_COMPLETE', 'CREATE_COMPLETE', 'DELETE_COMPLETE', 'DELETE_COMPLETE']);
  expect(Object.values(run.assertions)).toEqual([{ status: 'fail', message: expect.stringContaining('loggingConfig') }]);
}, 60_000);

test('a post-destroy check that exits non-zero is reported with its exit code, after the others ran', async () => {
  const run = await runIntegApp(emulator, appExpectingLogging(['node -e process.exit(3)', 'node checks/logging-removed.js']));
  expect(run.hooks.map(({ command, exitCode }) => ({ command, exitCode }))).toEqual([
    { command: 'node -e process.exit(3)', exitCode: 3 },
    { command: 'node checks/logging-removed.js', exitCode: 0 },
  ]);
  expect(run.hooks[1].output).toMatch(/No model invocation logging configuration is left/);
}, 60_000);

/** An app whose probe creates a stack and does not delete it; the probe deletes it with the test stack if told to. */
function appLeavingAStack(cleanup: string[]) {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'integ-local-')) });
  const stack = new Stack(app, 'LocalRunFixture');
  const probe = new Probe(stack, 'Probe', new IntegTest(app, 'LocalRun', { testCases: [stack] }));
  const template = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
  probe.expectDuring('Leave', [{ client: 'cloudformation', command: 'CreateStack', input: { StackName: 'LocalRunLeft', TemplateBody: template } }],
    new iam.PolicyStatement({ actions: ['cloudformation:*', 'sqs:*'], resources: ['*'] }), 'ok', [], cleanup);
  return app.synth();
}

test('a stack that a probe created and did not delete is reported left, with its status', async () => {
  const run = await runIntegApp(emulator, appLeavingAStack([]));
  expect(run.operations.every((o) => o.result.status.endsWith('COMPLETE'))).toBe(true);
  expect(run.leftStacks).toEqual(['LocalRunLeft CREATE_COMPLETE']);
}, 60_000);

test('a probe told to clean up deletes the stacks it left when the test stack is deleted', async () => {
  const run = await runIntegApp(emulator, appLeavingAStack(['LocalRunLeft']));
  expect(run.operations.map((o) => o.result.status)).toEqual(['CREATE_COMPLETE', 'CREATE_COMPLETE', 'DELETE_COMPLETE', 'DELETE_COMPLETE']);
  expect(run.leftStacks).toEqual([]);
}, 60_000);
