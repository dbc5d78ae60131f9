/*
 * Model import jobs (Custom Model Import) in the emulator, through the real
 * client: InProgress then Completed or Failed on the plan and the emulated
 * clock, the source's layout and architecture checked during the job, the
 * imported model, names, idempotency, tags, and deletion.
 */
import {
  ConflictException,
  CreateModelImportJobCommand,
  CreateModelImportJobCommandInput,
  DeleteImportedModelCommand,
  GetImportedModelCommand,
  GetModelImportJobCommand,
  ListModelImportJobsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { modelImportJobRequest, seedSource } from './emulator-fixtures';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { ROLE_ARN } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();

const JOB_ARN = /^arn:aws:bedrock:us-east-1:123456789012:model-import-job\/[a-z0-9]{12}$/;
const MODEL_ARN = /^arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12}$/;

async function startImport(overrides: Partial<CreateModelImportJobCommandInput> = {}): Promise<string> {
  return (await env.client().send(new CreateModelImportJobCommand(modelImportJobRequest(overrides)))).jobArn!;
}
const getJob = (jobIdentifier: string) => env.client().send(new GetModelImportJobCommand({ jobIdentifier }));
const getModel = (modelIdentifier: string) => env.client().send(new GetImportedModelCommand({ modelIdentifier }));
const deleteModel = (modelIdentifier: string) => env.client().send(new DeleteImportedModelCommand({ modelIdentifier }));
const tagsOf = async (resourceARN: string) => (await env.client().send(new ListTagsForResourceCommand({ resourceARN }))).tags;

/** Starts an import of `s3Uri` and polls it to its end (the default plan ends at the first Get). */
async function importOf(s3Uri: string, name = 'import-job-1') {
  await startImport({ jobName: name, importedModelName: `${name}-model`, modelDataSource: { s3DataSource: { s3Uri } } });
  return getJob(name);
}

describe('timeline', () => {
  test('a job is InProgress for its planned emulated time, then Completed with its model; none exists before', async () => {
    env.emulator.clock.acceleration = 0;
    env.emulator.modelImportJobs.defaultPlan = { running: { seconds: 600 } };
    const s3Uri = seedSource(env.emulator, 'llama');
    const created = await env.client().send(new CreateModelImportJobCommand(modelImportJobRequest({
      modelDataSource: { s3DataSource: { s3Uri } }, importedModelKmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', vpcConfig: undefined,
    })));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.jobArn).toMatch(JOB_ARN);
    const start = env.emulator.clock.now();
    expect(await getJob('import-job-1')).toMatchObject({ status: 'InProgress', jobArn: created.jobArn, importedModelName: 'imported-model-1' });
    expect(await rejectionOf(getModel('imported-model-1'))).toBeInstanceOf(ResourceNotFoundException);

    env.emulator.clock.advance(599);
    expect((await getJob(created.jobArn!)).status).toBe('InProgress');
    env.emulator.clock.advance(1);
    const done = await getJob(created.jobArn!);
    expect(done).toMatchObject({ status: 'Completed', roleArn: ROLE_ARN, modelDataSource: { s3DataSource: { s3Uri } } });
    expect(done.endTime!.getTime() - start.getTime()).toBe(600_000);
    expect(done.importedModelArn).toMatch(MODEL_ARN);
    expect(done.importedModelKmsKeyArn).toBe('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(done.failureMessage).toBeUndefined();

    const model = await getModel(done.importedModelArn!);
    expect(model).toMatchObject({
      modelArn: done.importedModelArn,
      modelName: 'imported-model-1',
      jobName: 'import-job-1',
      jobArn: created.jobArn,
      modelDataSource: { s3DataSource: { s3Uri } },
      modelArchitecture: 'llama',
      instructSupported: true,
      modelKmsKeyArn: done.importedModelKmsKeyArn,
      customModelUnits: { customModelUnitsPerModelCopy: 1, customModelUnitsVersion: '1.0' },
    });
    expect(model.creationTime).toEqual(done.endTime);
    expect((await getModel('imported-model-1')).modelArn).toBe(done.importedModelArn);
  });

  test('by default the first GetModelImportJob ends the job; a plan may fail it; in-process complete and fail act at once', async () => {
    env.emulator.capacity.limits.modelImports = Infinity; // several jobs at once: not about the account's limit
    expect((await importOf(seedSource(env.emulator, 'a'), 'polled')).status).toBe('Completed');
    env.emulator.modelImportJobs.planFor('planned-failure', { outcome: { status: 'Failed', failureMessage: 'Internal failure.' } });
    expect(await importOf(seedSource(env.emulator, 'b'), 'planned-failure')).toMatchObject({ status: 'Failed', failureMessage: 'Internal failure.' });

    env.emulator.modelImportJobs.defaultPlan = { running: { polls: 5 } };
    seedSource(env.emulator, 'llama');
    await startImport({ jobName: 'completed-now', importedModelName: 'm1' });
    await startImport({ jobName: 'failed-now', importedModelName: 'm2' });
    env.emulator.modelImportJobs.complete('completed-now');
    env.emulator.modelImportJobs.fail('failed-now', 'Stopped by a test.');
    expect((await getJob('completed-now')).status).toBe('Completed');
    expect(await getJob('failed-now')).toMatchObject({ status: 'Failed', failureMessage: 'Stopped by a test.' });
    expect(() => env.emulator.modelImportJobs.complete('failed-now')).toThrow(/is Failed, not InProgress/);
  });

  test('no EventBridge event: Bedrock documents none for model import jobs', async () => {
    await importOf(seedSource(env.emulator, 'llama'));
    expect(env.emulator.events.drain(env.emulator.clock.now())).toEqual([]);
    expect(env.emulator.events.emitted).toEqual([]);
  });
});

describe('the source, checked during the job', () => {
  beforeEach(() => {
    env.emulator.capacity.limits.modelImports = Infinity;
  });

  test.each([
    ['no .safetensors weights', { without: ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'] }, /no weights in \.safetensors format/],
    ['no config.json', { without: ['config.json'] }, /have no config\.json/],
    ['no tokenizer files', { without: ['tokenizer.json', 'tokenizer_config.json'] }, /no tokenizer files/],
    ['a config.json that names no architecture', { config: { hidden_size: 4096 } }, /names no model architecture/],
    ['an unsupported architecture', { config: { architectures: ['BertForMaskedLM'], model_type: 'bert' } }, /architecture bert is not supported/],
  ])('%s: the create is accepted, the job Failed with why, and no model', async (_, layout, message) => {
    const s3Uri = seedSource(env.emulator, 'source', layout);
    const created = await env.client().send(new CreateModelImportJobCommand(modelImportJobRequest({ modelDataSource: { s3DataSource: { s3Uri } } })));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const job = await getJob('import-job-1');
    expect(job).toMatchObject({ status: 'Failed', failureMessage: expect.stringMatching(message) });
    expect(job.importedModelArn).toBeUndefined();
    expect(await rejectionOf(getModel('imported-model-1'))).toBeInstanceOf(ResourceNotFoundException);
  });

  test('an empty prefix of a known bucket fails; tokenizer files are optional once rules.requireTokenizer is false', async () => {
    seedSource(env.emulator, 'llama');
    expect(await importOf('s3://model-source/nothing-here/', 'empty')).toMatchObject({ status: 'Failed', failureMessage: expect.stringMatching(/No model files/) });
    env.emulator.modelImportJobs.rules.requireTokenizer = false;
    const job = await importOf(seedSource(env.emulator, 'bare', { without: ['tokenizer.json', 'tokenizer_config.json'] }), 'bare');
    expect(job.status).toBe('Completed');
  });

  test.each([
    ['MistralForCausalLM', 'mistral', true],
    ['MixtralForCausalLM', 'mixtral', true],
    ['T5ForConditionalGeneration', 't5', true],
    ['GPTBigCodeForCausalLM', 'gpt_bigcode', true],
    ['MllamaForConditionalGeneration', 'mllama', true],
    ['Qwen2ForCausalLM', 'qwen2', false],
    ['Qwen2VLForConditionalGeneration', 'qwen2_vl', false],
    ['Qwen2_5_VLForConditionalGeneration', 'qwen2_5_vl', false],
    ['GptOssForCausalLM', 'gpt_oss', false],
  ])('config.json architectures [%s] (no model_type) imports as %s, instructSupported %s', async (architecture, modelType, instruct) => {
    const job = await importOf(seedSource(env.emulator, modelType, { config: { architectures: [architecture] } }));
    expect(job.status).toBe('Completed');
    expect(await getModel(job.importedModelArn!)).toMatchObject({ modelArchitecture: modelType, instructSupported: instruct });
  });

  test('a bucket the emulated S3 does not hold: valid by default (the plan\'s architecture), Failed under rules.unseenSource "failed"', async () => {
    env.emulator.modelImportJobs.planFor('unseen', { architecture: 'mistral' });
    const assumed = await importOf('s3://bucket-nobody-seeded/model/', 'unseen');
    expect(assumed.status).toBe('Completed');
    expect((await getModel(assumed.importedModelArn!)).modelArchitecture).toBe('mistral');

    env.emulator.modelImportJobs.rules.unseenSource = 'failed';
    expect(await importOf('s3://bucket-nobody-seeded/model/', 'unseen-failed'))
      .toMatchObject({ status: 'Failed', failureMessage: 'No model files were found at s3://bucket-nobody-seeded/model/.' });
  });
});

describe('names, idempotency and tags', () => {
  test('a VPC whose subnets or security groups are not ids, or repeat, is a ValidationException, before any job', async () => {
    const repeated = await rejectionOf(startImport({ vpcConfig: { subnetIds: ['subnet-1', 'subnet-1'], securityGroupIds: ['sg-1'] } }));
    expect(repeated).toBeInstanceOf(ValidationException);
    expect((repeated as Error).message).toBe("The subnet ID 'subnet-1' is given more than once.");
    const notAGroup = await rejectionOf(startImport({ vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: ['vpc-1'] } }));
    expect((notAGroup as Error).message).toBe("The security group ID 'vpc-1' is not valid.");
    expect(env.emulator.modelImportJobs.list().items).toEqual([]);
    await startImport({ vpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } });
    expect(env.emulator.modelImportJobs.list().items).toHaveLength(1);
  });

  test('a model key of another account or Region is a ValidationException, as for a customization job; one of this account is the model\'s', async () => {
    const foreign = 'arn:aws:kms:us-west-2:123456789012:key/12345678-1234-1234-1234-123456789012';
    const refused = await rejectionOf(startImport({ importedModelKmsKeyId: foreign }));
    expect(refused).toBeInstanceOf(ValidationException);
    expect((refused as Error).message).toBe(`The KMS key ${foreign} is not in account 123456789012 and region us-east-1.`);
    const own = 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012';
    await startImport({ importedModelKmsKeyId: own });
    expect(env.emulator.modelImportJobs.list().items).toHaveLength(1);
  });

  test('a job name in use, or a model name an import in progress or an imported model holds, is a ConflictException', async () => {
    env.emulator.capacity.limits.modelImports = Infinity;
    env.emulator.modelImportJobs.defaultPlan = { running: { polls: 2 } };
    await startImport();
    expect(await rejectionOf(startImport({ importedModelName: 'other' }))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(startImport({ jobName: 'import-job-2' }))).toBeInstanceOf(ConflictException);
    await getJob('import-job-1');
    expect((await getJob('import-job-1')).status).toBe('Completed');
    expect(await rejectionOf(startImport({ jobName: 'import-job-2' }))).toBeInstanceOf(ConflictException);
    expect(await rejectionOf(startImport({ importedModelName: 'other' }))).toBeInstanceOf(ConflictException);

    // A failed job's model name is free again.
    env.emulator.modelImportJobs.planFor('failing', { running: { polls: 1 }, outcome: { status: 'Failed', failureMessage: 'No.' } });
    await startImport({ jobName: 'failing', importedModelName: 'reused' });
    expect((await getJob('failing')).status).toBe('Failed');
    expect(await startImport({ jobName: 'import-job-3', importedModelName: 'reused' })).toMatch(JOB_ARN);
  });

  test('the same clientRequestToken returns the same job; with other parameters it is a ConflictException', async () => {
    const first = await startImport({ clientRequestToken: 'token-1' });
    expect(await startImport({ clientRequestToken: 'token-1' })).toBe(first);
    const listed = await env.client().send(new ListModelImportJobsCommand({}));
    expect(listed.modelImportJobSummaries).toHaveLength(1);
    expect(await rejectionOf(startImport({ clientRequestToken: 'token-1', jobName: 'import-job-2' }))).toBeInstanceOf(ConflictException);
  });

  test('jobTags tag the job from its creation, importedModelTags the model once it exists; TagResource works on both', async () => {
    const jobArn = await startImport({ jobTags: [{ key: 'team', value: 'ml' }], importedModelTags: [{ key: 'stage', value: 'prod' }] });
    expect(await tagsOf(jobArn)).toEqual([{ key: 'team', value: 'ml' }]);
    const { importedModelArn } = await getJob(jobArn);
    expect(await tagsOf(importedModelArn!)).toEqual([{ key: 'stage', value: 'prod' }]);
    await env.client().send(new TagResourceCommand({ resourceARN: jobArn, tags: [{ key: 'cost', value: '1' }] }));
    await env.client().send(new TagResourceCommand({ resourceARN: importedModelArn!, tags: [{ key: 'cost', value: '2' }] }));
    expect(await tagsOf(jobArn)).toEqual([{ key: 'team', value: 'ml' }, { key: 'cost', value: '1' }]);
    expect(await tagsOf(importedModelArn!)).toEqual([{ key: 'stage', value: 'prod' }, { key: 'cost', value: '2' }]);
  });

  test('more than 50 tags on the job or the model is a TooManyTagsException, and nothing is created', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(await rejectionOf(startImport({ jobTags: tags }))).toBeInstanceOf(TooManyTagsException);
    expect(await rejectionOf(startImport({ importedModelTags: tags }))).toBeInstanceOf(TooManyTagsException);
    expect(env.emulator.modelImportJobs.list().items).toEqual([]);
  });
});

describe('lists and deletion', () => {
  test('ListModelImportJobs filters by status and name, sorts by creation time and pages', async () => {
    env.emulator.capacity.limits.modelImports = Infinity;
    env.emulator.modelImportJobs.defaultPlan = { running: { polls: 1 } };
    await startImport({ jobName: 'alpha', importedModelName: 'alpha-model' });
    await getJob('alpha');
    await startImport({ jobName: 'beta', importedModelName: 'beta-model' });
    const list = (input: object) => env.client().send(new ListModelImportJobsCommand(input));
    expect((await list({})).modelImportJobSummaries!.map((s) => s.jobName)).toEqual(['beta', 'alpha']);
    expect((await list({ sortOrder: 'Ascending' })).modelImportJobSummaries!.map((s) => s.jobName)).toEqual(['alpha', 'beta']);
    expect((await list({ statusEquals: 'InProgress' })).modelImportJobSummaries!.map((s) => s.jobName)).toEqual(['beta']);
    const [alpha] = (await list({ nameContains: 'alp' })).modelImportJobSummaries!;
    expect(alpha).toMatchObject({ jobName: 'alpha', status: 'Completed', importedModelName: 'alpha-model', importedModelArn: expect.stringMatching(MODEL_ARN) });
    const first = await list({ maxResults: 1 });
    expect(first.nextToken).toBeDefined();
    expect((await list({ maxResults: 1, nextToken: first.nextToken })).modelImportJobSummaries!.map((s) => s.jobName)).toEqual(['alpha']);
  });

  test('DeleteImportedModel removes the model and its tags; its job stays listed with the ARN it created', async () => {
    const jobArn = await startImport({ importedModelTags: [{ key: 'k', value: 'v' }] });
    const { importedModelArn } = await getJob(jobArn);
    const deleted = await deleteModel('imported-model-1');
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(await rejectionOf(getModel(importedModelArn!))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(deleteModel(importedModelArn!))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(tagsOf(importedModelArn!))).toBeInstanceOf(ResourceNotFoundException);
    expect(await getJob(jobArn)).toMatchObject({ status: 'Completed', importedModelArn });
    // The name is free again for a new import; the job's name stays taken.
    env.emulator.capacity.limits.modelImports = Infinity;
    expect(await startImport({ jobName: 'import-job-2' })).toMatch(JOB_ARN);
    expect(await rejectionOf(startImport({ importedModelName: 'another' }))).toBeInstanceOf(ConflictException);
  });

  test('unknown jobs and models are ResourceNotFoundException', async () => {
    expect(await rejectionOf(getJob('no-such-job'))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(getModel('arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl'))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(deleteModel('no-such-model'))).toBeInstanceOf(ResourceNotFoundException);
  });
});
