/*
 * What a command line reads from Bedrock, through the SDK's paginators: jobs
 * with their sub-statuses and outcome, custom models (those shared by another
 * account too), the foundation models by customization type, tags of jobs and
 * of the models they made, and the AccessDenied and Throttling answers it must
 * handle.
 */
import {
  AccessDeniedException,
  BedrockClient,
  CreateModelCustomizationJobCommand,
  CreateModelCustomizationJobCommandInput,
  GetCustomModelCommand,
  GetModelCustomizationJobCommand,
  ListCustomModelsCommand,
  ListCustomModelsCommandInput,
  ListFoundationModelsCommand,
  ListModelCustomizationJobsCommandInput,
  ListTagsForResourceCommand,
  ModelCustomization,
  ModelCustomizationJobSummary,
  paginateListCustomModels,
  paginateListModelCustomizationJobs,
  ResourceNotFoundException,
  TagResourceCommand,
  ThrottlingException,
  UntagResourceCommand,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { jobRequest } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { DEFAULT_FOUNDATION_MODELS, OperationName } from '../../emulator/bedrock';
import { validateInput } from '../../src/contract/validation';

const env = useEmulator();

async function createJob(overrides: Partial<CreateModelCustomizationJobCommandInput> = {}): Promise<string> {
  const { jobArn } = await env.client().send(new CreateModelCustomizationJobCommand(jobRequest(overrides)));
  return jobArn!;
}

/** Jobs job-0..job-{n-1}, one emulated minute apart (clock stopped), with their ARNs and creation times. */
async function createJobs(n: number): Promise<Array<{ arn: string; time: Date }>> {
  env.emulator.clock.acceleration = 0;
  const jobs = [];
  for (let i = 0; i < n; i++) {
    const time = env.emulator.clock.now();
    jobs.push({ arn: await createJob({ jobName: `job-${i}`, customModelName: `model-${i}` }), time });
    env.emulator.clock.advance(60);
  }
  return jobs;
}

async function allJobs(input: ListModelCustomizationJobsCommandInput, pageSize: number, client?: BedrockClient) {
  const pages: ModelCustomizationJobSummary[][] = [];
  for await (const page of paginateListModelCustomizationJobs({ client: client ?? env.client(), pageSize }, input)) {
    pages.push(page.modelCustomizationJobSummaries!);
  }
  return { pages: pages.map((p) => p.length), names: pages.flat().map((s) => s.jobName) };
}

async function allModels(input: ListCustomModelsCommandInput, pageSize: number): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateListCustomModels({ client: env.client(), pageSize }, input)) {
    names.push(...page.modelSummaries!.map((s) => s.modelName!));
  }
  return names;
}

describe('ListModelCustomizationJobs, paginated', () => {
  // Lists of more than two jobs at once: these tests are not about the account's limit.
  beforeEach(() => { env.emulator.capacity.limits.customizationJobs = Infinity; });
  test('filters and sort order hold across pages: status, name, creation time window', async () => {
    const jobs = await createJobs(7);
    [1, 2, 4, 6].forEach((i) => env.emulator.jobs.complete(jobs[i].arn));
    env.emulator.jobs.fail(jobs[3].arn, 'Bad data.');
    expect(await allJobs({ statusEquals: 'Completed' }, 3)).toEqual({ pages: [3, 1], names: ['job-6', 'job-4', 'job-2', 'job-1'] });
    expect(await allJobs({ statusEquals: 'Completed', sortBy: 'CreationTime', sortOrder: 'Ascending' }, 2))
      .toEqual({ pages: [2, 2], names: ['job-1', 'job-2', 'job-4', 'job-6'] });
    expect(await allJobs({ nameContains: 'job-', creationTimeAfter: jobs[0].time, creationTimeBefore: jobs[6].time }, 2))
      .toEqual({ pages: [2, 2, 1], names: ['job-5', 'job-4', 'job-3', 'job-2', 'job-1'] });
    expect(await allJobs({ statusEquals: 'InProgress', sortOrder: 'Ascending' }, 1)).toEqual({ pages: [1, 1], names: ['job-0', 'job-5'] });
    expect(await allJobs({ nameContains: 'nothing' }, 5)).toEqual({ pages: [0], names: [] });
  });

  test('summaries: sub-statuses while running; endTime and the custom model once Completed; endTime and no model once Failed', async () => {
    const [running, completed, failed] = await createJobs(3);
    await env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier: running.arn })); // validation done
    env.emulator.jobs.complete(completed.arn);
    env.emulator.jobs.fail(failed.arn, 'Bad data.', 'dataProcessing'); // from validation: validation Completed
    expect(() => env.emulator.jobs.fail(running.arn, 'Bad data.', 'validation')).toThrow('is past validation (in dataProcessing)');
    const summaries = new Map<string, ModelCustomizationJobSummary>();
    for await (const page of paginateListModelCustomizationJobs({ client: env.client(), pageSize: 2 }, {})) {
      page.modelCustomizationJobSummaries!.forEach((s) => summaries.set(s.jobName!, s));
    }
    expect([...summaries.keys()]).toEqual(['job-2', 'job-1', 'job-0']);
    const phases = (s: ModelCustomizationJobSummary) => [s.statusDetails?.validationDetails?.status, s.statusDetails?.dataProcessingDetails?.status,
      s.statusDetails?.trainingDetails?.status];

    const r = summaries.get('job-0')!;
    expect([r.status, phases(r), r.endTime, r.customModelArn, r.customizationType]).toEqual(['InProgress', ['Completed', 'InProgress', 'NotStarted'],
      undefined, undefined, 'FINE_TUNING']);
    // Data processing started when validation ended, at the poll.
    expect(r.statusDetails!.dataProcessingDetails!.creationTime).toEqual(r.statusDetails!.validationDetails!.lastModifiedTime);
    expect(r.statusDetails!.dataProcessingDetails!.creationTime).toEqual(env.emulator.clock.now());

    const c = summaries.get('job-1')!;
    const model = env.emulator.customModels.get('model-1');
    expect([c.status, phases(c), c.customModelArn, c.customModelName, c.endTime]).toEqual(['Completed', ['Completed', 'Completed', 'Completed'],
      model.modelArn, 'model-1', (await env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier: completed.arn }))).endTime]);
    expect(c.endTime).toBeInstanceOf(Date);

    const f = summaries.get('job-2')!;
    expect([f.status, phases(f), f.customModelArn, f.endTime]).toEqual(['Failed', ['Completed', 'Failed', 'NotStarted'], undefined, expect.any(Date)]);
    expect(f.baseModelArn).toBe('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k');
  });
});

describe('ListCustomModels, paginated', () => {
  test('name, status and sort order hold across pages; models made by jobs are listed with seeded ones', async () => {
    const { customModels, clock } = env.emulator;
    clock.acceleration = 0;
    customModels.defaultPlan = { creating: { seconds: 3600 } };
    ['alpha-1', 'beta-1', 'alpha-2', 'alpha-3', 'beta-2'].forEach((modelName) => {
      customModels.add({ modelName, modelStatus: modelName === 'alpha-2' ? 'Creating' : 'Active' });
      clock.advance(60);
    });
    const jobArn = await createJob({ jobName: 'job-alpha', customModelName: 'alpha-from-job' });
    env.emulator.jobs.complete(jobArn);
    expect(await allModels({ nameContains: 'alpha' }, 2)).toEqual(['alpha-from-job', 'alpha-3', 'alpha-2', 'alpha-1']);
    expect(await allModels({ nameContains: 'alpha', sortBy: 'CreationTime', sortOrder: 'Ascending', modelStatus: 'Active' }, 2))
      .toEqual(['alpha-1', 'alpha-3', 'alpha-from-job']);
    expect(await allModels({ modelStatus: 'Creating' }, 1)).toEqual(['alpha-2']);
    expect(await allModels({}, 4)).toHaveLength(6);
  });
});

describe('models another account shares with this one', () => {
  const OWNER = '210987654321';
  /** An owned model, then two shared ones (one named like the owned one), a minute apart. */
  function seed(): { owned: string; shared: string; namesake: string } {
    const { customModels, clock } = env.emulator;
    clock.acceleration = 0;
    const owned = customModels.add({ modelName: 'support-mine', tags: [{ key: 'team', value: 'ml' }] });
    clock.advance(60);
    const shared = customModels.add({ modelName: 'support-theirs', ownerAccountId: OWNER, tags: [{ key: 'team', value: 'theirs' }] });
    clock.advance(60);
    const namesake = customModels.add({ modelName: 'support-mine', ownerAccountId: OWNER });
    return { owned, shared, namesake };
  }

  test('ListCustomModels lists them unless isOwned is true; isOwned false lists them alone; each summary names its owner', async () => {
    const { owned, shared, namesake } = seed();
    expect(shared).toMatch(new RegExp(`^arn:aws:bedrock:us-east-1:${OWNER}:custom-model/`));
    const summaries = async (input: ListCustomModelsCommandInput) => {
      const found: Array<[string, string, string]> = [];
      for await (const page of paginateListCustomModels({ client: env.client(), pageSize: 1 }, input)) {
        found.push(...page.modelSummaries!.map((m): [string, string, string] => [m.modelName!, m.modelArn!, m.ownerAccountId!]));
      }
      return found;
    };
    expect(await summaries({})).toEqual([
      ['support-mine', namesake, OWNER], ['support-theirs', shared, OWNER], ['support-mine', owned, '123456789012'],
    ]);
    expect(await summaries({ isOwned: true })).toEqual([['support-mine', owned, '123456789012']]);
    expect(await summaries({ isOwned: false, nameContains: 'theirs' })).toEqual([['support-theirs', shared, OWNER]]);
    // A name is its account's own: this account's model answers to it; the shared one to its ARN only.
    expect((await env.client().send(new GetCustomModelCommand({ modelIdentifier: 'support-mine' }))).modelArn).toBe(owned);
    expect((await env.client().send(new GetCustomModelCommand({ modelIdentifier: shared }))).modelName).toBe('support-theirs');
  });

  test('their tags are refused: AccessDeniedException (403) by default, ResourceNotFoundException (404) behind the switch', async () => {
    const { owned, shared } = seed();
    const tags = (resourceARN: string) => env.client().send(new ListTagsForResourceCommand({ resourceARN }));
    expect((await tags(owned)).tags).toEqual([{ key: 'team', value: 'ml' }]);
    const denied = await rejectionOf(tags(shared));
    expect(denied).toBeInstanceOf(AccessDeniedException);
    expect([denied.$metadata.httpStatusCode, denied.message]).toEqual([403, expect.stringContaining(`bedrock:ListTagsForResource on resource: ${shared}`)]);
    for (const write of [
      () => env.client().send(new TagResourceCommand({ resourceARN: shared, tags: [{ key: 'k', value: 'v' }] })),
      () => env.client().send(new UntagResourceCommand({ resourceARN: shared, tagKeys: ['team'] })),
    ]) expect(await rejectionOf(write())).toBeInstanceOf(AccessDeniedException);

    env.emulator.customModels.sharedModelTagsError = 'ResourceNotFoundException';
    const notFound = await rejectionOf(tags(shared));
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect(notFound.$metadata.httpStatusCode).toBe(404);
    expect(env.emulator.tags.list(shared)).toEqual([{ key: 'team', value: 'theirs' }]);
    env.emulator.reset();
    expect(env.emulator.customModels.sharedModelTagsError).toBe('AccessDeniedException');
  });
});

describe('ListFoundationModels byCustomizationType', () => {
  test.each<ModelCustomization>(['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'])('%s: the catalog models that support it', async (type) => {
    const { modelSummaries } = await env.client().send(new ListFoundationModelsCommand({ byCustomizationType: type }));
    expect(modelSummaries!.length).toBeGreaterThan(0);
    const supporting = DEFAULT_FOUNDATION_MODELS.filter((m) => m.customizationsSupported.includes(type));
    expect(modelSummaries!.map((m) => m.modelId)).toEqual(supporting.map((m) => m.modelId));
    for (const m of modelSummaries!) expect(m.customizationsSupported).toContain(type);
  });

  test('REINFORCEMENT_FINE_TUNING is no value of the filter (the API\'s ModelCustomization enum lacks it), though jobs take it', () => {
    expect(validateInput('ListFoundationModels', { byCustomizationType: 'REINFORCEMENT_FINE_TUNING' })).toMatchObject([{ path: 'byCustomizationType' }]);
    expect(DEFAULT_FOUNDATION_MODELS.some((m) => m.reinforcementFineTuningSupported)).toBe(true);
  });
});

describe('ListTagsForResource', () => {
  test('a job reports its jobTags, the model it made its customModelTags, before and after completion', async () => {
    const jobTags = [{ key: 'team', value: 'ml' }, { key: 'run', value: '7' }];
    const customModelTags = [{ key: 'team', value: 'ml' }, { key: 'stage', value: 'candidate' }];
    const jobArn = await createJob({ jobTags, customModelTags });
    const tagsOf = async (resourceARN: string) => (await env.client().send(new ListTagsForResourceCommand({ resourceARN }))).tags;
    expect(await tagsOf(jobArn)).toEqual(jobTags);
    env.emulator.jobs.complete(jobArn);
    expect(await tagsOf(jobArn)).toEqual(jobTags);
    const { outputModelArn } = await env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(await tagsOf(outputModelArn!)).toEqual(customModelTags);
    const untagged = await createJob({ jobName: 'plain', customModelName: 'plain-model' });
    expect(await tagsOf(untagged)).toEqual([]);
  });
});

describe('AccessDeniedException and ThrottlingException', () => {
  const reads: Array<[OperationName, (client: BedrockClient, jobArn: string) => Promise<unknown>]> = [
    ['ListModelCustomizationJobs', (client) => allJobs({}, 10, client)],
    ['ListCustomModels', (client) => client.send(new ListCustomModelsCommand({}))],
    ['ListFoundationModels', (client) => client.send(new ListFoundationModelsCommand({ byCustomizationType: 'FINE_TUNING' }))],
    ['ListTagsForResource', (client, jobArn) => client.send(new ListTagsForResourceCommand({ resourceARN: jobArn }))],
    ['GetModelCustomizationJob', (client, jobArn) => client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }))],
  ];

  test.each(reads)('%s: AccessDenied (403) reaches the caller; throttling (429) is retried by the SDK', async (operation, read) => {
    const jobArn = await createJob();
    const denied = env.emulator.faults.error('AccessDeniedException', { operation, times: 1 },
      `User: arn:aws:iam::123456789012:user/cli is not authorized to perform: bedrock:${operation}`);
    const error = await rejectionOf(read(env.client(), jobArn));
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect([error.$metadata.httpStatusCode, error.message]).toEqual([403, expect.stringContaining(`bedrock:${operation}`)]);
    expect(denied.injected).toBe(1);

    env.emulator.faults.throttle({ operation, times: 1 });
    const throttled = await rejectionOf(read(env.client(), jobArn));
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(throttled.$metadata.httpStatusCode).toBe(429);
    env.emulator.faults.throttle({ operation, times: 2 });
    await expect(read(env.client({ maxAttempts: 3 }), jobArn)).resolves.toBeDefined();
    expect(env.emulator.callsTo(operation).map((c) => c.errorType ?? c.statusCode)).toEqual([
      'AccessDeniedException', 'ThrottlingException', 'ThrottlingException', 'ThrottlingException', 200,
    ]);
  });
});
