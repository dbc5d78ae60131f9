/*
 * Jobs waited for longer than a custom resource can wait: the wait condition,
 * the watcher signalling it on the job's events or, when they are lost, at
 * the 10-minute fallback, and the job result after it, deployed by the local
 * engine against the Bedrock emulator on one emulated time.
 */
import { jobStack } from './lifecycle-stacks';
import { jobPlanInHours } from '../../emulator/bedrock';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { useLifecycle } from '../lifecycle/harness';
import { at, HOUR, longWaitEngine, waitHours } from '../lifecycle/long-wait';
import { withProvenance } from '../support/provenance';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

const CONDITION = 'AWS::CloudFormation::WaitCondition';
const RESULT = 'Custom::BedrockModelCustomizationJobResult';

function ofType(e: LocalCloudFormation, type: string) {
  return e.resources.filter((r) => r.type === type);
}

function jobArnOf(e: LocalCloudFormation, logicalId: string): string {
  return e.resource(logicalId).physicalId.split('#')[0];
}

/** When the job resource was created and when the condition completed (stack events). */
function waited(e: LocalCloudFormation): { from: number; to: number } {
  const completeJob = e.events.find((ev) => ev.resourceType === 'Custom::BedrockModelCustomizationJob' && ev.status === 'CREATE_COMPLETE')!;
  const condition = e.events.filter((ev) => ev.resourceType === CONDITION && /_(COMPLETE|FAILED)$/.test(ev.status)).at(-1)!;
  return { from: completeJob.timestamp.getTime(), to: condition.timestamp.getTime() };
}

test('a job of 5 hours: the deployment ends with the model, at most 12 Get calls an hour, one signal', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(5);
  engine = longWaitEngine(lifecycle);
  const { artifact, logicalId } = jobStack(waitHours(6));

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('CREATE_COMPLETE');
  const job = emulator.jobs.get(jobArnOf(engine, logicalId));
  expect(job.status).toBe('Completed');
  const [resultResource] = ofType(engine, RESULT);
  expect(resultResource.attributes).toMatchObject({ OutputModelArn: job.outputModelArn, TrainingLoss: '0.1234', ValidationLoss0: '0.2345' });
  const { from, to } = waited(engine);
  const hours = (to - from) / 1000 / HOUR;
  expect(hours).toBeGreaterThanOrEqual(5);
  // The state-change event ends the wait at once, not at the next fallback.
  expect(hours).toBeLessThan(5 + 1 / 60 + 1e-9);
  const gets = emulator.callsTo('GetModelCustomizationJob').length;
  expect(gets / hours).toBeLessThanOrEqual(12);
  // The signal: the job's name as UniqueId, its ARN as Data.
  expect(ofType(engine, CONDITION)[0].attributes.Data).toBe(JSON.stringify({ [job.jobName!]: job.jobArn }));
  // The fallback rule is disabled once the condition has its signal. The event's run and a fallback run at the same
  // time may both signal: with the job's id as UniqueId, CloudFormation takes the second as a retransmission.
  const fallback = engine.resources.find((r) => r.type === 'AWS::Events::Rule' && String(r.properties.Name).endsWith('-fallback'))!;
  expect(engine.rule(String(fallback.properties.Name)).state).toBe('DISABLED');
  const watcherLogs = engine.invocations().filter((i) => i.functionLogicalId.startsWith('BedrockModelCustomizationJobProviderQueueWatcher'))
    .flatMap((i) => i.logs.map((line) => line.message));
  expect(watcherLogs.filter((line) => line.includes('"Wait condition signalled"')).length).toBeGreaterThanOrEqual(1);
  expect(Object.keys(JSON.parse(String(ofType(engine, CONDITION)[0].attributes.Data)))).toHaveLength(1);
  await engine.passTime(HOUR);
  expect(emulator.callsTo('GetModelCustomizationJob').length).toBe(gets);
});

test('a job that fails after 3 hours fails the deployment with Bedrock\'s message; the rollback leaves nothing', async () => {
  const { emulator } = lifecycle;
  const failureMessage = 'The training data has 4 records; at least 8 are required.';
  emulator.jobs.defaultPlan = jobPlanInHours(3, { status: 'Failed', failureMessage, phase: 'training' });
  engine = longWaitEngine(lifecycle);
  const { artifact } = jobStack(waitHours(6));

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(failureMessage);
  const condition = engine.events.find((ev) => ev.resourceType === CONDITION && ev.status === 'CREATE_FAILED')!;
  expect(condition.reason).toContain(`${failureMessage} (model customization job arn:aws:bedrock:`);
  const { from, to } = waited(engine);
  expect((to - from) / 1000 / HOUR).toBeCloseTo(3, 1);
  expect(engine.resources).toEqual([]);
});

test('a timeout fails the deployment, and the rollback stops the job', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(5);
  const { artifact } = jobStack(waitHours(2));
  const jobArns: string[] = [];
  const recordJob = at(lifecycle, 60, () => jobArns.push(...emulator.jobs.list().items.map((j) => j.jobArn!)));
  engine = longWaitEngine(lifecycle, [recordJob]);

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/WaitCondition timed out/);
  expect(jobArns).toHaveLength(1);
  expect(emulator.jobs.get(jobArns[0]).status).toMatch(/^Stopp(ing|ed)$/);
  expect(emulator.callsTo('StopModelCustomizationJob')).toHaveLength(1);
});

test('every event lost: the fallback finds the end within 10 minutes', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(4);
  emulator.events.drop = true;
  engine = longWaitEngine(lifecycle);
  const { artifact } = jobStack(waitHours(6));

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  const { from, to } = waited(engine);
  const hours = (to - from) / 1000 / HOUR;
  expect(hours).toBeGreaterThanOrEqual(4);
  expect(hours).toBeLessThanOrEqual(4 + 10 / 60 + 1 / 60);
  expect(emulator.events.emitted.every((e) => e.delivery === 'dropped')).toBe(true);
  expect(emulator.callsTo('GetModelCustomizationJob').length / hours).toBeLessThanOrEqual(12);
});

test('a job stopped by hand while waited on fails the deployment, saying so', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(5);
  const stopByHand = at(lifecycle, 2 * HOUR, () => {
    for (const job of emulator.jobs.list().items) emulator.jobs.stop(job.jobArn!);
  });
  engine = longWaitEngine(lifecycle, [stopByHand]);
  const { artifact } = jobStack(waitHours(6));

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/Model customization job arn:aws:bedrock:\S+ was stopped before it completed/);
  const { from, to } = waited(engine);
  expect((to - from) / 1000 / HOUR).toBeLessThan(2.2);
});

test('a timeout change starts no new job: a new condition, which the fallback signals within 10 minutes', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(2);
  engine = longWaitEngine(lifecycle);
  const first = jobStack(waitHours(3));
  expect((await engine.deploy(first.artifact)).status).toBe('CREATE_COMPLETE');
  const [before] = ofType(engine, CONDITION);
  const updateStartedAt = emulator.clock.now().getTime();

  const result = await engine.update(jobStack(waitHours(4)).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
  const [after] = ofType(engine, CONDITION);
  expect(after.logicalId).not.toBe(before.logicalId);
  // The condition waits the timeout and a margin for the fallback's delay.
  expect(after.properties.Timeout).toBe(String(4 * HOUR + 11 * 60));
  expect((emulator.clock.now().getTime() - updateStartedAt) / 1000).toBeLessThanOrEqual(10 * 60 + 60);
  expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(emulator.jobs.get(jobArnOf(engine, first.logicalId)).outputModelArn);
});

test('a replacement while the old job still runs: the new job is waited for, the old one stopped at cleanup', async () => {
  const { emulator } = lifecycle;
  // The first job is not waited for and runs longer than the second.
  emulator.jobs.defaultPlan = jobPlanInHours(8);
  engine = longWaitEngine(lifecycle);
  const first = jobStack({});
  expect((await engine.deploy(first.artifact)).status).toBe('CREATE_COMPLETE');
  const oldArn = jobArnOf(engine, first.logicalId);
  emulator.jobs.defaultPlan = jobPlanInHours(5);

  const second = jobStack({ ...waitHours(6), hyperParameters: { epochCount: '3', batchSize: '1', learningRate: '0.00001' } });
  const result = await engine.update(second.artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  const newArn = jobArnOf(engine, second.logicalId);
  expect(newArn).not.toBe(oldArn);
  expect(emulator.jobs.get(newArn).status).toBe('Completed');
  expect(emulator.jobs.get(oldArn).status).toMatch(/^Stopp(ing|ed)$/);
  expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(emulator.jobs.get(newArn).outputModelArn);
});

test('deleting the stack while it waits cancels the creation, stops the job and deletes everything', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(5);
  let deletion: Promise<unknown> | undefined;
  const deleteStack = at(lifecycle, 2 * HOUR, () => {
    deletion = engine!.destroy();
  });
  engine = longWaitEngine(lifecycle, [deleteStack]);
  const { artifact } = jobStack(waitHours(6));

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('DELETE_COMPLETE');
  await expect(deletion).resolves.toBe(result);
  expect(engine.events.find((e) => e.resourceType === CONDITION && e.status === 'CREATE_FAILED')?.reason).toBe('Resource creation cancelled');
  expect(engine.resources).toEqual([]);
  const [job] = emulator.jobs.list().items;
  expect(job.status).toMatch(/^Stopp(ing|ed)$/);
  expect(emulator.callsTo('StopModelCustomizationJob')).toHaveLength(1);
});

test('model tags changed while the job ran are pending, and the job result gives them to the model when the job completes', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(3);
  engine = longWaitEngine(lifecycle);
  const first = jobStack({});
  expect((await engine.deploy(first.artifact)).status).toBe('CREATE_COMPLETE');
  const jobArn = jobArnOf(engine, first.logicalId);

  // Same job (tags change in place), now waited for, with other custom model tags.
  const result = await engine.update(jobStack({ ...waitHours(6), customModelTags: { team: 'ml', purpose: 'production' } }).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(jobArnOf(engine, first.logicalId)).toBe(jobArn);
  const job = emulator.jobs.get(jobArn);
  expect(job.status).toBe('Completed');
  expect(emulator.tags.list(job.outputModelArn!))
    .toEqual(withProvenance('LifecycleStack/Job', [{ key: 'purpose', value: 'production' }, { key: 'team', value: 'ml' }]));
  expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(job.outputModelArn);
});
