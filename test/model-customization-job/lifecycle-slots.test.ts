/*
 * Jobs that wait for a free Bedrock slot (two customization jobs at a time
 * per account, the emulator's default), deployed by the local engine on the
 * emulator's time: queued creates started by the stack's watcher when a slot
 * frees, whoever held it; a clear failure when none frees in time; nothing
 * left queued or running after a rollback or a deletion.
 */
import { CreateModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { Duration, aws_dynamodb as dynamodb, aws_s3 as s3 } from 'aws-cdk-lib';
import { jobProps } from './lifecycle-stacks';
import { jobPlanInHours } from '../../emulator/bedrock';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { BaseModel, ModelCustomizationJob, ModelCustomizationJobProps } from '../../src';
import { jobRequest } from '../emulator/bedrock-fixtures/requests';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';
import { at, HOUR, longWaitEngine } from '../lifecycle/long-wait';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

const JOB_TYPE = 'Custom::BedrockModelCustomizationJob';

/** A stack of `count` jobs with the same props (`overrides`), named Job0, Job1, ... */
function fleet(count: number, overrides: Partial<ModelCustomizationJobProps> = {}) {
  const stack = newStack();
  const data = new s3.Bucket(stack, 'Data');
  for (let i = 0; i < count; i++) new ModelCustomizationJob(stack, `Job${i}`, jobProps(data, overrides));
  return synthesize(stack);
}

/** Two jobs "of another stack" (created through the API) that hold both slots for `hours`. */
async function otherStackHoldsBothSlots(hours: number): Promise<string[]> {
  const { emulator } = lifecycle;
  const names = ['other-stack-a', 'other-stack-b'];
  for (const name of names) {
    emulator.jobs.planFor(name, jobPlanInHours(hours));
    await lifecycle.readAsClient((client) => client.send(new CreateModelCustomizationJobCommand(jobRequest({ jobName: name, customModelName: `${name}-model` }))));
  }
  return names;
}

/** The stack's own jobs in the emulator (not the other stack's). */
function ownJobs() {
  return lifecycle.emulator.jobs.list({ sortOrder: 'Ascending' }).items.filter((j) => !j.jobName!.startsWith('other-stack-'));
}

describe('a job waited for by a wait condition', () => {
  test('jobs of another stack hold both slots for 3 hours: this stack\'s jobs wait, then start one per slot, and complete', async () => {
    const { emulator } = lifecycle;
    // They end at 3 h 3 min, off the fallback's 10-minute beat: only their events can start this stack's jobs within minutes.
    const othersEnd = 3 + 3 / 60;
    await otherStackHoldsBothSlots(othersEnd);
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    const deployedAt = emulator.clock.now().getTime();

    const result = await engine.deploy(fleet(3, { completionTimeout: Duration.hours(10) }));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('CREATE_COMPLETE');
    const jobs = ownJobs();
    expect(jobs.map((j) => j.status)).toEqual(['Completed', 'Completed', 'Completed']);
    // Each started once a slot freed: the first two when the other stack's jobs ended, the third after them.
    const starts = jobs.map((j) => (j.creationTime!.getTime() - deployedAt) / 1000 / HOUR);
    expect(starts[0]).toBeGreaterThanOrEqual(3);
    expect(starts[1]).toBeGreaterThanOrEqual(3);
    // The other stack's jobs' events (not this stack's) start the first two, within a couple of minutes.
    for (const start of starts.slice(0, 2)) {
      expect(start).toBeGreaterThanOrEqual(othersEnd);
      expect(start).toBeLessThanOrEqual(othersEnd + 2 / 60);
    }
    expect(starts[2]).toBeGreaterThanOrEqual(5);
    expect(Math.max(...starts)).toBeLessThan(5 + 11 / 60);
    expect(emulator.capacity.peak('customizationJobs')).toBeLessThanOrEqual(2);
    // What the stack reports of each job (jobArn, outputModel, the metrics) is that job's, as for a job that never queued.
    const results = engine.resources.filter((x) => x.type === 'Custom::BedrockModelCustomizationJobResult');
    expect(results).toHaveLength(3);
    for (const r of results) {
      const job = jobs.find((j) => j.jobArn === r.attributes.JobArn)!;
      expect(job).toBeDefined();
      expect(r.attributes.OutputModelArn).toBe(job.customModelArn);
      const metrics = emulator.jobs.get(job.jobArn!).trainingMetrics;
      expect(Number(r.attributes.TrainingLoss)).toBe(metrics?.trainingLoss);
    }
  });

  test('slots that never free within completionTimeout: a failure naming the jobs that hold them; the rollback leaves nothing queued or running', async () => {
    const { emulator } = lifecycle;
    const holders = await otherStackHoldsBothSlots(10);
    engine = longWaitEngine(lifecycle);

    const result = await engine.deploy(fleet(1, { completionTimeout: Duration.hours(2) }));

    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/got no free Bedrock slot by .+: the account's jobs in progress are other-stack-\w, other-stack-\w\. It will not start\./);
    for (const holder of holders) expect(result.reason).toContain(holder);
    expect(ownJobs()).toEqual([]);
    expect(engine.resources).toEqual([]);
    // Once the slots free, nothing of the stack starts.
    await engine.passTime(12 * HOUR);
    expect(ownJobs()).toEqual([]);
    expect(emulator.callsTo('CreateModelCustomizationJob').every((c) => c.statusCode !== 200 || String(c.input.jobName).startsWith('other-stack-'))).toBe(true);
  });

  test('the stack deleted while its jobs are queued: none of them ever starts', async () => {
    await otherStackHoldsBothSlots(4);
    let deletion: Promise<unknown> | undefined;
    const deleteStack = at(lifecycle, HOUR, () => {
      deletion = engine!.destroy();
    });
    engine = longWaitEngine(lifecycle, [deleteStack]);

    const result = await engine.deploy(fleet(2, { completionTimeout: Duration.hours(8) }));

    expect(result.status).toBe('DELETE_COMPLETE');
    await expect(deletion).resolves.toBe(result);
    await engine.passTime(8 * HOUR);
    expect(ownJobs()).toEqual([]);
  });

  test('an update that adds a job, which queues, rolls back: the queued job is taken out of the queue and never starts, while the stack and its watcher stay', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(1);
    engine = longWaitEngine(lifecycle);
    expect((await engine.deploy(fleet(1, { completionTimeout: Duration.hours(10) }))).status).toBe('CREATE_COMPLETE');
    const [kept] = ownJobs();
    await otherStackHoldsBothSlots(3);

    // Job1 queues (a waited job's resource completes at once); then a table DynamoDB refuses fails the update, long before Job1's deadline.
    const stack = newStack();
    const data = new s3.Bucket(stack, 'Data');
    for (const id of ['Job0', 'Job1']) new ModelCustomizationJob(stack, id, jobProps(data, { completionTimeout: Duration.hours(10) }));
    // After Job1's resource only (not its condition, which would wait for the job first).
    new dynamodb.CfnTable(stack, 'Refused', {
      keySchema: [{ attributeName: 'key', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
    }).node.addDependency(stack.node.findChild('Job1').node.defaultChild!);
    const result = await engine.update(synthesize(stack));

    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/Some index key attributes are not defined in AttributeDefinitions/);
    const refused = emulator.callsTo('CreateModelCustomizationJob').filter((c) => c.errorType === 'ServiceQuotaExceededException');
    const queuedName = String(refused[0]?.input.jobName);
    expect(queuedName).toMatch(/-Job1/);
    const table = engine.resources.find((r) => r.type === 'AWS::DynamoDB::Table')!.logicalId;
    const queuedItems = () => engine!.tableItems(table).filter((item) => (item.name as { S?: string } | undefined)?.S === queuedName);
    expect(queuedItems()).toEqual([]);

    // The slots free at 3 hours: the watcher, still there, starts nothing of the rolled-back job.
    await engine.passTime(6 * HOUR);
    expect(emulator.callsTo('CreateModelCustomizationJob').filter((c) => c.input.jobName === queuedName && c.errorType === undefined)).toEqual([]);
    expect(ownJobs().map((j) => j.jobArn)).toEqual([kept.jobArn]);
    expect(queuedItems()).toEqual([]);
  });
});

describe('a job nobody waits for, and a polled one', () => {
  test('the deployment waits for the job to start (a slot frees at 30 minutes), then ends; its ARN is the job\'s', async () => {
    const { emulator } = lifecycle;
    await otherStackHoldsBothSlots(0.5);
    emulator.jobs.defaultPlan = jobPlanInHours(3);
    engine = longWaitEngine(lifecycle);

    const result = await engine.deploy(fleet(1));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('CREATE_COMPLETE');
    const [job] = ownJobs();
    expect(job.status).toBe('InProgress');
    const resource = engine.resources.find((r) => r.type === JOB_TYPE)!;
    expect(resource.attributes.JobArn).toBe(job.jobArn);
    expect(resource.physicalId.startsWith(`${job.jobArn}#`)).toBe(true);
  });

  test('no slot within 55 minutes: the deployment fails naming the jobs that hold them, and the job never starts', async () => {
    const holders = await otherStackHoldsBothSlots(3);
    engine = longWaitEngine(lifecycle);

    const result = await engine.deploy(fleet(1));

    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/the account's jobs in progress are other-stack-\w, other-stack-\w\. It will not start\./);
    for (const holder of holders) expect(result.reason).toContain(holder);
    await engine.passTime(4 * HOUR);
    expect(ownJobs()).toEqual([]);
  });

  test('a polled job (30 minutes) that waits 10 minutes for a slot and trains 15 completes within its deadline', async () => {
    const { emulator } = lifecycle;
    await otherStackHoldsBothSlots(1 / 6);
    emulator.jobs.defaultPlan = jobPlanInHours(0.25);
    engine = longWaitEngine(lifecycle);

    const result = await engine.deploy(fleet(1, { completionTimeout: Duration.minutes(30) }));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(ownJobs().map((j) => j.status)).toEqual(['Completed']);
  });
});

describe('order, chains and replacements', () => {
  test('jobs start in declaration order; a job on another job\'s model queues only once that job has completed, and none starves', async () => {
    const { emulator } = lifecycle;
    await otherStackHoldsBothSlots(1);
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    const stack = newStack();
    const data = new s3.Bucket(stack, 'Data');
    const waited = { completionTimeout: Duration.hours(8) };
    const first = new ModelCustomizationJob(stack, 'First', jobProps(data, waited));
    new ModelCustomizationJob(stack, 'Second', jobProps(data, waited));
    new ModelCustomizationJob(stack, 'Third', jobProps(data, waited));
    new ModelCustomizationJob(stack, 'OnFirst', jobProps(data, { ...waited, baseModel: BaseModel.fromCustomModel(first.outputModel) }));

    const result = await engine.deploy(synthesize(stack));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('CREATE_COMPLETE');
    const byConstruct = (id: string) => ownJobs().find((j) => j.jobName!.includes(`-${id}`))!;
    const [firstJob, second, third, onFirst] = ['First', 'Second', 'Third', 'OnFirst'].map(byConstruct);
    const startOf = (job: typeof firstJob) => job.creationTime!.getTime();
    // First and Second take the slots the other stack frees; Third, queued since the deployment began, goes before OnFirst.
    expect(startOf(firstJob)).toBeLessThanOrEqual(startOf(second));
    expect(startOf(second)).toBeLessThan(startOf(third));
    expect(startOf(third)).toBeLessThanOrEqual(startOf(onFirst));
    expect(startOf(onFirst)).toBeGreaterThanOrEqual(firstJob.endTime!.getTime());
    const onFirstCreate = emulator.callsTo('CreateModelCustomizationJob').find((c) => c.input.jobName === onFirst.jobName && c.errorType === undefined)!;
    expect(onFirstCreate.input.baseModelIdentifier).toBe(firstJob.customModelArn);
    expect(ownJobs().map((j) => j.status)).toEqual(['Completed', 'Completed', 'Completed', 'Completed']);
    expect(emulator.capacity.peak('customizationJobs')).toBe(2);
  });

  test('an update that replaces a waited job while another stack holds both slots: the new job queues, starts once and is waited for; the old one goes from the stack', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(1);
    engine = longWaitEngine(lifecycle);
    const version = (epochs: string) => fleet(1, { completionTimeout: Duration.hours(6), hyperParameters: { epochCount: epochs, batchSize: '1', learningRate: '0.00001' } });
    expect((await engine.deploy(version('2'))).status).toBe('CREATE_COMPLETE');
    const [old] = ownJobs();
    await otherStackHoldsBothSlots(2);
    const updateAt = emulator.clock.now().getTime();

    const result = await engine.update(version('3'));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('UPDATE_COMPLETE');
    const created = emulator.callsTo('CreateModelCustomizationJob').filter((c) => !String(c.input.jobName).startsWith('other-stack-'));
    const started = created.filter((c) => c.errorType === undefined);
    // v1's job, and v2's once: refused while the other stack held the slots, then started by the watcher.
    expect(started).toHaveLength(2);
    expect(created.filter((c) => c.errorType === 'ServiceQuotaExceededException').length).toBeGreaterThan(0);
    // Every attempt at the new job is the same create (its token).
    const attempts = created.filter((c) => c.input.jobName === started[1].input.jobName);
    expect(new Set(attempts.map((c) => c.input.clientRequestToken))).toEqual(new Set([started[1].input.clientRequestToken]));
    const replacement = ownJobs().find((j) => j.jobName === started[1].input.jobName)!;
    expect(replacement.status).toBe('Completed');
    expect((replacement.creationTime!.getTime() - updateAt) / 1000 / HOUR).toBeGreaterThanOrEqual(2);
    expect(emulator.jobs.get(replacement.jobArn!).hyperParameters?.epochCount).toBe('3');
    expect(engine.resources.find((r) => r.type === 'Custom::BedrockModelCustomizationJobResult')!.attributes.JobArn).toBe(replacement.jobArn);
    // The old job is no longer the stack's (its model kept: RETAIN); it ran once, before the update.
    expect(engine.resources.filter((r) => r.type === JOB_TYPE)).toHaveLength(1);
    expect(engine.resources.find((r) => r.type === JOB_TYPE)!.physicalId).not.toContain(old.jobName);
    expect(emulator.jobs.get(old.jobArn!).status).toBe('Completed');
  });

  test('an update whose new job gets no slot in time rolls back: the new job never starts, the old one stays, and the next deployment succeeds', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(1);
    engine = longWaitEngine(lifecycle);
    const version = (epochs: string) => fleet(1, { completionTimeout: Duration.hours(2), hyperParameters: { epochCount: epochs, batchSize: '1', learningRate: '0.00001' } });
    expect((await engine.deploy(version('2'))).status).toBe('CREATE_COMPLETE');
    const [old] = ownJobs();
    const holders = await otherStackHoldsBothSlots(4);

    const result = await engine.update(version('3'));

    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/got no free Bedrock slot by .+: the account's jobs in progress are other-stack-\w, other-stack-\w\. It will not start\./);
    for (const holder of holders) expect(result.reason).toContain(holder);
    await engine.passTime(3 * HOUR);
    expect(ownJobs().map((j) => j.jobArn)).toEqual([old.jobArn]);
    expect(engine.resources.find((r) => r.type === 'Custom::BedrockModelCustomizationJobResult')!.attributes.JobArn).toBe(old.jobArn);

    // The slots are free now: the same update goes through.
    const again = await engine.update(version('3'));

    expect(again.reason).toBeUndefined();
    expect(again.status).toBe('UPDATE_COMPLETE');
    expect(ownJobs()).toHaveLength(2);
    expect(ownJobs().every((j) => j.status === 'Completed')).toBe(true);
  });
});
