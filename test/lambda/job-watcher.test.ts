/*
 * The job watcher: reads the job once per invocation, signals the wait
 * condition handle once the job has ended (SUCCESS, or FAILURE with Bedrock's
 * message, bounded), then disables the fallback rule of that condition. It
 * never reads the rule's state, and a handle that answers 403 or 404 belongs
 * to a condition that is done or gone.
 */
import { createServer, IncomingMessage, Server } from 'http';
import type { AddressInfo } from 'net';
import { GetModelCustomizationJobCommand, ResourceNotFoundException } from '@aws-sdk/client-bedrock';
import { DisableRuleCommand, EventBridgeClient, ResourceNotFoundException as RuleNotFound } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { JOB_ARN, MODEL_ARN, useMockedBedrock } from './fixtures';
import { watch } from '../../lambda/job-watcher/watch';

const { bedrock, logs } = useMockedBedrock();
const eventBridge = mockClient(EventBridgeClient);
const RULE = 'bedrock-job-wait-0123abcd-0123456789ab-89ABCDEF-fallback';

/** A local handle: every PUT it receives, with its headers. */
let server: Server;
let signals: Array<{ method?: string; contentType?: string; body: Record<string, string> }>;
let status = 200;
let handleUrl: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      signals.push({ method: req.method, contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  handleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/handle?X-Amz-Signature=secret`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  eventBridge.reset();
  signals = [];
  status = 200;
  eventBridge.on(DisableRuleCommand).resolves({});
});

const input = () => ({ jobArn: JOB_ARN, handleUrl, fallbackRuleName: RULE });

test('a running job: one Get, no signal, the rule stays enabled', async () => {
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'InProgress' });
  await watch(input());
  expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 1);
  expect(signals).toEqual([]);
  expect(eventBridge).not.toHaveReceivedCommand(DisableRuleCommand);
});

test('a completed job: SUCCESS with the output model, without a Content-Type, then the rule is disabled', async () => {
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
  await watch(input());
  expect(signals).toEqual([{
    method: 'PUT',
    contentType: undefined,
    body: { Status: 'SUCCESS', Reason: 'The model customization job completed', UniqueId: 'abcdefghijkl', Data: MODEL_ARN },
  }]);
  expect(eventBridge).toHaveReceivedCommandWith(DisableRuleCommand, { Name: RULE });
  // The handle URL is a credential: it is never logged.
  expect(JSON.stringify(logs().mock.calls)).not.toContain('secret');
});

test('a failed job: FAILURE quoting Bedrock\'s message, bounded', async () => {
  const message = `Insufficient training data. ${'x'.repeat(5000)}`;
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Failed', failureMessage: message });
  await watch(input());
  expect(signals[0].body.Status).toBe('FAILURE');
  expect(signals[0].body.Reason).toMatch(/^Insufficient training data\. x+…? \(model customization job .+ Failed\)$/);
  expect(Buffer.byteLength(signals[0].body.Reason)).toBeLessThanOrEqual(1024);
});

test('a stopped job and a job that no longer exists: FAILURE saying so', async () => {
  bedrock.on(GetModelCustomizationJobCommand).resolvesOnce({ jobArn: JOB_ARN, status: 'Stopped' })
    .rejectsOnce(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
  await watch(input());
  await watch(input());
  expect(signals.map((s) => s.body.Reason)).toEqual([
    `Model customization job ${JOB_ARN} was stopped before it completed`,
    `Model customization job ${JOB_ARN} no longer exists`,
  ]);
  expect(eventBridge).toHaveReceivedCommandTimes(DisableRuleCommand, 2);
});

test('the rule\'s state decides nothing: every run after the job\'s end signals (the same UniqueId) and disables the rule', async () => {
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
  await watch(input());
  await watch(input());
  expect(signals.map((s) => s.body.UniqueId)).toEqual(['abcdefghijkl', 'abcdefghijkl']);
  expect(eventBridge).toHaveReceivedCommandTimes(DisableRuleCommand, 2);
  expect(eventBridge.calls().map((c) => c.args[0].constructor.name)).toEqual(['DisableRuleCommand', 'DisableRuleCommand']);
});

test.each([403, 404])('a handle that answers %d: the condition is done or gone; the rule is disabled and the run succeeds', async (answer) => {
  status = answer;
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
  await expect(watch(input())).resolves.toBeUndefined();
  expect(eventBridge).toHaveReceivedCommandWith(DisableRuleCommand, { Name: RULE });
  expect(JSON.stringify(logs().mock.calls)).toContain(`its handle answered HTTP ${answer}`);
});

test('any other answer fails the run, which Lambda retries, and leaves the rule enabled', async () => {
  status = 500;
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
  await expect(watch(input())).rejects.toThrow('Signalling the wait condition handle failed: HTTP 500');
  expect(eventBridge).not.toHaveReceivedCommand(DisableRuleCommand);
});

test('a rule deleted already (with its condition): the run ends quietly', async () => {
  eventBridge.on(DisableRuleCommand).rejects(new RuleNotFound({ message: `Rule ${RULE} does not exist on EventBus default.`, $metadata: {} }));
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
  await expect(watch(input())).resolves.toBeUndefined();
});

test('an input without the handle fails clearly', async () => {
  await expect(watch({ jobArn: JOB_ARN, fallbackRuleName: RULE })).rejects.toThrow(/handleUrl/);
});
