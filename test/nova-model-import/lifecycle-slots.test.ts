/*
 * Custom model imports that wait for a free Bedrock slot (one model import at
 * a time per account, the emulator's default), deployed by the local engine
 * on the emulator's time: the kit's queue, with the import watcher (its
 * 10-minute fallback) starting them when the slot frees.
 */
import { CreateCustomModelCommand } from '@aws-sdk/client-bedrock';
import { CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { SOURCE } from './lifecycle-stacks';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { NovaModelImport, ModelSource } from '../../src';
import { importRequest } from '../emulator/bedrock-fixtures/requests';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';
import { HOUR, longWaitEngine } from '../lifecycle/long-wait';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

const IMPORT_TYPE = 'Custom::BedrockNovaModelImport';
const OTHER = 'imported-in-the-console';

/** A stack of `count` imports, waited for at most `completionTimeout`. */
function imports(count: number, completionTimeout = Duration.minutes(55)) {
  const stack = newStack();
  const ids = [];
  for (let i = 0; i < count; i++) {
    const model = new NovaModelImport(stack, `Import${i}`, {
      modelSource: ModelSource.fromS3Uri(SOURCE),
      removalPolicy: RemovalPolicy.DESTROY,
      completionTimeout,
    });
    ids.push(stack.getLogicalId(model.node.defaultChild as CfnResource));
  }
  return { artifact: synthesize(stack), ids };
}

/** A model imported outside the stack that holds the account's import slot for `minutes`. */
async function someoneImports(minutes: number): Promise<void> {
  lifecycle.emulator.customModels.planFor(OTHER, { creating: { seconds: minutes * 60 } });
  await lifecycle.readAsClient((client) => client.send(new CreateCustomModelCommand(importRequest({ modelName: OTHER }))));
}

const ownCreates = () => lifecycle.emulator.callsTo('CreateCustomModel').filter((c) => c.input.modelName !== OTHER);

test('an import made in the console holds the slot for 20 minutes: the stack\'s import waits, starts once it frees, and completes', async () => {
  const { emulator } = lifecycle;
  await someoneImports(20);
  engine = longWaitEngine(lifecycle);
  const deployedAt = emulator.clock.now().getTime();
  const { artifact, ids } = imports(1);

  const result = await engine.deploy(artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  const refused = ownCreates().filter((c) => c.errorType === 'ServiceQuotaExceededException');
  const started = ownCreates().filter((c) => c.errorType === undefined);
  expect(refused.length).toBeGreaterThan(0);
  expect(started).toHaveLength(1);
  // The same create each time: its token makes a retried start the same model.
  expect(new Set(ownCreates().map((c) => c.input.clientRequestToken)).size).toBe(1);
  expect((started[0].time.getTime() - deployedAt) / 1000 / 60).toBeGreaterThanOrEqual(20);
  const resource = engine.resources.find((r) => r.logicalId === ids[0])!;
  const [model] = emulator.customModels.list().items.filter((m) => m.modelName !== OTHER);
  expect(resource.attributes.ModelArn).toBe(model.modelArn);
  expect(emulator.capacity.peak('modelImports')).toBe(1);
});

test('three imports in one stack take the one slot in turn, and all complete', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.defaultPlan = { creating: { seconds: 5 * 60 } };
  engine = longWaitEngine(lifecycle);
  const { artifact } = imports(3);

  const result = await engine.deploy(artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  const models = emulator.customModels.list().items;
  expect(models).toHaveLength(3);
  expect(models.every((m) => m.modelStatus === 'Active')).toBe(true);
  expect(emulator.capacity.peak('modelImports')).toBe(1);
  expect(engine.resources.filter((r) => r.type === IMPORT_TYPE).map((r) => r.attributes.ModelArn).sort())
    .toEqual(models.map((m) => m.modelArn).sort());
});

test('no slot by the deadline: the import fails naming the model being imported, and never starts later', async () => {
  await someoneImports(3 * 60);
  engine = longWaitEngine(lifecycle);

  const result = await engine.deploy(imports(1, Duration.minutes(30)).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/got no free Bedrock slot by .+ \(Bedrock runs one model import at a time per account and Region\): .*imported-in-the-console.*\. It will not start\./);
  await engine.passTime(4 * HOUR);
  expect(ownCreates().filter((c) => c.errorType === undefined)).toEqual([]);
  expect(lifecycle.emulator.customModels.list().items.map((m) => m.modelName)).toEqual([OTHER]);
});
