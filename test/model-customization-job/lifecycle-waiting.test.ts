/*
 * A Custom::BedrockModelCustomizationJob that waits for its job
 * (completionTimeout), against the local Bedrock emulator: the Provider
 * framework's waiter polls the isComplete handler every 30 seconds of the
 * engine's clock.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { jobStack } from './lifecycle-stacks';
import { useLifecycle } from '../lifecycle/harness';

const lifecycle = useLifecycle();
const WAIT = { completionTimeout: Duration.minutes(30) };

function jobArnOf(physicalId: string): string {
  return physicalId.split('#')[0];
}

test('the resource completes with the job, exposing the output model and the metrics', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack(WAIT);

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const { physicalId, attributes } = engine.resource(logicalId);
  const job = emulator.jobs.get(jobArnOf(physicalId));
  expect(job.status).toBe('Completed');
  expect(attributes).toMatchObject({ OutputModelArn: job.outputModelArn, TrainingLoss: '0.1234', ValidationLoss0: '0.2345' });
  expect(emulator.customModels.get(job.outputModelArn!)).toMatchObject({ modelName: attributes.CustomModelName, modelStatus: 'Active' });
  // One Get per poll: validation, data processing, training.
  expect(emulator.callsTo('GetModelCustomizationJob')).toHaveLength(3);
});

test('a job that fails fails the resource with Bedrock\'s message, and the stack rolls back', async () => {
  const { emulator } = lifecycle;
  const failureMessage = 'The training data must have at least 8 records.';
  emulator.jobs.defaultPlan = { outcome: { status: 'Failed', failureMessage, phase: 'validation' } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack(WAIT);

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`Message returned: ${failureMessage} (model customization job arn:aws:bedrock:`);
  const rollbackDelete = engine.exchanges(logicalId).at(-1)!;
  expect(rollbackDelete.request.RequestType).toBe('Delete');
  expect(rollbackDelete.outcome.status).toBe('SUCCESS');
  expect(emulator.callsTo('StopModelCustomizationJob')).toEqual([]);
});

test('a passed deadline fails the resource with the job ARN and status, and the rollback Delete stops the job', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = { training: { polls: 1_000 } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack({ completionTimeout: Duration.minutes(2) });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/Model customization job arn:aws:bedrock:\S+ did not complete within the completion timeout \(.+\); it is InProgress \(training InProgress\)/);
  const jobArn = jobArnOf(engine.exchanges(logicalId)[0].outcome.physicalResourceId!);
  expect(emulator.callsTo('StopModelCustomizationJob').map((c) => c.input)).toEqual([{ jobIdentifier: jobArn }]);
  expect(emulator.jobs.get(jobArn).status).toBe('Stopped');
  // Polls every 30 s for 2 minutes, then the deadline.
  const polls = engine.invocations().filter((i) => i.functionLogicalId.includes('IsCompleteHandler'));
  expect(polls.length).toBeGreaterThanOrEqual(4);
  expect(polls.length).toBeLessThanOrEqual(6);
});

test('a job that completes just as the rollback of its timed-out create stops it: its model is deleted too, though RETAIN', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = { training: { polls: 1_000 } };
  // The job completes between the rollback's Get and its Stop, which Bedrock then refuses.
  emulator.faults.error('ValidationException', {
    operation: 'StopModelCustomizationJob',
    when: (input) => {
      emulator.jobs.complete(String(input.jobIdentifier));
      return true;
    },
  }, 'The job is not in progress.');
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack({ completionTimeout: Duration.minutes(2), removalPolicy: RemovalPolicy.RETAIN });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  const [create, rollback] = engine.exchanges(logicalId);
  expect(create.outcome.physicalResourceId).toMatch(/#pending$/);
  expect(rollback).toMatchObject({ request: { RequestType: 'Delete' }, outcome: { status: 'SUCCESS' } });
  const job = emulator.jobs.get(jobArnOf(create.outcome.physicalResourceId!));
  expect(job.status).toBe('Completed');
  expect(emulator.callsTo('DeleteCustomModel').map((c) => c.input)).toEqual([{ modelIdentifier: job.outputModelArn }]);
  expect(emulator.customModels.has(job.outputModelArn!)).toBe(false);
});

test('a replacing update whose new job fails rolls back to the old job, with no third job', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const before = jobStack(WAIT);
  await engine.deploy(before.artifact);
  const oldPhysicalId = engine.resource(before.logicalId).physicalId;
  emulator.jobs.defaultPlan = { outcome: { status: 'Failed', failureMessage: 'Out of capacity.' } };

  const result = await engine.update(jobStack({ ...WAIT, hyperParameters: { epochCount: '5', batchSize: '1', learningRate: '0.00001' } }).artifact);

  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.reason).toContain('Out of capacity.');
  expect(engine.resource(before.logicalId).physicalId).toBe(oldPhysicalId);
  expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(2);
  expect(emulator.jobs.list().items.map((j) => j.status).sort()).toEqual(['Completed', 'Failed']);
  // The rollback Update found the old job matching its properties and re-reported its attributes.
  expect(engine.resource(before.logicalId).attributes.OutputModelArn).toBe(emulator.jobs.get(jobArnOf(oldPhysicalId)).outputModelArn);
});

describe('the API model', () => {
  test('no request in this file broke one of its rules', () => {
    expect(lifecycle.violations).toEqual([]);
  });
});
