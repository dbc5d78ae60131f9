/*
 * Jobs that wait for a free Bedrock slot (two customization jobs at a time
 * per account, the emulator's default), deployed by the local engine on the
 * emulator's time: queued creates started by the stack's watcher when a slot
 * frees, whoever held it; a clear failure when none frees in time; nothing
 * left queued or running after a rollback or a deletion.
 */
import { CreateModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { Duration, aws_s3 as s3 } from 'aws-cdk-lib';
import { newStack, synthesize, useLifecycle } from './harness';
import { jobProps } from './job-stacks';
import { at, HOUR, longWaitEngine } from './long-wait';
import { jobPlanInHours } from '../../emulator/bedrock';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { ModelCustomizationJob, ModelCustomizationJobProps } from '../../src';
import { jobRequest } from '../emulator/bedrock-fixtures/requests';

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
    await otherStackHoldsBothSlots(3);
    emulator.jobs.defaultPlan = jobPlanInHours(2);
    engine = longWaitEngine(lifecycle);
    const deployedAt = emulator.clock.now().getTime();

    const result = await engine.deploy(fleet(3, { completionTimeout: Duration.hours(10) }));

    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('CREATE_COMPLETE');
    const jobs = ownJobs();
    expect(jobs.map((j) => j.status)).toEqual(['Completed', 'Completed', 'Completed']);
    // Each started once a slot freed: the first two when the other stack's jobs ended (within the 10-minute fallback), the third after them.
    const starts = jobs.map((j) => (j.creationTime!.getTime() - deployedAt) / 1000 / HOUR);
    expect(starts[0]).toBeGreaterThanOrEqual(3);
    expect(starts[1]).toBeGreaterThanOrEqual(3);
    expect(starts[2]).toBeGreaterThanOrEqual(5);
    expect(Math.max(...starts)).toBeLessThan(5 + 11 / 60);
    expect(emulator.capacity.peak('customizationJobs')).toBeLessThanOrEqual(2);
    // The ARNs the stack reports are the jobs'.
    for (const r of engine.resources.filter((x) => x.type === 'Custom::BedrockModelCustomizationJobResult')) {
      expect(jobs.map((j) => j.jobArn)).toContain(r.attributes.JobArn);
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
