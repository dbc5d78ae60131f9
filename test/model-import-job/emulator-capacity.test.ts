/*
 * The account's one import at a time (capacity.ts): a model import job holds
 * the import slot while InProgress, the slot CreateCustomModel's imports hold
 * under capacity.rules.customModelsHoldImportSlot (the default).
 */
import {
  CreateCustomModelCommand,
  CreateModelImportJobCommand,
  CreateModelImportJobCommandInput,
  GetCustomModelCommand,
  GetModelImportJobCommand,
  ServiceQuotaExceededException,
} from '@aws-sdk/client-bedrock';
import { modelImportJobRequest } from './emulator-fixtures';
import { SERVICE_QUOTA_EXCEEDED_MESSAGE } from '../../emulator/bedrock/capacity';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { importRequest } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();

const startImport = (overrides: Partial<CreateModelImportJobCommandInput> = {}) =>
  env.client().send(new CreateModelImportJobCommand(modelImportJobRequest(overrides)));
const second = { jobName: 'import-job-2', importedModelName: 'imported-model-2' };

test('a second model import job while one is InProgress is refused; once it ends, the slot is free', async () => {
  env.emulator.clock.acceleration = 0;
  env.emulator.modelImportJobs.defaultPlan = { running: { seconds: 900 } };
  const { jobArn } = await startImport();
  const refused = await rejectionOf(startImport(second));
  expect(refused).toBeInstanceOf(ServiceQuotaExceededException);
  expect(refused.message).toBe(SERVICE_QUOTA_EXCEEDED_MESSAGE);
  expect(env.emulator.modelImportJobs.list().items).toHaveLength(1);
  expect(env.emulator.capacity.inUse('modelImports')).toMatchObject([{ arn: jobArn, origin: 'CreateModelImportJob' }]);

  env.emulator.clock.advance(900); // ends by its plan, unpolled
  expect((await startImport(second)).jobArn).toBeDefined();
  expect(env.emulator.capacity.peak('modelImports')).toBe(1);
});

test('a job InProgress refuses CreateCustomModel, and an import Creating refuses CreateModelImportJob', async () => {
  await startImport();
  expect(await rejectionOf(env.client().send(new CreateCustomModelCommand(importRequest())))).toBeInstanceOf(ServiceQuotaExceededException);
  await env.client().send(new GetModelImportJobCommand({ jobIdentifier: 'import-job-1' })); // Completed: the slot is free

  await env.client().send(new CreateCustomModelCommand(importRequest()));
  expect(await rejectionOf(startImport(second))).toBeInstanceOf(ServiceQuotaExceededException);
  await env.client().send(new GetCustomModelCommand({ modelIdentifier: 'imported-1' })); // Active: the slot is free
  expect((await startImport(second)).jobArn).toBeDefined();
});

test('with customModelsHoldImportSlot false, CreateCustomModel is out of the limit; import jobs still hold it among themselves', async () => {
  env.emulator.capacity.rules.customModelsHoldImportSlot = false;
  await startImport();
  expect((await env.client().send(new CreateCustomModelCommand(importRequest()))).modelArn).toBeDefined();
  expect(await rejectionOf(startImport(second))).toBeInstanceOf(ServiceQuotaExceededException);
});

test('a retry with the token of an accepted create gets its job back, whatever the slots; the limit can be lifted', async () => {
  const { jobArn } = await startImport({ clientRequestToken: 'retry-1' });
  expect((await startImport({ clientRequestToken: 'retry-1' })).jobArn).toBe(jobArn);
  env.emulator.capacity.limits.modelImports = Infinity;
  expect((await startImport(second)).jobArn).toBeDefined();
  expect(env.emulator.capacity.inUse('modelImports')).toHaveLength(2);
});
