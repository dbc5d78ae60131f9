/*
 * The switches of the ledger's rows on custom models and model import jobs
 * (emulator/LEDGER.md, L-11, L-13, L-14, L-17, L-20, L-21) and on how their
 * creates meet the quota and IAM (L-37, L-39): each default is the emulator's
 * reading, each other value the other reading, both driven through the real
 * client; reset() restores the defaults.
 */
import {
  ConflictException,
  CreateCustomModelCommand,
  CreateCustomModelDeploymentCommand,
  CreateModelImportJobCommand,
  CreateProvisionedModelThroughputCommand,
  DeleteCustomModelCommand,
  DeleteImportedModelCommand,
  DeleteProvisionedModelThroughputCommand,
  GetCustomModelCommand,
  GetImportedModelCommand,
  GetModelImportJobCommand,
  ListCustomModelsCommand,
  ListCustomModelsCommandInput,
  ListModelImportJobsCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { importRequest } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { ASSUME_ROLE_FAILURE } from '../../emulator/bedrock';
import { defaultRequestRules } from '../../emulator/bedrock/capacity';
import { defaultCustomModelRules } from '../../emulator/bedrock/kinds/custom-models/custom-model-rules';
import { defaultImportRules } from '../../emulator/bedrock/kinds/model-import-jobs/import-job-rules';
import { modelImportJobRequest, seedSource } from '../model-import-job/emulator-fixtures';

const env = useEmulator();

const OWNER = '210987654321';
const NEW_ROLE = 'arn:aws:iam::123456789012:role/JustCreatedRole';

async function importModel(overrides: Parameters<typeof importRequest>[0] = {}): Promise<string> {
  return (await env.client().send(new CreateCustomModelCommand(importRequest(overrides)))).modelArn!;
}
async function startImport(overrides: Parameters<typeof modelImportJobRequest>[0] = {}): Promise<string> {
  return (await env.client().send(new CreateModelImportJobCommand(modelImportJobRequest(overrides)))).jobArn!;
}
const getModel = (modelIdentifier: string) => env.client().send(new GetCustomModelCommand({ modelIdentifier }));
const deleteModel = (modelIdentifier: string) => env.client().send(new DeleteCustomModelCommand({ modelIdentifier }));
const getJob = (jobIdentifier: string) => env.client().send(new GetModelImportJobCommand({ jobIdentifier }));
const listJobs = async () => (await env.client().send(new ListModelImportJobsCommand({}))).modelImportJobSummaries!.map((j) => j.jobName);
const listModels = async (input: ListCustomModelsCommandInput = {}) =>
  (await env.client().send(new ListCustomModelsCommand(input))).modelSummaries!.map((m) => m.modelName).sort();
async function provision(modelId: string, provisionedModelName: string): Promise<string> {
  const input = { modelId, provisionedModelName, modelUnits: 1 };
  return (await env.client().send(new CreateProvisionedModelThroughputCommand(input))).provisionedModelArn!;
}

describe('customModels.rules.creatingDeletion (L-11)', () => {
  test('refused by default: a Creating model answers ConflictException, and is deleted once Active', async () => {
    expect(env.emulator.customModels.rules.creatingDeletion).toBe('refused');
    const modelArn = await importModel();
    const error = await rejectionOf(deleteModel(modelArn));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('is being created');
    expect(env.emulator.customModels.get(modelArn).modelStatus).toBe('Creating');
    env.emulator.customModels.activate(modelArn);
    await deleteModel(modelArn);
    expect(env.emulator.customModels.has(modelArn)).toBe(false);
  });

  test('deleted: a Creating model is deleted at once, with its tags and its import slot', async () => {
    env.emulator.customModels.rules.creatingDeletion = 'deleted';
    const modelArn = await importModel({ modelTags: [{ key: 'team', value: 'ml' }] });
    expect(env.emulator.capacity.inUse('modelImports').map((i) => i.arn)).toEqual([modelArn]);
    expect((await deleteModel(modelArn)).$metadata.httpStatusCode).toBe(200);
    expect(await rejectionOf(getModel(modelArn))).toBeInstanceOf(ResourceNotFoundException);
    expect(env.emulator.tags.has(modelArn)).toBe(false);
    expect(env.emulator.capacity.inUse('modelImports')).toEqual([]);
    await expect(importModel({ modelName: 'imported-2' })).resolves.toMatch(/:custom-model\/imported\//);
  });
});

describe('customModels.rules.servedModelDeletion (L-13)', () => {
  test('distilled by default: a fine-tuned model is deleted under its throughput; a distilled one is refused', async () => {
    expect(env.emulator.customModels.rules.servedModelDeletion).toBe('distilled');
    const tuned = env.emulator.customModels.add({ modelName: 'tuned' });
    const distilled = env.emulator.customModels.add({ modelName: 'distilled', customizationType: 'DISTILLATION' });
    await provision(tuned, 'pt-1');
    await provision(distilled, 'pt-2');
    await deleteModel(tuned);
    expect(env.emulator.customModels.has(tuned)).toBe(false);
    const error = await rejectionOf(deleteModel(distilled));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('is a distilled model used by');
  });

  test('any: every model a throughput or a deployment uses is refused, until they are deleted', async () => {
    env.emulator.customModels.rules.servedModelDeletion = 'any';
    const tuned = env.emulator.customModels.add({ modelName: 'tuned' });
    const pt = await provision(tuned, 'pt-1');
    const byThroughput = await rejectionOf(deleteModel(tuned));
    expect(byThroughput).toBeInstanceOf(ConflictException);
    expect(byThroughput.message).toBe(`The custom model tuned is used by ${pt}: delete the Provisioned Throughput first.`);
    await env.client().send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: pt }));
    const deployment = (await env.client().send(new CreateCustomModelDeploymentCommand({ modelDeploymentName: 'd-1', modelArn: tuned })))
      .customModelDeploymentArn!;
    expect((await rejectionOf(deleteModel(tuned))).message).toBe(`The custom model tuned is deployed by ${deployment}: delete the custom model deployment first.`);
    env.emulator.deployments.delete(deployment);
    await deleteModel(tuned);
    expect(env.emulator.customModels.has(tuned)).toBe(false);
  });
});

describe('customModels.rules.sharedModels (L-14)', () => {
  test('listed by default: a share is listed beside the own models unless isOwned, and read by its ARN', async () => {
    expect(env.emulator.customModels.rules.sharedModels).toBe('listed');
    env.emulator.customModels.add({ modelName: 'mine' });
    const shared = env.emulator.customModels.add({ modelName: 'theirs', ownerAccountId: OWNER });
    expect(await listModels()).toEqual(['mine', 'theirs']);
    expect(await listModels({ isOwned: false })).toEqual(['theirs']);
    expect(await getModel(shared)).toMatchObject({ modelName: 'theirs', modelArn: shared });
  });

  test('copyFirst: a share is neither listed nor read before a copy; its ARN is not found, for its tags too', async () => {
    env.emulator.customModels.rules.sharedModels = 'copyFirst';
    const mine = env.emulator.customModels.add({ modelName: 'mine' });
    const shared = env.emulator.customModels.add({ modelName: 'theirs', ownerAccountId: OWNER, tags: [{ key: 'owner', value: 'them' }] });
    expect(await listModels()).toEqual(['mine']);
    expect(await listModels({ isOwned: false })).toEqual([]);
    expect(await rejectionOf(getModel(shared))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(env.client().send(new ListTagsForResourceCommand({ resourceARN: shared })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(provision(shared, 'pt-1'))).toBeInstanceOf(ResourceNotFoundException);
    expect((await getModel(mine)).modelName).toBe('mine');
  });
});

describe('modelImportJobs.rules.sourceCheck (L-17)', () => {
  test('atEnd by default: a source without config.json is accepted, and the job fails when it ends', async () => {
    expect(env.emulator.modelImportJobs.rules.sourceCheck).toBe('atEnd');
    const s3Uri = seedSource(env.emulator, 'broken', { without: ['config.json'] });
    const jobArn = await startImport({ modelDataSource: { s3DataSource: { s3Uri } } });
    expect(await getJob(jobArn)).toMatchObject({ status: 'Failed', failureMessage: expect.stringContaining('have no config.json') });
  });

  test('atCreate: a wrong layout or architecture is refused with ValidationException and nothing is created', async () => {
    env.emulator.modelImportJobs.rules.sourceCheck = 'atCreate';
    const broken = seedSource(env.emulator, 'broken', { without: ['config.json'] });
    const error = await rejectionOf(startImport({ modelDataSource: { s3DataSource: { s3Uri: broken } } }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(`The model files at ${broken} have no config.json; import a model in the Hugging Face format.`);
    const gpt2 = seedSource(env.emulator, 'gpt2', { config: { model_type: 'gpt2' } });
    const unsupported = await rejectionOf(startImport({ modelDataSource: { s3DataSource: { s3Uri: gpt2 } } }));
    expect(unsupported.message).toContain('The model architecture gpt2 is not supported.');
    expect(await listJobs()).toEqual([]);
    const llama = seedSource(env.emulator, 'llama');
    const jobArn = await startImport({ modelDataSource: { s3DataSource: { s3Uri: llama } } });
    expect((await getJob(jobArn)).status).toBe('Completed');
  });
});

describe('modelImportJobs.rules.modelNameWhileRunning (L-20)', () => {
  test('taken by default: the model name of a job InProgress is refused with ConflictException', async () => {
    expect(env.emulator.modelImportJobs.rules.modelNameWhileRunning).toBe('taken');
    env.emulator.capacity.limits.modelImports = Infinity; // two imports at once: this test is not about the account's limit
    await startImport({ jobName: 'a', importedModelName: 'm' });
    const error = await rejectionOf(startImport({ jobName: 'b', importedModelName: 'm' }));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toBe('An imported model named m already exists.');
  });

  test('free: both jobs are accepted; the one that ends second fails, its name taken by then', async () => {
    env.emulator.modelImportJobs.rules.modelNameWhileRunning = 'free';
    env.emulator.capacity.limits.modelImports = Infinity;
    await startImport({ jobName: 'a', importedModelName: 'm' });
    await startImport({ jobName: 'b', importedModelName: 'm' });
    expect(await getJob('a')).toMatchObject({ status: 'Completed', importedModelName: 'm' });
    const second = await getJob('b');
    expect(second).toMatchObject({ status: 'Failed', failureMessage: 'An imported model named m already exists.' });
    expect(second.importedModelArn).toBeUndefined();
    // The name of a model that exists is taken whatever the rule.
    expect(await rejectionOf(startImport({ jobName: 'c', importedModelName: 'm' }))).toBeInstanceOf(ConflictException);
  });
});

describe('modelImportJobs.rules.deletedModelJob (L-21)', () => {
  test('kept by default: the job stays, listed and readable, with the ARN of the deleted model', async () => {
    expect(env.emulator.modelImportJobs.rules.deletedModelJob).toBe('kept');
    const jobArn = await startImport();
    const modelArn = (await getJob(jobArn)).importedModelArn!;
    await env.client().send(new DeleteImportedModelCommand({ modelIdentifier: modelArn }));
    const getImported = env.client().send(new GetImportedModelCommand({ modelIdentifier: modelArn }));
    expect(await rejectionOf(getImported)).toBeInstanceOf(ResourceNotFoundException);
    expect(await getJob(jobArn)).toMatchObject({ status: 'Completed', importedModelArn: modelArn });
    expect(await listJobs()).toEqual(['import-job-1']);
  });

  test('deleted: the job goes with its model and its tags, and its name is free again', async () => {
    env.emulator.modelImportJobs.rules.deletedModelJob = 'deleted';
    const jobArn = await startImport({ jobTags: [{ key: 'team', value: 'ml' }] });
    const modelArn = (await getJob(jobArn)).importedModelArn!;
    await env.client().send(new DeleteImportedModelCommand({ modelIdentifier: 'imported-model-1' }));
    expect(await rejectionOf(getJob(jobArn))).toBeInstanceOf(ResourceNotFoundException);
    expect(await listJobs()).toEqual([]);
    expect(env.emulator.tags.has(jobArn)).toBe(false);
    expect(env.emulator.tags.has(modelArn)).toBe(false);
    await expect(startImport()).resolves.not.toBe(jobArn);
  });
});

describe('capacity.requestRules.replayWhileFull (L-37)', () => {
  test('returned by default: a retry of an accepted import gets it back while it holds the only import slot', async () => {
    expect(env.emulator.capacity.requestRules.replayWhileFull).toBe('returned');
    const jobArn = await startImport({ clientRequestToken: 'job-1' });
    expect(await startImport({ clientRequestToken: 'job-1' })).toBe(jobArn);
    await getJob(jobArn); // Completed: the slot is free
    const modelArn = await importModel({ clientRequestToken: 'model-1' });
    expect(await importModel({ clientRequestToken: 'model-1' })).toBe(modelArn);
    expect(env.emulator.capacity.inUse('modelImports').map((i) => i.arn)).toEqual([modelArn]);
  });

  test('refused: the retry is refused for the quota while every slot is taken, and answered once one is free', async () => {
    env.emulator.capacity.requestRules.replayWhileFull = 'refused';
    const jobArn = await startImport({ clientRequestToken: 'job-1' });
    expect(await rejectionOf(startImport({ clientRequestToken: 'job-1' }))).toBeInstanceOf(ServiceQuotaExceededException);
    await getJob(jobArn);
    expect(await startImport({ clientRequestToken: 'job-1' })).toBe(jobArn);
    const modelArn = await importModel({ clientRequestToken: 'model-1' });
    expect(await rejectionOf(importModel({ clientRequestToken: 'model-1' }))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.customModels.activate(modelArn);
    expect(await importModel({ clientRequestToken: 'model-1' })).toBe(modelArn);
    expect(await listJobs()).toEqual(['import-job-1']);
  });
});

describe('iam.checkedFirst (L-39)', () => {
  test('true by default: an unpropagated role is refused before the quota, and before a retry is answered', async () => {
    expect(env.emulator.iam.checkedFirst).toBe(true);
    env.emulator.iam.failuresPerNewRole = 1;
    env.emulator.capacity.limits.modelImports = 0;
    const overQuota = await rejectionOf(importModel({ roleArn: NEW_ROLE }));
    expect(overQuota).toBeInstanceOf(ValidationException);
    expect(overQuota.message).toBe(ASSUME_ROLE_FAILURE);
    env.emulator.capacity.limits.modelImports = 1;
    const modelArn = await importModel({ roleArn: NEW_ROLE, clientRequestToken: 'model-1' }); // its second attempt
    env.emulator.iam.failuresPerNewRole = 5;
    expect((await rejectionOf(importModel({ roleArn: NEW_ROLE, clientRequestToken: 'model-1' }))).message).toBe(ASSUME_ROLE_FAILURE);
    expect(env.emulator.customModels.has(modelArn)).toBe(true);
  });

  test('false: the quota, the request\'s checks and a retry come first; a create they refuse counts no failure', async () => {
    env.emulator.iam.checkedFirst = false;
    env.emulator.iam.failuresPerNewRole = 1;
    env.emulator.capacity.limits.modelImports = 0;
    expect(await rejectionOf(importModel({ roleArn: NEW_ROLE }))).toBeInstanceOf(ServiceQuotaExceededException);
    expect(await rejectionOf(startImport({ roleArn: NEW_ROLE }))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.capacity.limits.modelImports = 1;
    const first = await rejectionOf(importModel({ roleArn: NEW_ROLE, clientRequestToken: 'model-1' }));
    expect(first.message).toBe(ASSUME_ROLE_FAILURE);
    expect(env.emulator.capacity.inUse('modelImports')).toEqual([]);
    const modelArn = await importModel({ roleArn: NEW_ROLE, clientRequestToken: 'model-1' });
    env.emulator.iam.failuresPerNewRole = 5;
    expect(await importModel({ roleArn: NEW_ROLE, clientRequestToken: 'model-1' })).toBe(modelArn);
    // A taken name is refused for itself, before the role.
    env.emulator.capacity.limits.modelImports = Infinity;
    expect(await rejectionOf(importModel({ roleArn: 'arn:aws:iam::123456789012:role/Other' }))).toBeInstanceOf(ConflictException);
  });
});

test('reset() restores every default, with rules objects of its own', () => {
  const { customModels, modelImportJobs, capacity, iam } = env.emulator;
  Object.assign(customModels.rules, { creatingDeletion: 'deleted', servedModelDeletion: 'any', sharedModels: 'copyFirst' });
  Object.assign(modelImportJobs.rules, { sourceCheck: 'atCreate', modelNameWhileRunning: 'free', deletedModelJob: 'deleted' });
  capacity.requestRules.replayWhileFull = 'refused';
  iam.checkedFirst = false;
  env.emulator.reset();
  expect(env.emulator.customModels.rules).toEqual(defaultCustomModelRules());
  expect(env.emulator.modelImportJobs.rules).toEqual(defaultImportRules());
  expect(env.emulator.capacity.requestRules).toEqual(defaultRequestRules());
  expect(env.emulator.iam.checkedFirst).toBe(true);
  expect(env.emulator.customModels.rules).not.toBe(customModels.rules);
  expect(customModels.rules.sharedModels).toBe('copyFirst');
});
