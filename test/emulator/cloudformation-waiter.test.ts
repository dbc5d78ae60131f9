/*
 * The local stand-in for the Provider framework's waiter state machine: the
 * framework's isComplete polled with the state machine's retry policy on the
 * engine's clock, its onTimeout when attempts run out, and CloudFormation's
 * ServiceTimeout.
 */
import { Duration } from 'aws-cdk-lib';
import { IS_COMPLETE_FUNCTION, QUERY_INTERVAL_SECONDS, synthesizeFixture, TOTAL_TIMEOUT_SECONDS } from './cloudformation-fixtures/stacks';
import { EmulatedClock } from '../../emulator/bedrock';
import { ExternalClock, LocalCloudFormation, NO_RESPONSE_REASON, SynthesizedStack } from '../../emulator/cloudformation';

const WAITED = ['Polled', 'Throwing', 'Endless', 'Impatient'];
const stack = SynthesizedStack.fromArtifact(synthesizeFixture({
  Polled: { waiter: true, properties: { PollsNeeded: 3, Value: 'v' } },
  Throwing: { waiter: true, properties: { IsCompleteFails: true } },
  Endless: { waiter: true, properties: { NeverComplete: true } },
  Impatient: { waiter: true, properties: { NeverComplete: true }, serviceTimeout: Duration.seconds(25) },
}));

/** Deploys the fixture stack with one of the waited-for resources; returns how long it took on the engine's clock. */
async function deployWith(logicalId: string) {
  const template = JSON.parse(JSON.stringify(stack.template));
  WAITED.filter((id) => id !== logicalId).forEach((id) => delete template.Resources[id]);
  // Time moves only as the engine waits: a slow host adds no real seconds to what the test measures.
  const engine = new LocalCloudFormation({ clock: new ExternalClock(new EmulatedClock({ acceleration: 0 })) });
  const started = engine.clock.now();
  const result = await engine.deploy(stack.withTemplate(template));
  const [create] = engine.exchanges(logicalId);
  return { engine, result, create, waitedSeconds: (create.responses[0]?.receivedAt.getTime() ?? engine.clock.now()) / 1000 - started / 1000 };
}

/** The polls the user's isComplete logged, with the time it read from Date.now(). */
function polls(engine: LocalCloudFormation): { poll: number; now: number; requestType: string }[] {
  return engine.logs(IS_COMPLETE_FUNCTION).map((line) => JSON.parse(line)).filter((entry) => entry.handler === 'isComplete');
}

test('completes after a few polls, one query interval apart, with isComplete\'s Data merged in', async () => {
  const { engine, result, create, waitedSeconds } = await deployWith('Polled');
  expect(result.status).toBe('CREATE_COMPLETE');
  expect(create.outcome).toEqual({ status: 'SUCCESS', physicalResourceId: 'Polled-physical', data: { Value: 'v', RequestType: 'Create', Invocation: '1', Polls: '3' }, noEcho: false });
  const [execution] = engine.executions;
  expect(execution).toMatchObject({ name: create.request.RequestId, status: 'SUCCEEDED' });
  expect(execution.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:CloudFormationFixture-WaiterProviderwaiterstatemachine[\w-]+:/);
  expect(execution.attempts.map((a) => a.error)).toEqual(['Error', 'Error', undefined]);
  // The handler read the engine's clock: each poll one interval after the last.
  const times = polls(engine).filter((p) => p.requestType === 'Create').map((p) => p.now);
  expect(times.slice(1).map((t, i) => Math.round((t - times[i]) / 1000))).toEqual([QUERY_INTERVAL_SECONDS, QUERY_INTERVAL_SECONDS]);
  expect(Math.round(waitedSeconds)).toBe(2 * QUERY_INTERVAL_SECONDS);
});

test('a user isComplete that throws fails the resource at once', async () => {
  const { engine, result, create } = await deployWith('Throwing');
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(create.outcome).toMatchObject({ status: 'FAILED', physicalResourceId: 'Throwing-physical', reason: expect.stringContaining('isComplete told to fail') });
  expect(engine.executions[0].attempts).toHaveLength(1);
  // The rollback Delete carries the id onEvent returned, and is waited for too.
  expect(engine.exchanges('Throwing').map((e) => [e.request.RequestType, e.request.PhysicalResourceId, e.outcome.status]))
    .toEqual([['Create', undefined, 'FAILED'], ['Delete', 'Throwing-physical', 'SUCCESS']]);
});

test('running out of attempts: the framework\'s onTimeout answers "Operation timed out"', async () => {
  const { engine, result, create, waitedSeconds } = await deployWith('Endless');
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(create.outcome).toEqual({
    status: 'FAILED',
    physicalResourceId: 'Endless-physical',
    reason: `Received response status [FAILED] from custom resource. Message returned: Operation timed out (RequestId: ${create.request.RequestId})`,
  });
  const [execution] = engine.executions;
  const retries = TOTAL_TIMEOUT_SECONDS / QUERY_INTERVAL_SECONDS;
  expect(execution.attempts.map((a) => a.state)).toEqual([...Array(retries + 1).fill('framework-isComplete-task'), 'framework-onTimeout-task']);
  expect(execution.status).toBe('SUCCEEDED');
  expect(Math.round(waitedSeconds)).toBe(TOTAL_TIMEOUT_SECONDS);
  // onTimeout got the Step Functions error: the framework's Retry error, whose message is the isComplete event.
  const timeoutEvent = engine.invocations().find((i) => (i.event as { Cause?: string }).Cause)!.event as { Error: string; Cause: string };
  expect(timeoutEvent.Error).toBe('Error');
  expect(JSON.parse(JSON.parse(timeoutEvent.Cause).errorMessage)).toMatchObject({ RequestId: create.request.RequestId, PhysicalResourceId: 'Endless-physical' });
});

test('ServiceTimeout: CloudFormation stops waiting, and the waiter is stopped', async () => {
  const { engine, result, create } = await deployWith('Impatient');
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(create.serviceTimeoutSeconds).toBe(25);
  expect(create.request.ResourceProperties.ServiceTimeout).toBe('25');
  expect(create.outcome).toEqual({ status: 'FAILED', reason: NO_RESPONSE_REASON });
  expect(create.responses).toEqual([]);
  expect(engine.executions[0].status).toBe('ABORTED');
  expect(engine.clock.now() - create.sentAt.getTime()).toBeGreaterThanOrEqual(25_000);
});
