/*
 * The long wait against what a real account does that a first reading of
 * AWS misses (each an engine or emulator rule, on by default): handle URLs
 * that expire a day after the handle's creation, rule updates that enable a
 * rule before its new targets apply (and rollbacks that put old ones back),
 * job events that name the job without its base model, and a fallback whose
 * schedule may miss the end of a timeout.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EnableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CfnParameter, CfnWaitCondition, CfnWaitConditionHandle, Duration, aws_events as events, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { jobProps, JOB_ID } from './lifecycle-stacks';
import { jobPlanInHours, JobEventArnForm } from '../../emulator/bedrock';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { BaseModel, ModelCustomizationJob, ModelCustomizationJobProps, TrainingData } from '../../src';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';
import { HOUR, longWaitEngine, waitHours } from '../lifecycle/long-wait';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

const JOB_TYPE = 'Custom::BedrockModelCustomizationJob';
const CONDITION = 'AWS::CloudFormation::WaitCondition';
const RESULT = 'Custom::BedrockModelCustomizationJobResult';
const WATCHER_FUNCTION = /^BedrockModelCustomizationJobProviderQueueWatcher/;

/** One job in a stack with its data bucket; `extend` adds to the stack (a failing resource, say). */
function stackWith(props: (stack: ReturnType<typeof newStack>, data: s3.IBucket) => Partial<ModelCustomizationJobProps>,
  extend?: (stack: ReturnType<typeof newStack>, job: ModelCustomizationJob) => void) {
  const stack = newStack();
  const data = new s3.Bucket(stack, 'Data');
  const job = new ModelCustomizationJob(stack, JOB_ID, jobProps(data, props(stack, data)));
  extend?.(stack, job);
  return synthesize(stack);
}

function ofType(e: LocalCloudFormation, type: string) {
  return e.resources.filter((r) => r.type === type);
}

function jobArnOf(e: LocalCloudFormation): string {
  return ofType(e, JOB_TYPE)[0].physicalId.split('#')[0];
}

function fallbackRuleName(e: LocalCloudFormation): string {
  const rule = e.resources.find((r) => r.type === 'AWS::Events::Rule' && String(r.properties.Name).endsWith('-fallback'));
  return String(rule!.properties.Name);
}

/** The watcher's invocations from `since` (engine time) on. */
function watcherRuns(e: LocalCloudFormation, since: number) {
  return e.invocations().filter((i) => WATCHER_FUNCTION.test(i.functionLogicalId) && i.startedAt.getTime() >= since);
}

/** Hours from the job resource's creation to the end of its wait condition (the latest of each). */
function waitedHours(e: LocalCloudFormation): number {
  const job = e.events.filter((ev) => ev.resourceType === JOB_TYPE && /^(CREATE|UPDATE)_COMPLETE$/.test(ev.status)).at(-1)!;
  const condition = e.events.filter((ev) => ev.resourceType === CONDITION && /_(COMPLETE|FAILED)$/.test(ev.status)).at(-1)!;
  return (condition.timestamp.getTime() - job.timestamp.getTime()) / 1000 / HOUR;
}

const FAKE = { accessKeyId: 'a', secretAccessKey: 's' };

async function eventBridge(e: LocalCloudFormation): Promise<EventBridgeClient> {
  return new EventBridgeClient({ endpoint: await e.servicesEndpoint(), region: e.region, credentials: FAKE });
}

describe('job state-change events name the job in either ARN form', () => {
  test.each<JobEventArnForm>(['guide', 'api'])('%s form: the wait ends within a minute of the job, not at the fallback', async (arnForm) => {
    const { emulator } = lifecycle;
    emulator.events.arnForm = arnForm;
    // Off the fallback's 10-minute phase: only the event can end the wait this soon.
    emulator.jobs.defaultPlan = jobPlanInHours(4 + 55 / 60);
    engine = longWaitEngine(lifecycle);

    expect((await engine.deploy(stackWith(() => waitHours(6)))).status).toBe('CREATE_COMPLETE');

    expect(emulator.events.emitted.map((e) => e.event.resources[0])).toEqual([arnForm === 'api' ? jobArnOf(engine) : expect.not.stringContaining('titan')]);
    const hours = waitedHours(engine);
    expect(hours).toBeGreaterThanOrEqual(4 + 55 / 60);
    expect(hours).toBeLessThanOrEqual(4 + 56 / 60 + 1e-9);
  });
});

test('a replacement just before the fallback\'s beat (a scheduled run as the new job starts): the new job is waited for', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(2);
  engine = longWaitEngine(lifecycle);
  expect((await engine.deploy(stackWith(() => waitHours(6)))).status).toBe('CREATE_COMPLETE');
  const oldArn = jobArnOf(engine);
  // Just before the fallback's phase: a rule enabled again by the update fires within the minute its new targets take.
  const { createdAt } = engine.rule(fallbackRuleName(engine));
  const now = engine.clock.now();
  await engine.passTime((Math.ceil((now - createdAt) / 600_000) * 600_000 - (now - createdAt)) / 1000 + 10 * 60 - 20);
  emulator.jobs.defaultPlan = jobPlanInHours(3 + 5 / 60);

  const result = await engine.update(stackWith(() => ({ ...waitHours(6), hyperParameters: { epochCount: '3', batchSize: '1', learningRate: '0.00001' } })));

  expect(result.status).toBe('UPDATE_COMPLETE');
  const newArn = jobArnOf(engine);
  expect(newArn).not.toBe(oldArn);
  expect(emulator.jobs.get(newArn).status).toBe('Completed');
  expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(emulator.jobs.get(newArn).outputModelArn);
  expect(waitedHours(engine)).toBeLessThan(3 + 6 / 60);
});

test('an update rollback a day later that gives the job its old wait back: no run left reading the job or failing on its expired handle', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(2);
  engine = longWaitEngine(lifecycle);
  expect((await engine.deploy(stackWith(() => waitHours(3)))).status).toBe('CREATE_COMPLETE');
  await engine.passTime(26 * HOUR);

  // A new wait (another timeout) for the same job, then a resource that fails: the update rolls back.
  const failing = (stack: ReturnType<typeof newStack>, job: ModelCustomizationJob) => {
    const handle = new CfnWaitConditionHandle(stack, 'NeverSignalled');
    new CfnWaitCondition(stack, 'FailsAfterTheJob', { handle: handle.ref, timeout: '1' }).node.addDependency(job);
  };
  const result = await engine.update(stackWith(() => waitHours(4), failing));
  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  const rolledBack = engine.clock.now();
  const getsBefore = emulator.callsTo('GetModelCustomizationJob').length;

  await engine.passTime(2 * HOUR);

  const runs = watcherRuns(engine, rolledBack);
  expect(runs.flatMap((r) => (r.error ? [r.error.errorMessage] : []))).toEqual([]);
  expect(emulator.callsTo('GetModelCustomizationJob').length - getsBefore).toBeLessThanOrEqual(1);
  expect(engine.rule(fallbackRuleName(engine)).state).toBe('DISABLED');
});

describe('an update of the stack\'s fallback rule itself (CloudFormation\'s PutRule sets the template\'s state, ENABLED)', () => {
  /** Changes the job fallback rule's description: the update puts the rule again. */
  const touchFallback = (description: string) => (stack: ReturnType<typeof newStack>) => {
    const rule = stack.node.findChild('BedrockSlotQueue').node.findChild('jobFallback').node.defaultChild as events.CfnRule;
    rule.addPropertyOverride('Description', description);
  };

  test('by an update that also replaces the job: the new job\'s wait ends with it in the same deployment, no run fails, and the rule ends DISABLED', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    expect((await engine.deploy(stackWith(() => waitHours(6)))).status).toBe('CREATE_COMPLETE');
    const rule = fallbackRuleName(engine);
    const oldArn = jobArnOf(engine);
    expect(engine.rule(rule).state).toBe('DISABLED');
    emulator.jobs.defaultPlan = jobPlanInHours(3 + 5 / 60);
    const updatedAt = engine.clock.now();

    const result = await engine.update(stackWith(
      () => ({ ...waitHours(6), hyperParameters: { epochCount: '3', batchSize: '1', learningRate: '0.00001' } }),
      touchFallback('The fallback, described anew')));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(engine.rule(rule).description).toBe('The fallback, described anew');
    const newArn = jobArnOf(engine);
    expect(newArn).not.toBe(oldArn);
    expect(emulator.jobs.get(newArn).status).toBe('Completed');
    expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(emulator.jobs.get(newArn).outputModelArn);
    // Ended by the job's own event, within a minute of its end.
    expect(waitedHours(engine)).toBeLessThanOrEqual(3 + 6 / 60);
    await engine.passTime(HOUR);
    const runs = watcherRuns(engine, updatedAt);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.flatMap((r) => (r.error ? [r.error.errorMessage] : []))).toEqual([]);
    expect(engine.rule(rule).state).toBe('DISABLED');
  });

  test('by an update that fails a day later: the rollback enables the rule again, the next run disables it, and no run fails', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    expect((await engine.deploy(stackWith(() => waitHours(3)))).status).toBe('CREATE_COMPLETE');
    const rule = fallbackRuleName(engine);
    const description = engine.rule(rule).description;
    await engine.passTime(26 * HOUR);
    expect(engine.rule(rule).state).toBe('DISABLED');

    const result = await engine.update(stackWith(() => waitHours(3), (stack) => {
      touchFallback('The fallback, described anew')(stack);
      new CfnWaitCondition(stack, 'NeverSignalled', { handle: new CfnWaitConditionHandle(stack, 'NeverSignalledHandle').ref, timeout: '1' });
    }));

    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(engine.rule(rule)).toMatchObject({ description, state: 'ENABLED' });
    const rolledBack = engine.clock.now();
    const getsBefore = emulator.callsTo('GetModelCustomizationJob').length;

    await engine.passTime(HOUR);

    const runs = watcherRuns(engine, rolledBack);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.flatMap((r) => (r.error ? [r.error.errorMessage] : []))).toEqual([]);
    expect(engine.rule(rule).state).toBe('DISABLED');
    // Nothing waits: the runs read no job.
    expect(emulator.callsTo('GetModelCustomizationJob').length).toBe(getsBefore);
  });
});

test('an expired handle: a wait the watcher reads again a day after the job ended ends, without failing', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(2);
  engine = longWaitEngine(lifecycle);
  expect((await engine.deploy(stackWith(() => waitHours(3)))).status).toBe('CREATE_COMPLETE');
  await engine.passTime(25 * HOUR);
  // A replayed run: the wait as if never signalled (a run that signalled and failed before recording it), its rule enabled again.
  const endpoint = await engine.servicesEndpoint();
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: engine.region, credentials: FAKE }));
  const table = engine.resources.find((r) => r.type === 'AWS::DynamoDB::Table')!.physicalId;
  const [item] = (await documents.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items!;
  await documents.send(new UpdateCommand({
    TableName: table, Key: { key: item.key }, UpdateExpression: 'REMOVE #wait.#signalled', ExpressionAttributeNames: { '#wait': 'wait', '#signalled': 'signalled' },
  }));
  const rule = fallbackRuleName(engine);
  await (await eventBridge(engine)).send(new EnableRuleCommand({ Name: rule }));
  const enabled = engine.clock.now();

  await engine.passTime(HOUR);

  const runs = watcherRuns(engine, enabled);
  expect(runs.length).toBeGreaterThanOrEqual(1);
  expect(runs.flatMap((r) => (r.error ? [r.error.errorMessage] : []))).toEqual([]);
  expect(engine.rule(rule).state).toBe('DISABLED');
  expect(runs.flatMap((r) => r.logs.map((l) => l.message)).join('\n')).toMatch(/done or gone: its handle answered HTTP 403/);
});

test('a chain of three waited jobs (27 hours): each handle lives from its own job\'s start', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(9);
  engine = longWaitEngine(lifecycle);
  const stack = newStack();
  const data = new s3.Bucket(stack, 'Data');
  const first = new ModelCustomizationJob(stack, 'First', jobProps(data, waitHours(10)));
  const second = new ModelCustomizationJob(stack, 'Second', jobProps(data, { ...waitHours(10), baseModel: BaseModel.fromCustomModel(first.outputModel) }));
  new ModelCustomizationJob(stack, 'Third', jobProps(data, { ...waitHours(10), baseModel: BaseModel.fromCustomModel(second.outputModel) }));

  const result = await engine.deploy(synthesize(stack));

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  const jobs = emulator.jobs.list().items;
  expect(jobs.map((j) => j.status)).toEqual(['Completed', 'Completed', 'Completed']);
  expect((engine.clock.now() - jobs.at(-1)!.creationTime!.getTime()) / 1000 / HOUR).toBeGreaterThan(18);
});

test('a job that ends in the last ten minutes of its completionTimeout, its events lost, is not lost to the fallback\'s delay', async () => {
  const { emulator } = lifecycle;
  // 6 h 5 min to wait; the job takes 6 h 1 min; the fallback reads it every 10 minutes.
  emulator.jobs.defaultPlan = jobPlanInHours(6 + 1 / 60);
  emulator.events.drop = true;
  engine = longWaitEngine(lifecycle);

  const result = await engine.deploy(stackWith(() => ({ completionTimeout: Duration.minutes(6 * 60 + 5) })));

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  expect(emulator.jobs.get(jobArnOf(engine)).status).toBe('Completed');
});

describe('a job replaced by a change the template cannot show', () => {
  test('a replaced role: the new job is waited for in the same deployment', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    const withRole = (roleName: string) => stackWith((stack) => ({
      ...waitHours(6),
      role: new iam.Role(stack, 'JobRole', { roleName, assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }),
    }));
    expect((await engine.deploy(withRole('tuning-v1'))).status).toBe('CREATE_COMPLETE');
    const oldArn = jobArnOf(engine);

    const result = await engine.update(withRole('tuning-v2'));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('UPDATE_COMPLETE');
    const newArn = jobArnOf(engine);
    expect(newArn).not.toBe(oldArn);
    expect(emulator.jobs.get(newArn).roleArn).toMatch(/role\/tuning-v2$/);
    expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(emulator.jobs.get(newArn).outputModelArn);
  });

  test('a parameter: the update fails before any new job, naming the one step; with it the next deployment succeeds', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    const withKeyParameter = (hours: number) => stackWith((stack, data) => ({
      ...waitHours(hours),
      trainingData: TrainingData.fromBucket(data, new CfnParameter(stack, 'TrainingKey', { default: 'train/data.jsonl' }).valueAsString),
    }));
    expect((await engine.deploy(withKeyParameter(6))).status).toBe('CREATE_COMPLETE');
    const oldArn = jobArnOf(engine);

    const refused = await engine.update(withKeyParameter(6), { parameters: { TrainingKey: 'train/v2.jsonl' } });

    expect(refused.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(refused.reason).toMatch(/trainingDataS3Uri/);
    expect(refused.reason).toMatch(/completionTimeout/);
    expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
    expect(jobArnOf(engine)).toBe(oldArn);

    const next = await engine.update(withKeyParameter(7), { parameters: { TrainingKey: 'train/v2.jsonl' } });

    expect(next.reason).toBeUndefined();
    expect(next.status).toBe('UPDATE_COMPLETE');
    const newArn = jobArnOf(engine);
    expect(emulator.jobs.get(newArn).trainingDataConfig?.s3Uri).toMatch(/train\/v2\.jsonl$/);
    expect(ofType(engine, RESULT)[0].attributes.OutputModelArn).toBe(emulator.jobs.get(newArn).outputModelArn);
  });

  test('a chain whose first job is trained again: the second job, on the new model, is waited for in the same deployment', async () => {
    const { emulator } = lifecycle;
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    const chain = (epochs: string) => {
      const stack = newStack();
      const data = new s3.Bucket(stack, 'Data');
      const first = new ModelCustomizationJob(stack, 'First', jobProps(data, { ...waitHours(6), hyperParameters: { epochCount: epochs, batchSize: '1', learningRate: '0.00001' } }));
      new ModelCustomizationJob(stack, 'Second', jobProps(data, { ...waitHours(6), baseModel: BaseModel.fromCustomModel(first.outputModel) }));
      return synthesize(stack);
    };
    expect((await engine.deploy(chain('2'))).status).toBe('CREATE_COMPLETE');

    const result = await engine.update(chain('3'));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('UPDATE_COMPLETE');
    const jobs = emulator.jobs.list({ sortOrder: 'Ascending' }).items.filter((j) => j.status === 'Completed');
    expect(jobs).toHaveLength(4);
    const creates = emulator.callsTo('CreateModelCustomizationJob').map((c) => c.input.baseModelIdentifier);
    expect(creates.at(-1)).toBe(jobs[2].customModelArn);
  });
});
