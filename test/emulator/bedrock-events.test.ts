/*
 * The EventBridge events of the emulated Bedrock: one per change of a job's
 * status, found by emulated time as well as by polls, drained once, and lost
 * on purpose when a test says so.
 */
import {
  CreateModelCustomizationJobCommand,
  CreateModelCustomizationJobCommandInput,
  GetModelCustomizationJobCommand,
  StopModelCustomizationJobCommand,
} from '@aws-sdk/client-bedrock';
import { HOUR, useStoppedClock } from './bedrock-fixtures/harness';
import { BASE_MODEL, jobRequest, ROLE_ARN } from './bedrock-fixtures/requests';
import { EventBridgeEvent, jobPlanInHours, shortJobArn } from '../../emulator/bedrock';

const env = useStoppedClock();
const { at } = env;

async function createJob(overrides: Partial<CreateModelCustomizationJobCommandInput> = {}): Promise<string> {
  const { jobArn } = await env.client().send(new CreateModelCustomizationJobCommand(jobRequest(overrides)));
  return jobArn!;
}

async function getJob(jobIdentifier: string) {
  return env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier }));
}

const iso = (time: Date) => time.toISOString().replace(/\.\d{3}Z$/, 'Z');
const statuses = (events: readonly EventBridgeEvent[]) => events.map((e) => `${e.detail.jobName} ${e.detail.jobStatus} ${e.time}`);
const drainNow = () => env.emulator.events.drain(env.emulator.clock.now());
const polls = () => env.emulator.callsTo('GetModelCustomizationJob').length;

describe('a job on a plan of hours', () => {
  test('5 hours: no event at creation, one Completed event at the end, nobody polling, drained once', async () => {
    const { clock, events, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(5));
    const jobArn = await createJob();
    expect(drainNow()).toEqual([]);
    clock.advance(5 * HOUR - 1);
    expect(drainNow()).toEqual([]);
    clock.advance(1);
    const [event, ...others] = drainNow();
    expect(others).toEqual([]);
    expect(polls()).toBe(0);

    const job = await getJob(jobArn);
    expect(job.endTime).toEqual(at(5 * HOUR));
    expect(event).toEqual({
      'version': '0',
      'id': expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      'detail-type': 'Model Customization Job State Change',
      'source': 'aws.bedrock',
      'account': '123456789012',
      'time': '2025-03-01T13:00:00Z',
      'region': 'us-east-1',
      // The user guide's sample: the job's ARN without its base model, in resources and detail.
      'resources': [shortJobArn(jobArn)],
      'detail': {
        version: '0.0',
        jobName: 'tune-1',
        jobArn: shortJobArn(jobArn),
        outputModelName: 'tuned-1',
        outputModelArn: job.outputModelArn,
        roleArn: ROLE_ARN,
        jobStatus: 'Completed',
        creationTime: '2025-03-01T08:00:00Z',
        lastModifiedTime: '2025-03-01T13:00:00Z',
        endTime: '2025-03-01T13:00:00Z',
        baseModelArn: `arn:aws:bedrock:us-east-1::foundation-model/${BASE_MODEL}`,
        hyperParameters: { epochCount: '2' },
        trainingDataConfig: { s3Uri: 's3://training-bucket/train.jsonl' },
        validationDataConfig: { validators: [{ s3Uri: 's3://training-bucket/validation.jsonl' }] },
        outputDataConfig: { s3Uri: 's3://output-bucket/jobs/' },
      },
    });
    expect(env.emulator.customModels.get(job.outputModelArn!).modelStatus).toBe('Active');
    expect(drainNow()).toEqual([]);
    clock.advance(HOUR);
    expect(drainNow()).toEqual([]);
    expect(events.emitted).toEqual([{ event, at: at(5 * HOUR), delivery: 'delivered' }]);
  });

  test('arnForm api: the event names the job by the API\'s ARN (with its base model), in resources and detail', async () => {
    const { clock, events, jobs } = env.emulator;
    events.arnForm = 'api';
    jobs.planFor('tune-1', jobPlanInHours(1));
    const jobArn = await createJob();
    expect(jobArn).toMatch(/:model-customization-job\/[^/]+\/[a-z0-9]{12}$/);
    clock.advance(HOUR);
    const [event] = drainNow();
    expect(event.resources).toEqual([jobArn]);
    expect(event.detail.jobArn).toBe(jobArn);
    expect(shortJobArn(jobArn)).toBe(jobArn.replace(/\/[^/]+(\/[a-z0-9]{12})$/, '$1'));
  });

  test('a drain before the change does not return it; the next drain that reaches its time does', async () => {
    const { clock, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(2));
    await createJob();
    clock.advance(3 * HOUR);
    expect(env.emulator.events.drain(at(2 * HOUR - 60))).toEqual([]);
    expect(statuses(env.emulator.events.drain(at(3 * HOUR)))).toEqual(['tune-1 Completed 2025-03-01T10:00:00Z']);
  });

  test('a caller with its own clock moves the emulator up to it before draining', async () => {
    const { clock, events, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(2));
    await createJob();
    // The emulator cannot know changes it has not reached yet.
    expect(events.drain(at(3 * HOUR))).toEqual([]);
    clock.advanceTo(at(3 * HOUR));
    clock.advanceTo(at(HOUR)); // the past: nothing
    expect(clock.now()).toEqual(at(3 * HOUR));
    expect(statuses(events.drain(at(3 * HOUR)))).toEqual(['tune-1 Completed 2025-03-01T10:00:00Z']);
  });

  test('a high acceleration: the event comes when the clock passes the end, stamped with it', async () => {
    const { clock, events, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(2));
    const jobArn = await createJob();
    clock.advance(2 * HOUR - 300);
    clock.acceleration = 3600; // an emulated hour per real second: five minutes in about 80 ms
    let drained: EventBridgeEvent[] = [];
    for (let i = 0; i < 100 && drained.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      drained = drainNow();
    }
    clock.acceleration = 0;
    const job = await getJob(jobArn);
    expect(job.endTime!.getTime() - job.creationTime!.getTime()).toBe(2 * HOUR * 1000);
    expect(job.statusDetails?.trainingDetails?.lastModifiedTime).toEqual(job.endTime);
    expect(drained.map((e) => [e.detail.jobStatus, e.time, e.detail.endTime, e.detail.creationTime])).toEqual([
      ['Completed', iso(job.endTime!), iso(job.endTime!), iso(job.creationTime!)],
    ]);
    expect(events.drain(clock.now())).toEqual([]);
  });

  test('a failure after 3 hours carries its failureMessage, and no model', async () => {
    const { clock, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(3, { status: 'Failed', failureMessage: 'Training data has 3 malformed records.' }));
    const jobArn = await createJob();
    clock.advance(6 * HOUR);
    const drained = drainNow();
    expect(drained).toHaveLength(1);
    expect(drained[0]).toMatchObject({ time: '2025-03-01T11:00:00Z', resources: [shortJobArn(jobArn)] });
    expect(drained[0].detail).toMatchObject({
      jobStatus: 'Failed', failureMessage: 'Training data has 3 malformed records.', endTime: '2025-03-01T11:00:00Z',
    });
    expect(drained[0].detail).not.toHaveProperty('outputModelArn');
    expect(await getJob(jobArn)).toMatchObject({ status: 'Failed', endTime: at(3 * HOUR) });
  });

  test('Stop emits Stopping, then Stopped when Stopping ends', async () => {
    const { clock, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(4));
    const jobArn = await createJob();
    clock.advance(HOUR);
    await env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    const [stopping, ...none] = drainNow();
    expect(none).toEqual([]);
    expect(stopping.time).toBe('2025-03-01T09:00:00Z');
    expect(stopping.detail).toMatchObject({ jobStatus: 'Stopping', lastModifiedTime: '2025-03-01T09:00:00Z' });
    expect(stopping.detail).not.toHaveProperty('endTime');
    clock.advance(3600);
    const [stopped, ...rest] = drainNow();
    expect(rest).toEqual([]);
    expect(stopped.detail).toMatchObject({ jobStatus: 'Stopped', endTime: '2025-03-01T09:01:00Z' });
    expect(stopped.time).toBe('2025-03-01T09:01:00Z');
  });

  test('jobs ending unseen are drained in the order of their ends, whenever each was settled', async () => {
    const { clock, jobs } = env.emulator;
    jobs.planFor('long', jobPlanInHours(3));
    jobs.planFor('short', jobPlanInHours(2));
    await createJob({ jobName: 'long', customModelName: 'long-model' });
    await createJob({ jobName: 'short', customModelName: 'short-model' });
    clock.advance(4 * HOUR);
    expect((await getJob('long')).status).toBe('Completed');
    expect(statuses(drainNow())).toEqual(['short Completed 2025-03-01T10:00:00Z', 'long Completed 2025-03-01T11:00:00Z']);
  });
});

describe('plans measured in polls', () => {
  test('the event comes after the poll that ended the job; draining and in-process reads are no polls', async () => {
    const { clock, jobs } = env.emulator;
    const jobArn = await createJob();
    for (let poll = 1; poll <= 2; poll++) {
      clock.advance(60);
      await getJob(jobArn);
      expect(drainNow()).toEqual([]);
      expect(jobs.get(jobArn).status).toBe('InProgress');
    }
    clock.advance(60);
    expect(drainNow()).toEqual([]);
    expect((await getJob(jobArn)).status).toBe('Completed');
    expect(polls()).toBe(3);
    expect(statuses(drainNow())).toEqual(['tune-1 Completed 2025-03-01T08:03:00Z']);
  });

  test('hand-driven changes emit: complete, fail, advance', async () => {
    env.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is not about the account's limit
    const { clock, jobs } = env.emulator;
    const a = await createJob({ jobName: 'a', customModelName: 'model-a' });
    const b = await createJob({ jobName: 'b', customModelName: 'model-b' });
    const c = await createJob({ jobName: 'c', customModelName: 'model-c' });
    clock.advance(10);
    jobs.complete(a);
    jobs.fail(b, 'Internal error.');
    await env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier: c }));
    jobs.advance(c);
    const drained = drainNow();
    expect(statuses(drained)).toEqual(['a Completed 2025-03-01T08:00:10Z', 'b Failed 2025-03-01T08:00:10Z',
      'c Stopping 2025-03-01T08:00:10Z', 'c Stopped 2025-03-01T08:00:10Z']);
    expect(drained[0].detail.outputModelArn).toBe(jobs.get(a).outputModelArn);
    expect(drained[1].detail.failureMessage).toBe('Internal error.');
  });
});

describe('best-effort delivery', () => {
  test('drop: the events are recorded as emitted but drained by nobody', async () => {
    const { clock, events, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(2));
    const jobArn = await createJob();
    events.drop = true;
    clock.advance(2 * HOUR);
    expect(drainNow()).toEqual([]);
    events.drop = false;
    expect(drainNow()).toEqual([]);
    expect(events.emitted.map((e) => [e.event.resources[0], e.event.detail.jobStatus, e.delivery])).toEqual([[shortJobArn(jobArn), 'Completed', 'dropped']]);
  });

  test('an event not yet drained is pending; drop decides when a drain reaches it', async () => {
    const { clock, events, jobs } = env.emulator;
    jobs.planFor('tune-1', jobPlanInHours(2));
    await createJob();
    events.drop = true;
    clock.advance(2 * HOUR);
    expect(events.emitted.map((e) => e.delivery)).toEqual(['pending']);
    events.drop = false;
    expect(drainNow()).toHaveLength(1);
    expect(events.emitted.map((e) => e.delivery)).toEqual(['delivered']);
  });

  test('dropNext: the next events, or those of one job or status', async () => {
    env.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is not about the account's limit
    const { clock, events } = env.emulator;
    const jobs = ['a', 'b', 'c', 'd'];
    for (const name of jobs) await createJob({ jobName: name, customModelName: `model-${name}` });
    // Rules apply in the order given.
    events.dropNext(1, { job: 'd', jobStatus: 'Stopping' });
    events.dropNext();
    events.dropNext(Infinity, { job: 'c' });
    await env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier: 'd' }));
    clock.advance(1);
    jobs.slice(0, 3).forEach((name) => env.emulator.jobs.complete(name));
    env.emulator.jobs.advance('d');
    expect(statuses(drainNow())).toEqual(['b Completed 2025-03-01T08:00:01Z', 'd Stopped 2025-03-01T08:00:01Z']);
    expect(events.emitted.map((e) => `${e.event.detail.jobName} ${e.event.detail.jobStatus} ${e.delivery}`)).toEqual([
      'd Stopping dropped', 'a Completed dropped', 'b Completed delivered', 'c Completed dropped', 'd Stopped delivered',
    ]);
  });

  test.each(['guide', 'api'] as const)('dropNext by ARN (%s form): the job\'s API ARN or its short form drops its events', async (arnForm) => {
    const { events, jobs } = env.emulator;
    events.arnForm = arnForm;
    const a = await createJob({ jobName: 'a', customModelName: 'model-a' });
    const b = await createJob({ jobName: 'b', customModelName: 'model-b' });
    events.dropNext(1, { job: a });
    events.dropNext(1, { job: shortJobArn(b) });
    jobs.complete(a);
    jobs.complete(b);
    expect(drainNow()).toEqual([]);
    expect(events.emitted.map((e) => `${e.event.detail.jobName} ${e.delivery}`)).toEqual(['a dropped', 'b dropped']);
  });

  test('reset() clears the events and the drops', async () => {
    const before = env.emulator.events;
    before.drop = true;
    before.dropNext(Infinity);
    const jobArn = await createJob();
    env.emulator.jobs.complete(jobArn);
    expect(before.emitted).toHaveLength(1);
    env.emulator.reset();
    const after = env.emulator.events;
    expect(after).not.toBe(before);
    expect(after.emitted).toEqual([]);
    expect(after.drop).toBe(false);
    const again = await createJob();
    env.emulator.jobs.complete(again);
    expect(statuses(after.drain(env.emulator.clock.now()))).toEqual(['tune-1 Completed 2025-03-01T08:00:00Z']);
  });
});
