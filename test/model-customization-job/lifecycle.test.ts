/*
 * Custom::BedrockModelCustomizationJob deployed, updated and deleted as
 * CloudFormation does, against the local Bedrock emulator.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { jobStack } from './lifecycle-stacks';
import { BaseModel, Customization, TeacherModel } from '../../src';
import { useLifecycle } from '../lifecycle/harness';
import { withProvenance } from '../support/provenance';

const lifecycle = useLifecycle();
const CREATE_FAILED_MARKER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

/** The ARN part of the job resource's physical id (`<jobArn>#<seed>`). */
function jobArnOf(physicalId: string): string {
  return physicalId.split('#')[0];
}

describe('create', () => {
  test('starts one job with the stack\'s names and tags, and exposes its attributes', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack();

    const result = await engine.deploy(artifact);

    expect(result.status).toBe('CREATE_COMPLETE');
    const resource = engine.resource(logicalId);
    const jobArn = jobArnOf(resource.physicalId);
    const job = emulator.jobs.get(jobArn);
    expect(job).toMatchObject({ status: 'InProgress', jobArn, jobName: resource.attributes.JobName, outputModelName: resource.attributes.CustomModelName });
    expect(resource.attributes).toMatchObject({ JobArn: jobArn });
    expect(emulator.jobs.list().items).toHaveLength(1);
    expect(emulator.tags.list(jobArn)).toEqual(withProvenance('LifecycleStack/Job', [{ key: 'team', value: 'ml' }]));
    expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
  });

  test('the same Create delivered twice starts one job', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack();
    await engine.deploy(artifact);
    const first = engine.exchanges(logicalId)[0];

    const again = await engine.sendRequest(logicalId, { requestType: 'Create', requestId: first.request.RequestId });

    expect(first.outcome.status).toBe('SUCCESS');
    expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(2);
    expect(emulator.jobs.list().items).toHaveLength(1);
    // The handler adopts its job; the Provider framework then refuses a second waiter of the same name
    // (it names the waiter execution after the RequestId). CloudFormation keeps the first answer.
    expect(again.outcome).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('ExecutionAlreadyExists') });
  });

  test('a service role Bedrock cannot assume yet (IAM propagation) is retried until it can', async () => {
    const { emulator } = lifecycle;
    emulator.iam.failuresPerNewRole = 2;
    const engine = lifecycle.engine();
    const { artifact } = jobStack();

    expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

    expect(emulator.callsTo('CreateModelCustomizationJob').map((c) => c.errorMessage ?? 'ok'))
      .toEqual(['Could not assume provided IAM role.', 'Could not assume provided IAM role.', 'ok']);
    expect(emulator.jobs.list().items).toHaveLength(1);
  });

  test('a create Bedrock rejects fails with its message, starts no job, and the rollback Delete succeeds', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    // The base model supports distillation (so the check before the create passes), but Bedrock knows no such teacher.
    const { artifact, logicalId } = jobStack({
      baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
      customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId('amazon.no-such-teacher-v1:0') }),
    });

    const result = await engine.deploy(artifact);

    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/Message returned: Creating model customization job 'LifecycleStack-Job[^']+' failed: Bedrock rejected the request: .*amazon\.no-such-teacher-v1:0/);
    expect(emulator.jobs.list().items).toEqual([]);
    const [create, rollbackDelete] = engine.exchanges(logicalId);
    expect(create.outcome).toMatchObject({ status: 'FAILED', physicalResourceId: CREATE_FAILED_MARKER });
    expect(rollbackDelete.request).toMatchObject({ RequestType: 'Delete', PhysicalResourceId: CREATE_FAILED_MARKER });
    expect(rollbackDelete.outcome).toMatchObject({ status: 'SUCCESS' });
  });
});

describe('delete', () => {
  test('a job still in progress is stopped, and the Delete waits until it has stopped', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = { stopping: { polls: 2 } };
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack();
    await engine.deploy(artifact);
    const jobArn = jobArnOf(engine.resource(logicalId).physicalId);

    const result = await engine.destroy();

    expect(result.status).toBe('DELETE_COMPLETE');
    expect(emulator.callsTo('StopModelCustomizationJob').map((c) => c.input)).toEqual([{ jobIdentifier: jobArn }]);
    expect(emulator.jobs.get(jobArn).status).toBe('Stopped');
    // One Get before the Stop, two while it stops.
    expect(emulator.callsTo('GetModelCustomizationJob')).toHaveLength(3);
  });

  test('a job that completes just as the Stop arrives keeps or loses its model by the removal policy', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack({ removalPolicy: RemovalPolicy.DESTROY });
    await engine.deploy(artifact);
    const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
    // A zero latency whose condition completes the job first: Bedrock then refuses to stop it.
    emulator.faults.latency(0, { operation: 'StopModelCustomizationJob', times: 1, when: () => (emulator.jobs.complete(jobArn), true) });

    const result = await engine.destroy();

    expect(result.status).toBe('DELETE_COMPLETE');
    expect(emulator.callsTo('StopModelCustomizationJob').map((c) => c.errorType)).toEqual(['ValidationException']);
    expect(emulator.customModels.has(emulator.jobs.get(jobArn).outputModelArn!)).toBe(false);
    expect(emulator.callsTo('DeleteCustomModel')).toHaveLength(1);
  });

  test('a completed job keeps its model under RETAIN and loses it under DESTROY', async () => {
    const { emulator } = lifecycle;
    for (const [removalPolicy, kept] of [[RemovalPolicy.RETAIN, true], [RemovalPolicy.DESTROY, false]] as const) {
      const engine = lifecycle.engine();
      const { artifact, logicalId } = jobStack({ removalPolicy });
      await engine.deploy(artifact);
      const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
      emulator.jobs.complete(jobArn);
      const modelArn = emulator.jobs.get(jobArn).outputModelArn!;

      expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
      expect(emulator.customModels.has(modelArn)).toBe(kept);
    }
    expect(emulator.callsTo('StopModelCustomizationJob')).toEqual([]);
    expect(emulator.callsTo('DeleteCustomModel')).toHaveLength(1);
  });

  test('a model already deleted by someone else counts as deleted', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack({ removalPolicy: RemovalPolicy.DESTROY });
    await engine.deploy(artifact);
    const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
    emulator.jobs.complete(jobArn);
    emulator.customModels.delete(emulator.jobs.get(jobArn).outputModelArn!);

    const result = await engine.destroy();

    expect(result.status).toBe('DELETE_COMPLETE');
    expect(emulator.callsTo('DeleteCustomModel').map((c) => c.errorType)).toEqual(['ResourceNotFoundException']);
  });

  test('a job Bedrock no longer knows counts as deleted', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack();
    await engine.deploy(artifact);
    const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
    emulator.jobs.forget(jobArn);

    const result = await engine.destroy();

    expect(result.status).toBe('DELETE_COMPLETE');
    expect(emulator.callsTo('GetModelCustomizationJob').map((c) => c.errorType)).toEqual(['ResourceNotFoundException']);
    expect(emulator.callsTo('StopModelCustomizationJob')).toEqual([]);
  });
});

describe('update', () => {
  test('changing what Bedrock receives starts a new job and stops the old one', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const before = jobStack();
    await engine.deploy(before.artifact);
    const oldArn = jobArnOf(engine.resource(before.logicalId).physicalId);

    const after = jobStack({ hyperParameters: { epochCount: '3', batchSize: '1', learningRate: '0.00001' } });
    const result = await engine.update(after.artifact);

    expect(result.status).toBe('UPDATE_COMPLETE');
    const newArn = jobArnOf(engine.resource(after.logicalId).physicalId);
    expect(newArn).not.toBe(oldArn);
    expect(emulator.jobs.get(newArn)).toMatchObject({ status: 'InProgress', hyperParameters: { epochCount: '3' } });
    expect(emulator.jobs.get(oldArn).status).toBe('Stopped');
    expect(emulator.callsTo('StopModelCustomizationJob').map((c) => c.input)).toEqual([{ jobIdentifier: oldArn }]);
  });

  test('changing only the removal policy calls no Bedrock API and keeps the job', async () => {
    const { emulator } = lifecycle;
    const engine = lifecycle.engine();
    const before = jobStack();
    await engine.deploy(before.artifact);
    const physicalId = engine.resource(before.logicalId).physicalId;
    const callsBefore = emulator.calls.length;

    const result = await engine.update(jobStack({ removalPolicy: RemovalPolicy.DESTROY }).artifact);

    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(emulator.calls.length).toBe(callsBefore);
    expect(engine.resource(before.logicalId)).toMatchObject({ physicalId, properties: { removalPolicy: 'destroy' } });
    expect(engine.exchanges(before.logicalId).at(-1)).toMatchObject({ request: { RequestType: 'Update' }, outcome: { status: 'SUCCESS', physicalResourceId: physicalId } });
  });
});

describe('faults', () => {
  test('with every second request throttled, create and delete still succeed', async () => {
    const { emulator } = lifecycle;
    emulator.faults.throttle({ every: 2 });
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack({ removalPolicy: RemovalPolicy.DESTROY });

    expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
    const jobArn = jobArnOf(engine.resource(logicalId).physicalId);
    emulator.jobs.complete(jobArn);
    const modelArn = emulator.jobs.get(jobArn).outputModelArn!;
    expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');

    expect(emulator.customModels.has(modelArn)).toBe(false);
    expect(emulator.jobs.list().items).toHaveLength(1);
    const statuses = emulator.calls.map((c) => c.statusCode);
    expect(statuses.filter((s) => s === 429).length).toBe(Math.floor(emulator.calls.length / 2));
  });

  test('a Create whose response is lost is retried and still starts one job', async () => {
    const { emulator } = lifecycle;
    emulator.faults.dropResponse({ operation: 'CreateModelCustomizationJob', times: 1 });
    const engine = lifecycle.engine();
    const { artifact, logicalId } = jobStack();

    expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

    const creates = emulator.callsTo('CreateModelCustomizationJob');
    expect(creates).toHaveLength(2);
    expect(creates[0].input.clientRequestToken).toBe(creates[1].input.clientRequestToken);
    expect(emulator.jobs.list().items.map((j) => j.jobArn)).toEqual([jobArnOf(engine.resource(logicalId).physicalId)]);
  });
});

// Declared last, so it runs after every scenario above.
describe('the API model', () => {
  test('no request in this file broke one of its rules', () => {
    expect(lifecycle.violations).toEqual([]);
  });
});
