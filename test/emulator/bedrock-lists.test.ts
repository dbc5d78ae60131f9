/*
 * The List operations: every filter of the request shapes, sort order, and
 * paging with opaque tokens; and the foundation model catalog.
 */
import {
  CreateModelCustomizationJobCommand,
  GetFoundationModelCommand,
  ListCustomModelsCommand,
  ListCustomModelsCommandInput,
  ListFoundationModelsCommand,
  ListFoundationModelsCommandInput,
  ListModelCustomizationJobsCommand,
  ListModelCustomizationJobsCommandInput,
  paginateListCustomModels,
  paginateListModelCustomizationJobs,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { jobRequest } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { DEFAULT_FOUNDATION_MODELS } from '../../emulator/bedrock';
import { validateInput } from '../../src/contract/validation';

const env = useEmulator();

/** Jobs tune-0..tune-{n-1}, one emulated minute apart, with their creation times. */
async function createJobs(n: number): Promise<Date[]> {
  env.emulator.clock.acceleration = 0;
  const times: Date[] = [];
  for (let i = 0; i < n; i++) {
    times.push(env.emulator.clock.now());
    await env.client().send(new CreateModelCustomizationJobCommand(jobRequest({ jobName: `tune-${i}`, customModelName: `tuned-${i}` })));
    env.emulator.clock.advance(60);
  }
  return times;
}

async function jobNames(input: ListModelCustomizationJobsCommandInput = {}): Promise<string[]> {
  const { modelCustomizationJobSummaries } = await env.client().send(new ListModelCustomizationJobsCommand(input));
  return modelCustomizationJobSummaries!.map((s) => s.jobName!);
}

async function modelNames(input: ListCustomModelsCommandInput = {}): Promise<string[]> {
  const { modelSummaries } = await env.client().send(new ListCustomModelsCommand(input));
  return modelSummaries!.map((s) => s.modelName!);
}

describe('ListModelCustomizationJobs', () => {
  // Lists of more than two jobs at once: these tests are not about the account's limit.
  beforeEach(() => { env.emulator.capacity.limits.customizationJobs = Infinity; });
  test('newest first by default; sortOrder Ascending reverses', async () => {
    await createJobs(3);
    expect(await jobNames()).toEqual(['tune-2', 'tune-1', 'tune-0']);
    expect(await jobNames({ sortBy: 'CreationTime', sortOrder: 'Ascending' })).toEqual(['tune-0', 'tune-1', 'tune-2']);
  });

  test('filters: status, name, and creation time (exclusive bounds)', async () => {
    const times = await createJobs(4);
    env.emulator.jobs.complete('tune-1');
    env.emulator.jobs.fail('tune-2', 'boom');
    expect(await jobNames({ statusEquals: 'Completed' })).toEqual(['tune-1']);
    expect(await jobNames({ statusEquals: 'InProgress' })).toEqual(['tune-3', 'tune-0']);
    expect(await jobNames({ nameContains: 'ne-3' })).toEqual(['tune-3']);
    expect(await jobNames({ creationTimeAfter: times[1] })).toEqual(['tune-3', 'tune-2']);
    expect(await jobNames({ creationTimeBefore: times[1] })).toEqual(['tune-0']);
    expect(await jobNames({ creationTimeAfter: times[0], creationTimeBefore: times[3], sortOrder: 'Ascending' })).toEqual(['tune-1', 'tune-2']);
  });

  test('summaries carry the output model of a completed job', async () => {
    await createJobs(1);
    env.emulator.jobs.complete('tune-0');
    const { modelCustomizationJobSummaries: [summary] = [] } = await env.client().send(new ListModelCustomizationJobsCommand({}));
    expect(summary).toMatchObject({
      jobName: 'tune-0',
      status: 'Completed',
      customModelName: 'tuned-0',
      customModelArn: env.emulator.customModels.get('tuned-0').modelArn,
      customizationType: 'FINE_TUNING',
      statusDetails: { trainingDetails: { status: 'Completed' } },
    });
  });

  test('pages of maxResults with opaque tokens; the last page has none; the SDK paginator sees every job once', async () => {
    await createJobs(5);
    const first = await env.client().send(new ListModelCustomizationJobsCommand({ maxResults: 2 }));
    expect(first.modelCustomizationJobSummaries!.map((s) => s.jobName)).toEqual(['tune-4', 'tune-3']);
    expect(validateInput('ListModelCustomizationJobs', { nextToken: first.nextToken })).toEqual([]);
    expect(await jobNames({ maxResults: 2, nextToken: first.nextToken })).toEqual(['tune-2', 'tune-1']);
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListModelCustomizationJobs({ client: env.client(), pageSize: 2 }, { sortOrder: 'Ascending' })) {
      pages += 1;
      names.push(...page.modelCustomizationJobSummaries!.map((s) => s.jobName!));
      if (pages === 3) expect(page.nextToken).toBeUndefined();
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['tune-0', 'tune-1', 'tune-2', 'tune-3', 'tune-4']);
  });

  test('an unknown token, or a token used with other filters, is a ValidationException', async () => {
    await createJobs(3);
    const { nextToken } = await env.client().send(new ListModelCustomizationJobsCommand({ maxResults: 1 }));
    const unknown = await rejectionOf(env.client().send(new ListModelCustomizationJobsCommand({ nextToken: 'not-a-token' })));
    expect(unknown).toBeInstanceOf(ValidationException);
    expect(unknown.message).toContain('Invalid pagination token');
    expect(await rejectionOf(env.client().send(new ListModelCustomizationJobsCommand({ nextToken, statusEquals: 'Completed' }))))
      .toBeInstanceOf(ValidationException);
    expect(await rejectionOf(env.client().send(new ListModelCustomizationJobsCommand({ nextToken, sortOrder: 'Ascending' }))))
      .toBeInstanceOf(ValidationException);
  });
});

describe('ListCustomModels', () => {
  function seedModels(): Date {
    const { customModels, clock } = env.emulator;
    const t0 = clock.now();
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    customModels.add({ modelName: 'titan-a', baseModelId: 'amazon.titan-text-express-v1:0:8k', creationTime: at(0) });
    customModels.add({ modelName: 'titan-b', baseModelId: 'amazon.titan-text-express-v1:0:8k', creationTime: at(1), modelStatus: 'Failed', failureMessage: 'x' });
    customModels.add({ modelName: 'nova-a', baseModelId: 'amazon.nova-micro-v1:0:128k', creationTime: at(2), modelStatus: 'Creating' });
    customModels.add({ modelName: 'nova-imported', customizationType: 'IMPORTED', creationTime: at(3) });
    return t0;
  }

  test('newest first; filters: status, name, base and foundation model, ownership, creation time', async () => {
    env.emulator.clock.acceleration = 0;
    env.emulator.customModels.defaultPlan = { creating: { seconds: 3600 } };
    const t0 = seedModels();
    const titan = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k';
    expect(await modelNames()).toEqual(['nova-imported', 'nova-a', 'titan-b', 'titan-a']);
    expect(await modelNames({ sortOrder: 'Ascending', modelStatus: 'Active' })).toEqual(['titan-a', 'nova-imported']);
    expect(await modelNames({ modelStatus: 'Creating' })).toEqual(['nova-a']);
    expect(await modelNames({ nameContains: 'nova' })).toEqual(['nova-imported', 'nova-a']);
    expect(await modelNames({ baseModelArnEquals: titan })).toEqual(['titan-b', 'titan-a']);
    expect(await modelNames({ foundationModelArnEquals: titan, modelStatus: 'Failed' })).toEqual(['titan-b']);
    expect(await modelNames({ isOwned: true })).toHaveLength(4);
    expect(await modelNames({ isOwned: false })).toEqual([]);
    expect(await modelNames({ creationTimeAfter: t0, creationTimeBefore: new Date(t0.getTime() + 3 * 60_000) })).toEqual(['nova-a', 'titan-b']);
  });

  test('summaries show the base model, type, owner and status', async () => {
    seedModels();
    const { modelSummaries } = await env.client().send(new ListCustomModelsCommand({ nameContains: 'imported' }));
    expect(modelSummaries).toEqual([{
      modelArn: expect.stringMatching(/:custom-model\/imported\/[a-z0-9]{12}$/),
      modelName: 'nova-imported',
      creationTime: expect.any(Date),
      baseModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k',
      baseModelName: 'amazon.nova-micro-v1',
      customizationType: 'IMPORTED',
      ownerAccountId: '123456789012',
      modelStatus: 'Active',
    }]);
  });

  test('a page ends at a model: deleting one already listed does not shift the next page', async () => {
    seedModels();
    const first = await env.client().send(new ListCustomModelsCommand({ maxResults: 2 }));
    expect(first.modelSummaries!.map((s) => s.modelName)).toEqual(['nova-imported', 'nova-a']);
    env.emulator.customModels.delete('nova-a');
    expect(await modelNames({ maxResults: 2, nextToken: first.nextToken })).toEqual(['titan-b', 'titan-a']);
    const all = [];
    for await (const page of paginateListCustomModels({ client: env.client(), pageSize: 1 }, {})) all.push(...page.modelSummaries!);
    expect(all.map((s) => s.modelName)).toEqual(['nova-imported', 'titan-b', 'titan-a']);
  });
});

describe('foundation models', () => {
  test('GetFoundationModel by id or ARN of this region; anything else is ResourceNotFoundException', async () => {
    const byId = await env.client().send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-micro-v1:0:128k' }));
    expect(byId.modelDetails).toEqual({
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k',
      modelId: 'amazon.nova-micro-v1:0:128k',
      modelName: 'Nova Micro',
      providerName: 'Amazon',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
      inferenceTypesSupported: ['PROVISIONED'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    const byArn = await env.client().send(new GetFoundationModelCommand({ modelIdentifier: byId.modelDetails!.modelArn }));
    expect(byArn.modelDetails).toEqual(byId.modelDetails);
    for (const modelIdentifier of ['amazon.no-such-v1:0', 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0:128k']) {
      expect(await rejectionOf(env.client().send(new GetFoundationModelCommand({ modelIdentifier })))).toBeInstanceOf(ResourceNotFoundException);
    }
  });

  test.each<[ListFoundationModelsCommandInput, (m: typeof DEFAULT_FOUNDATION_MODELS[number]) => boolean]>([
    [{ byProvider: 'meta' }, (m) => m.providerName === 'Meta'],
    [{ byCustomizationType: 'CONTINUED_PRE_TRAINING' }, (m) => m.customizationsSupported.includes('CONTINUED_PRE_TRAINING')],
    [{ byOutputModality: 'EMBEDDING' }, (m) => m.outputModalities.includes('EMBEDDING')],
    [{ byInferenceType: 'ON_DEMAND', byProvider: 'Anthropic' }, (m) => m.inferenceTypesSupported.includes('ON_DEMAND') && m.providerName === 'Anthropic'],
    [{}, () => true],
  ])('ListFoundationModels %j', async (filters, expected) => {
    const { modelSummaries } = await env.client().send(new ListFoundationModelsCommand(filters));
    const ids = modelSummaries!.map((m) => m.modelId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(DEFAULT_FOUNDATION_MODELS.filter(expected).map((m) => m.modelId));
  });

  test('the catalog holds the models the project uses, in the forms of the API model', () => {
    const ids = DEFAULT_FOUNDATION_MODELS.map((m) => m.modelId);
    expect(ids).toEqual(expect.arrayContaining([
      'amazon.nova-micro-v1:0:128k', 'amazon.nova-lite-v1:0:300k', 'amazon.nova-pro-v1:0:300k', 'amazon.titan-text-express-v1:0:8k',
      'amazon.titan-text-lite-v1:0:4k', 'meta.llama3-1-8b-instruct-v1:0:128k', 'anthropic.claude-3-haiku-20240307-v1:0:200k',
      'amazon.nova-micro-v1:0', 'amazon.nova-pro-v1:0',
    ]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of DEFAULT_FOUNDATION_MODELS) {
      // Request shapes of the fixture check ids, ARNs and enum values; BrandedName is 1 to 20 characters in the API model.
      expect([m.modelId, validateInput('GetFoundationModel', { modelIdentifier: m.modelId })]).toEqual([m.modelId, []]);
      expect(validateInput('ListFoundationModels', { byProvider: m.providerName })).toEqual([]);
      for (const value of m.customizationsSupported) expect(validateInput('ListFoundationModels', { byCustomizationType: value })).toEqual([]);
      for (const value of m.outputModalities) expect(validateInput('ListFoundationModels', { byOutputModality: value })).toEqual([]);
      for (const value of m.inferenceTypesSupported) expect(validateInput('ListFoundationModels', { byInferenceType: value })).toEqual([]);
      expect(m.modelName.length).toBeLessThanOrEqual(20);
    }
  });
});
