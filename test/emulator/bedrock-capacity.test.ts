/*
 * The account's concurrency limits in the emulator: two customization jobs and
 * one import at a time, refused beyond with ServiceQuotaExceededException as
 * the SDK sees it; slots freed by a job's end (plan, Stop, failure), Stopping
 * and imports under their switches, idempotent retries, per-test limits,
 * reset, and the slots held over time.
 */
import {
  CreateCustomModelCommand,
  CreateModelCustomizationJobCommand,
  GetCustomModelCommand,
  GetModelCustomizationJobCommand,
  ListModelCustomizationJobsCommand,
  ServiceQuotaExceededException,
  StopModelCustomizationJobCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { HOUR, useStoppedClock } from './bedrock-fixtures/harness';
import { importRequest, jobRequest, ROLE_ARN } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { ASSUME_ROLE_FAILURE, BedrockEmulator, jobPlanInHours, SERVICE_QUOTA_EXCEEDED_MESSAGE } from '../../emulator/bedrock';

const env = useStoppedClock();
const { at } = env;


/** A job of its own name, its model named after it; what another stack of the account would create. */
async function createJob(name: string, overrides: Parameters<typeof jobRequest>[0] = {}): Promise<string> {
  const request = jobRequest({ jobName: name, customModelName: `${name}-model`, ...overrides });
  return (await env.client().send(new CreateModelCustomizationJobCommand(request))).jobArn!;
}

async function createImport(name: string, overrides: Parameters<typeof importRequest>[0] = {}): Promise<string> {
  return (await env.client().send(new CreateCustomModelCommand(importRequest({ modelName: name, ...overrides })))).modelArn!;
}

const poll = (jobIdentifier: string) => env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier }));
const stop = (jobIdentifier: string) => env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier }));
const inUse = (limit: 'customizationJobs' | 'modelImports') => env.emulator.capacity.inUse(limit).map((i) => i.name);

describe('customization jobs: two at a time', () => {
  test('the third job is refused as the SDK sees a modelled ServiceQuotaExceededException, and nothing is created', async () => {
    await createJob('a');
    await createJob('b');
    const error = await rejectionOf(createJob('c'));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.name).toBe('ServiceQuotaExceededException');
    expect(error.message).toBe('The number of requests exceeds the service quota. Resubmit your request later.');
    expect(error.message).toBe(SERVICE_QUOTA_EXCEEDED_MESSAGE);
    expect(error.$fault).toBe('client');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(env.emulator.callsTo('CreateModelCustomizationJob').map((c) => c.errorType)).toEqual([undefined, undefined, 'ServiceQuotaExceededException']);

    const listed = await env.client().send(new ListModelCustomizationJobsCommand({}));
    expect(listed.modelCustomizationJobSummaries!.map((j) => j.jobName).sort()).toEqual(['a', 'b']);
    expect(inUse('customizationJobs')).toEqual(['a', 'b']);
    // The refused create reserved nothing: its names are free once a slot is.
    env.emulator.jobs.complete('a');
    await expect(createJob('c')).resolves.toMatch(/:model-customization-job\//);
  });

  test('a job that ends by its plan of emulated time frees its slot at that time, though nobody polled it', async () => {
    env.emulator.jobs.planFor('a', jobPlanInHours(1));
    env.emulator.jobs.planFor('b', jobPlanInHours(2));
    await createJob('a');
    await createJob('b');
    env.emulator.clock.advance(HOUR - 1);
    expect(await rejectionOf(createJob('c'))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.clock.advance(1);
    await createJob('c');
    expect(env.emulator.callsTo('GetModelCustomizationJob')).toEqual([]);
    expect(env.emulator.jobs.get('a')).toMatchObject({ status: 'Completed', endTime: at(HOUR) });
    expect(inUse('customizationJobs')).toEqual(['b', 'c']);
  });

  test('a job that ends by its plan of polls frees its slot at the poll that shows it Completed', async () => {
    const a = await createJob('a');
    await createJob('b');
    await poll(a);
    await poll(a);
    expect(await rejectionOf(createJob('c'))).toBeInstanceOf(ServiceQuotaExceededException);
    expect((await poll(a)).status).toBe('Completed');
    await createJob('c');
  });

  test('a job that fails frees its slot: by its plan, or made to fail in-process', async () => {
    env.emulator.jobs.planFor('a', { outcome: { status: 'Failed', failureMessage: 'Bad data.', phase: 'validation' } });
    const a = await createJob('a');
    await createJob('b');
    expect(await rejectionOf(createJob('c'))).toBeInstanceOf(ServiceQuotaExceededException);
    expect((await poll(a)).status).toBe('Failed');
    await createJob('c');
    env.emulator.jobs.fail('b', 'Out of memory.');
    await createJob('d');
    expect(inUse('customizationJobs')).toEqual(['c', 'd']);
  });

  test('a stopped job holds its slot while Stopping (the default) and frees it once Stopped', async () => {
    expect(env.emulator.capacity.rules.stoppingHoldsSlot).toBe(true);
    const a = await createJob('a');
    await createJob('b');
    await stop(a);
    expect(env.emulator.jobs.get(a).status).toBe('Stopping');
    expect(await rejectionOf(createJob('c'))).toBeInstanceOf(ServiceQuotaExceededException);
    expect((await poll(a)).status).toBe('Stopped');
    await createJob('c');
  });

  test('with stoppingHoldsSlot false, a job frees its slot when it is asked to stop', async () => {
    env.emulator.capacity.rules.stoppingHoldsSlot = false;
    env.emulator.jobs.planFor('a', jobPlanInHours(1));
    const a = await createJob('a');
    await createJob('b');
    env.emulator.clock.advance(600);
    await stop(a);
    expect(env.emulator.jobs.get(a).status).toBe('Stopping');
    await createJob('c');
    expect(env.emulator.capacity.intervals('customizationJobs').find((i) => i.name === 'a')).toMatchObject({ start: at(0), end: at(600) });
    // The job's own end is where a Stopping job frees its slot by default.
    env.emulator.clock.advance(60);
    env.emulator.capacity.rules.stoppingHoldsSlot = true;
    expect(env.emulator.capacity.intervals('customizationJobs').find((i) => i.name === 'a')).toMatchObject({ end: at(660) });
  });

  test('a job Bedrock forgets holds no slot from then on', async () => {
    const a = await createJob('a');
    await createJob('b');
    env.emulator.clock.advance(30);
    env.emulator.jobs.forget(a);
    await createJob('c');
    expect(env.emulator.capacity.intervals('customizationJobs')[0]).toMatchObject({ name: 'a', end: at(30) });
  });
});

describe('idempotency and the order of checks', () => {
  test('a retry with the token of an accepted create returns its job at capacity; a refused create can be retried with its token', async () => {
    const a = await createJob('a', { clientRequestToken: 'token-a' });
    await createJob('b', { clientRequestToken: 'token-b' });
    await expect(createJob('a', { clientRequestToken: 'token-a' })).resolves.toBe(a);
    expect(await rejectionOf(createJob('c', { clientRequestToken: 'token-c' }))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.jobs.complete(a);
    const c = await createJob('c', { clientRequestToken: 'token-c' });
    await expect(createJob('c', { clientRequestToken: 'token-c' })).resolves.toBe(c);
    expect(inUse('customizationJobs')).toEqual(['b', 'c']);
  });

  test('a request both invalid and over the limit is refused for the quota (default), or for itself with quotaCheckedFirst false', async () => {
    await createJob('a');
    await createJob('b');
    const unknownBase = { baseModelIdentifier: 'no-such-model' };
    expect(await rejectionOf(createJob('c', unknownBase))).toBeInstanceOf(ServiceQuotaExceededException);
    expect(await rejectionOf(createJob('a'))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.capacity.rules.quotaCheckedFirst = false;
    expect(await rejectionOf(createJob('c', unknownBase))).toBeInstanceOf(ValidationException);
    expect((await rejectionOf(createJob('a'))).name).toBe('ConflictException');
    expect(await rejectionOf(createJob('c'))).toBeInstanceOf(ServiceQuotaExceededException);
  });

  test('IAM propagation comes before both: a role not yet assumable is refused for it at capacity, whatever quotaCheckedFirst', async () => {
    await createJob('a');
    await createJob('b');
    env.emulator.iam.failuresPerNewRole = 1;
    for (const quotaCheckedFirst of [true, false]) {
      env.emulator.capacity.rules.quotaCheckedFirst = quotaCheckedFirst;
      const newRole = { roleArn: `${ROLE_ARN}-${quotaCheckedFirst ? 'quota' : 'request'}-first` };
      const error = await rejectionOf(createJob('c', newRole));
      expect([error.name, error.message]).toEqual(['ValidationException', ASSUME_ROLE_FAILURE]);
      // Assumable at its next create (one failure per new role): then the quota refuses it.
      expect(await rejectionOf(createJob('c', newRole))).toBeInstanceOf(ServiceQuotaExceededException);
    }
  });
});

describe('imports: one at a time', () => {
  test('a model Creating from CreateCustomModel holds the import slot (the default) until it is Active or Failed', async () => {
    expect(env.emulator.capacity.rules.customModelsHoldImportSlot).toBe(true);
    env.emulator.customModels.planFor('imported-2', { outcome: { status: 'Failed', failureMessage: 'Not a Nova checkpoint.' } });
    const first = await createImport('imported-1');
    const refused = await rejectionOf(createImport('imported-2'));
    expect(refused).toBeInstanceOf(ServiceQuotaExceededException);
    expect(refused.message).toBe(SERVICE_QUOTA_EXCEEDED_MESSAGE);
    // Jobs count against their own limit.
    await createJob('a');
    await createJob('b');
    expect((await env.client().send(new GetCustomModelCommand({ modelIdentifier: first }))).modelStatus).toBe('Active');
    const second = await createImport('imported-2');
    expect(await rejectionOf(createImport('imported-3'))).toBeInstanceOf(ServiceQuotaExceededException);
    expect((await env.client().send(new GetCustomModelCommand({ modelIdentifier: second }))).modelStatus).toBe('Failed');
    await createImport('imported-3', { clientRequestToken: 'import-3' });
    await expect(createImport('imported-3', { clientRequestToken: 'import-3' })).resolves.toMatch(/custom-model\/imported\//);
    expect(inUse('modelImports')).toEqual(['imported-3']);
  });

  test('an import in emulated seconds frees the slot when its creation ends; a model deleted in-process frees it at once', async () => {
    env.emulator.customModels.defaultPlan = { creating: { seconds: 600 } };
    await createImport('imported-1');
    env.emulator.clock.advance(599);
    expect(await rejectionOf(createImport('imported-2'))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.clock.advance(1);
    const second = await createImport('imported-2');
    env.emulator.customModels.delete(second);
    await createImport('imported-3');
    expect(env.emulator.capacity.intervals('modelImports').map((i) => [i.name, i.end])).toEqual([
      ['imported-1', at(600)], ['imported-2', at(600)], ['imported-3', undefined],
    ]);
  });

  test('with customModelsHoldImportSlot false, CreateCustomModel neither holds nor needs the slot', async () => {
    env.emulator.capacity.rules.customModelsHoldImportSlot = false;
    await createImport('imported-1');
    await createImport('imported-2');
    expect(inUse('modelImports')).toEqual([]);
    expect(env.emulator.capacity.peak('modelImports')).toBe(0);
  });

  test('models put in place in-process hold no slot, even Creating', async () => {
    env.emulator.customModels.add({ modelName: 'seeded', customizationType: 'IMPORTED', modelStatus: 'Creating' });
    await createImport('imported-1');
    expect(inUse('modelImports')).toEqual(['imported-1']);
  });
});

describe('limits per test and per start', () => {
  test('Infinity turns a limit off; a lower limit refuses at once; limits are whole numbers', async () => {
    env.emulator.capacity.limits.customizationJobs = Infinity;
    for (const name of ['a', 'b', 'c', 'd', 'e']) await createJob(name);
    env.emulator.capacity.limits.customizationJobs = 5;
    expect(await rejectionOf(createJob('f'))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.capacity.limits.modelImports = Infinity;
    await createImport('imported-1');
    await createImport('imported-2');
    env.emulator.capacity.limits.modelImports = 0;
    env.emulator.customModels.activate('imported-1');
    env.emulator.customModels.activate('imported-2');
    expect(await rejectionOf(createImport('imported-3'))).toBeInstanceOf(ServiceQuotaExceededException);
    expect(() => { env.emulator.capacity.limits.customizationJobs = 1.5; }).toThrow(/customizationJobs limit must be a whole number/);
    expect(() => { env.emulator.capacity.limits.modelImports = -1; }).toThrow(/modelImports limit/);
    expect(() => { env.emulator.capacity.limits.modelImports = NaN; }).toThrow(/modelImports limit/);
  });

  test('start options set the limits and rules; reset() restores them, with no slot held', async () => {
    const emulator = await BedrockEmulator.start({ capacity: { customizationJobs: 3, modelImports: Infinity, rules: { stoppingHoldsSlot: false } } });
    try {
      expect(emulator.capacity.limits).toMatchObject({ customizationJobs: 3, modelImports: Infinity });
      expect(emulator.capacity.rules).toEqual({ stoppingHoldsSlot: false, customModelsHoldImportSlot: true, quotaCheckedFirst: true });
      emulator.jobs.defaultPlan = { training: { seconds: 3600 } };
      const client = env.client({ endpoint: emulator.endpoint });
      for (const name of ['a', 'b', 'c']) {
        await client.send(new CreateModelCustomizationJobCommand(jobRequest({ jobName: name, customModelName: `${name}-model` })));
      }
      emulator.capacity.limits.customizationJobs = 1;
      emulator.capacity.rules.stoppingHoldsSlot = true;
      emulator.reset();
      expect(emulator.capacity.limits).toMatchObject({ customizationJobs: 3, modelImports: Infinity });
      expect(emulator.capacity.rules.stoppingHoldsSlot).toBe(false);
      expect(emulator.capacity.intervals('customizationJobs')).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });

  test('the default limits are 2 jobs and 1 import, and reset() of the shared emulator brings them back', () => {
    expect(env.emulator.capacity.limits).toMatchObject({ customizationJobs: 2, modelImports: 1 });
    env.emulator.capacity.limits.customizationJobs = 7;
    env.emulator.reset();
    expect(env.emulator.capacity.limits.customizationJobs).toBe(2);
  });
});

describe('slots held over time', () => {
  test('a fleet of four one-hour jobs started as slots free: never more than two at once, a makespan of 2 hours 10 minutes', async () => {
    env.emulator.jobs.defaultPlan = jobPlanInHours(1);
    await createJob('a');
    env.emulator.clock.advance(600);
    await createJob('b');
    expect(await rejectionOf(createJob('c'))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.clock.advance(HOUR - 600);
    await createJob('c');
    env.emulator.clock.advance(600);
    await createJob('d');
    env.emulator.clock.advance(10 * HOUR);

    const { capacity } = env.emulator;
    expect(capacity.peak('customizationJobs')).toBe(2);
    expect(capacity.timeline('customizationJobs')).toEqual([
      { time: at(0), inUse: 1 },
      { time: at(600), inUse: 2 },
      { time: at(2 * HOUR), inUse: 1 },
      { time: at(2 * HOUR + 600), inUse: 0 },
    ]);
    expect(capacity.inUseAt('customizationJobs', at(HOUR))).toBe(2);
    expect(capacity.inUseAt('customizationJobs', at(-1))).toBe(0);
    const intervals = capacity.intervals('customizationJobs');
    expect(intervals.map((i) => i.name)).toEqual(['a', 'b', 'c', 'd']);
    const makespan = (Math.max(...intervals.map((i) => i.end!.getTime())) - intervals[0].start.getTime()) / 1000;
    expect(makespan).toBe(2 * HOUR + 600);
  });

  test('the peak comes from the jobs\' own timelines, not from when the emulator looked', async () => {
    env.emulator.capacity.limits.customizationJobs = Infinity;
    env.emulator.jobs.defaultPlan = jobPlanInHours(1);
    await createJob('a');
    env.emulator.clock.advance(2 * HOUR);
    // Nobody looked at a since it ended: it still shows InProgress to a naive count.
    await createJob('b');
    env.emulator.clock.advance(30 * 60);
    await createJob('c');
    expect(env.emulator.capacity.peak('customizationJobs')).toBe(2);
    expect(env.emulator.capacity.timeline('customizationJobs')).toEqual([
      { time: at(0), inUse: 1 },
      { time: at(HOUR), inUse: 0 },
      { time: at(2 * HOUR), inUse: 1 },
      { time: at(2.5 * HOUR), inUse: 2 },
    ]);
    expect(env.emulator.capacity.inUse('customizationJobs').map((i) => i.end)).toEqual([undefined, undefined]);
  });

  test('a job ended at creation holds no slot in the timeline; nothing held shows an empty timeline and a peak of 0', async () => {
    expect(env.emulator.capacity.timeline('customizationJobs')).toEqual([]);
    expect(env.emulator.capacity.peak('customizationJobs')).toBe(0);
    env.emulator.jobs.planFor('a', { validation: {}, outcome: { status: 'Failed', failureMessage: 'Bad data.', phase: 'validation' } });
    await createJob('a');
    expect(env.emulator.capacity.intervals('customizationJobs')).toEqual([
      expect.objectContaining({ name: 'a', start: at(0), end: at(0), origin: 'CreateModelCustomizationJob' }),
    ]);
    expect(env.emulator.capacity.timeline('customizationJobs')).toEqual([]);
  });
});
