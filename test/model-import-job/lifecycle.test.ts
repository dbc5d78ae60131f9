/*
 * Custom::BedrockModelImportJob deployed, updated and deleted as
 * CloudFormation does, against the local Bedrock emulator: the job reads the
 * model's files from the emulated S3, and the imported model is invoked on
 * demand by its ARN.
 */
import { CreateCustomModelCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BUCKET, modelImportStack, putModel, SOURCE } from './lifecycle-fixtures';
import { createBedrockRuntimeClient } from '../../emulator/bedrock';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { ModelImportJobProps, ModelSource } from '../../src';
import { importRequest } from '../emulator/bedrock-fixtures/requests';
import { useLifecycle } from '../lifecycle/harness';
import { longWaitEngine } from '../lifecycle/long-wait';
import { withProvenance } from '../support/provenance';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

/** A model imported outside the stack (CreateCustomModel), which holds the account's import slot. */
const CONSOLE_IMPORT = 'imported-in-the-console';

/** The polled tier's stack, the imported model tagged. */
function importStack(overrides: Partial<ModelImportJobProps> = {}) {
  return modelImportStack({ importedModelTags: { team: 'platform' }, ...overrides });
}

test('create: the job imports the model from its files, the resource completes with both ARNs, and the model answers Converse', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  emulator.modelImportJobs.defaultPlan = { running: { polls: 2 } };
  engine = lifecycle.engine();
  const { artifact, logicalId } = importStack();

  const result = await engine.deploy(artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  const { attributes } = engine.resource(logicalId);
  const job = emulator.modelImportJobs.get(String(attributes.JobArn));
  expect(job).toMatchObject({ status: 'Completed', importedModelArn: attributes.ImportedModelArn, importedModelName: attributes.ImportedModelName });
  expect(attributes.ImportedModelArn).toMatch(/^arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12}$/);
  expect(emulator.modelImportJobs.getModel(String(attributes.ImportedModelArn))).toMatchObject({ modelArchitecture: 'llama', instructSupported: true });
  expect(emulator.tags.list(String(attributes.ImportedModelArn))).toEqual(withProvenance('LifecycleStack/Llama', [{ key: 'team', value: 'platform' }]));
  expect(emulator.tags.list(String(attributes.JobArn))).toEqual(withProvenance('LifecycleStack/Llama'));
  expect(emulator.callsTo('CreateModelImportJob').map((c) => c.input)).toEqual([
    expect.objectContaining({
      modelDataSource: { s3DataSource: { s3Uri: SOURCE } }, jobName: attributes.JobName, importedModelName: attributes.ImportedModelName,
    }),
  ]);

  const runtime = createBedrockRuntimeClient(emulator);
  try {
    const question = { role: 'user' as const, content: [{ text: 'Hello?' }] };
    const answer = await runtime.send(new ConverseCommand({ modelId: String(attributes.ImportedModelArn), messages: [question] }));
    expect(answer.output?.message?.content?.[0]?.text).toContain(String(attributes.ImportedModelArn));
  } finally {
    runtime.destroy();
  }
  expect(lifecycle.violations).toEqual([]);
});

test('an architecture Bedrock does not import fails the resource with Bedrock\'s message; the rollback leaves no model', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle, 'mamba');
  engine = lifecycle.engine();
  const { artifact } = importStack({ removalPolicy: RemovalPolicy.RETAIN });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/Message returned: The model architecture mamba is not supported\. .*model import job arn:aws:bedrock:/);
  expect(emulator.modelImportJobs.list().items.map((j) => j.status)).toEqual(['Failed']);
  expect(emulator.callsTo('DeleteImportedModel')).toEqual([]);
});

test('a job still running at its deadline fails the resource; the rollback waits for it to end and deletes its model, whatever RETAIN says', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  emulator.modelImportJobs.defaultPlan = { running: { seconds: 70 * 60 } };
  engine = longWaitEngine(lifecycle);

  const result = await engine.deploy(importStack({ removalPolicy: RemovalPolicy.RETAIN, completionTimeout: Duration.minutes(30) }).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  const [job] = emulator.modelImportJobs.list().items;
  expect(job.status).toBe('Completed');
  // The API stops no import job: the Delete waited for its end, then deleted the model it made.
  expect(emulator.callsTo('DeleteImportedModel').map((c) => c.input.modelIdentifier)).toEqual([job.importedModelArn]);
  expect(emulator.modelImportJobs.served(job.importedModelArn!)).toBeUndefined();
});

test('files without weights in safetensors fail the job, naming the layout', async () => {
  putModel(lifecycle, 'llama', ['config.json', 'tokenizer.json']);
  engine = lifecycle.engine();

  const result = await engine.deploy(importStack().artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain('hold no weights in .safetensors format');
});

test('tags change in place on the job and on the model; a new source imports a new model and the old one is deleted (DESTROY)', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  emulator.s3.put(BUCKET, 'llama-v2/config.json', JSON.stringify({ model_type: 'llama' }));
  emulator.s3.put(BUCKET, 'llama-v2/tokenizer.json', '{}');
  emulator.s3.put(BUCKET, 'llama-v2/model.safetensors', 'weights');
  engine = lifecycle.engine();
  const first = importStack();
  await engine.deploy(first.artifact);
  const before = engine.resource(first.logicalId).attributes;

  const tagged = importStack({ importedModelTags: { team: 'ml' }, jobTags: { owner: 'ops' } });
  expect((await engine.update(tagged.artifact)).status).toBe('UPDATE_COMPLETE');
  expect(engine.resource(first.logicalId).attributes.ImportedModelArn).toBe(before.ImportedModelArn);
  expect(emulator.tags.list(String(before.ImportedModelArn))).toEqual(withProvenance('LifecycleStack/Llama', [{ key: 'team', value: 'ml' }]));
  expect(emulator.tags.list(String(before.JobArn))).toEqual(withProvenance('LifecycleStack/Llama', [{ key: 'owner', value: 'ops' }]));
  expect(emulator.callsTo('CreateModelImportJob')).toHaveLength(1);

  const moved = importStack({ modelSource: ModelSource.fromS3Uri(`s3://${BUCKET}/llama-v2/`), importedModelTags: { team: 'ml' }, jobTags: { owner: 'ops' } });
  const result = await engine.update(moved.artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('UPDATE_COMPLETE');
  const after = engine.resource(first.logicalId).attributes;
  expect(after.ImportedModelArn).not.toBe(before.ImportedModelArn);
  expect(emulator.modelImportJobs.served(String(before.ImportedModelArn))).toBeUndefined();
  expect(emulator.modelImportJobs.served(String(after.ImportedModelArn))).toBeDefined();
});

test('delete: DESTROY deletes the imported model, RETAIN keeps it; the job stays in Bedrock\'s list', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  engine = lifecycle.engine();
  const destroyed = importStack();
  await engine.deploy(destroyed.artifact);
  const modelArn = String(engine.resource(destroyed.logicalId).attributes.ImportedModelArn);
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.modelImportJobs.served(modelArn)).toBeUndefined();

  const kept = lifecycle.engine();
  const retained = importStack({ removalPolicy: RemovalPolicy.RETAIN });
  await kept.deploy(retained.artifact);
  const keptArn = String(kept.resource(retained.logicalId).attributes.ImportedModelArn);
  expect((await kept.destroy()).status).toBe('DELETE_COMPLETE');
  await kept.close();
  expect(emulator.modelImportJobs.served(keptArn)).toBeDefined();
  expect(emulator.modelImportJobs.list().items).toHaveLength(2);
});

test('one import at a time per account: a job behind an import made in the console waits for the slot, starts once it frees, and completes', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  emulator.customModels.planFor(CONSOLE_IMPORT, { creating: { seconds: 20 * 60 } });
  await lifecycle.readAsClient((client) => client.send(new CreateCustomModelCommand(importRequest({ modelName: CONSOLE_IMPORT }))));
  engine = longWaitEngine(lifecycle);
  const deployedAt = emulator.clock.now().getTime();
  const { artifact, logicalId } = importStack();

  const result = await engine.deploy(artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  const creates = emulator.callsTo('CreateModelImportJob');
  expect(creates.filter((c) => c.errorType === 'ServiceQuotaExceededException').length).toBeGreaterThan(0);
  const started = creates.filter((c) => c.errorType === undefined);
  expect(started).toHaveLength(1);
  // The same create each time: its token makes a retried start the same job.
  expect(new Set(creates.map((c) => c.input.clientRequestToken)).size).toBe(1);
  expect((started[0].time.getTime() - deployedAt) / 1000 / 60).toBeGreaterThanOrEqual(20);
  expect(emulator.capacity.peak('modelImports')).toBe(1);
  expect(engine.resource(logicalId).attributes.ImportedModelArn).toMatch(/imported-model\//);
});
