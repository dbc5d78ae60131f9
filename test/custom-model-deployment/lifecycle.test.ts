/*
 * Custom model deployments against the Bedrock emulator: created and waited
 * for until Active, updated in place to a retrained model (the ARN stays),
 * a failed update rolled back to the old model, tags in place, the
 * removal policy, and the models Bedrock deploys on demand (both readings of
 * imported models).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { CustomModel, CustomModelDeployment, CustomModelDeploymentProps } from '../../src';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';
import { withProvenance } from '../support/provenance';

const lifecycle = useLifecycle();
const DEPLOYMENT_ID = 'Endpoint';

/** A stack with one deployment of the model `modelArn`. */
function deploymentStack(modelArn: string, props: Partial<CustomModelDeploymentProps> = {}) {
  const stack = newStack();
  const deployment = new CustomModelDeployment(stack, DEPLOYMENT_ID, {
    model: CustomModel.fromCustomModelArn(stack, 'Model', modelArn),
    ...props,
  });
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(deployment.node.defaultChild as never) };
}

/** A new engine that has created the stack of deploymentStack(modelArn, props): the engine, and the deployment's logical id and ARN. */
async function deployed(modelArn: string, props: Partial<CustomModelDeploymentProps> = {}) {
  const engine = lifecycle.engine();
  const { artifact, logicalId } = deploymentStack(modelArn, props);
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  return { engine, logicalId, deploymentArn: String(engine.resource(logicalId).attributes.DeploymentArn) };
}

test('a deployment is created, waited for until Active, and deleted with the stack', async () => {
  const { emulator } = lifecycle;
  emulator.deployments.defaultPlan = { creating: { polls: 2 } };
  const model = emulator.customModels.add({ modelName: 'runbook-assistant' });

  const { engine, logicalId } = await deployed(model, { tags: { team: 'platform' } });

  const { DeploymentArn, DeploymentName } = engine.resource(logicalId).attributes as Record<string, string>;
  expect(emulator.deployments.get(DeploymentArn)).toMatchObject({ status: 'Active', modelArn: model, modelDeploymentName: DeploymentName });
  expect(emulator.deployments.serving(DeploymentArn)).toBe(model);
  expect(emulator.tags.list(DeploymentArn)).toEqual(withProvenance('LifecycleStack/Endpoint', [{ key: 'team', value: 'platform' }]));
  expect(emulator.callsTo('GetCustomModelDeployment').length).toBeGreaterThanOrEqual(2);

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.deployments.has(DeploymentArn)).toBe(false);
});

test('a retrained model updates the deployment in place: the same ARN serves the new model', async () => {
  const { emulator } = lifecycle;
  const first = emulator.customModels.add({ modelName: 'runbook-assistant-1' });
  const retrained = emulator.customModels.add({ modelName: 'runbook-assistant-2' });
  const { engine, logicalId } = await deployed(first);
  const before = engine.resource(logicalId);

  const result = await engine.update(deploymentStack(retrained).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  const after = engine.resource(logicalId);
  expect(after.physicalId).toBe(before.physicalId);
  expect(after.attributes.DeploymentArn).toBe(before.attributes.DeploymentArn);
  expect(emulator.deployments.serving(String(after.attributes.DeploymentArn))).toBe(retrained);
  expect(emulator.callsTo('CreateCustomModelDeployment')).toHaveLength(1);
  expect(emulator.callsTo('UpdateCustomModelDeployment')).toHaveLength(1);
});

test('an update that fails fails the resource with Bedrock\'s message, and the rollback keeps the old model', async () => {
  const { emulator } = lifecycle;
  const first = emulator.customModels.add({ modelName: 'runbook-assistant-1' });
  const retrained = emulator.customModels.add({ modelName: 'runbook-assistant-2' });
  const { engine, logicalId, deploymentArn } = await deployed(first);
  const failureMessage = 'The model could not be loaded for inference.';
  emulator.deployments.setPlan(deploymentArn, { updateOutcome: { updateStatus: 'UpdateFailed', failureMessage } });

  const result = await engine.update(deploymentStack(retrained).artifact);

  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.reason).toContain(failureMessage);
  expect(emulator.deployments.serving(deploymentArn)).toBe(first);
  expect(engine.resource(logicalId).attributes.DeploymentArn).toBe(deploymentArn);
});

test('a new description makes a new deployment, and the old one is deleted at cleanup', async () => {
  const { emulator } = lifecycle;
  const model = emulator.customModels.add({ modelName: 'runbook-assistant' });
  const { engine, logicalId, deploymentArn: old } = await deployed(model, { description: 'first' });

  expect((await engine.update(deploymentStack(model, { description: 'second' }).artifact)).status).toBe('UPDATE_COMPLETE');

  const replacement = String(engine.resource(logicalId).attributes.DeploymentArn);
  expect(replacement).not.toBe(old);
  expect(emulator.deployments.has(old)).toBe(false);
  expect(emulator.deployments.get(replacement)).toMatchObject({ status: 'Active', description: 'second' });
});

test('RETAIN keeps the deployment when the stack goes', async () => {
  const { emulator } = lifecycle;
  const model = emulator.customModels.add({ modelName: 'runbook-assistant' });
  const { engine, deploymentArn } = await deployed(model, { removalPolicy: RemovalPolicy.RETAIN });

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.deployments.get(deploymentArn).status).toBe('Active');
  expect(emulator.callsTo('DeleteCustomModelDeployment')).toEqual([]);
});

test('an imported model is refused as Bedrock refuses it, and the stack rolls back', async () => {
  const { emulator } = lifecycle;
  const imported = emulator.customModels.add({ modelName: 'support-assistant', customizationType: 'IMPORTED' });
  const engine = lifecycle.engine();

  const result = await engine.deploy(deploymentStack(imported).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`The custom model ${imported} is an imported model. Imported models cannot be deployed for on-demand inference; use Provisioned Throughput.`);
});

test('an imported model, where Bedrock deploys SageMaker-trained Nova imports on demand (the on-demand page\'s reading), is deployed', async () => {
  const { emulator } = lifecycle;
  emulator.deployments.rules.importedModels = 'deployable';
  const imported = emulator.customModels.add({ modelName: 'support-assistant', customizationType: 'IMPORTED' });

  const { engine, deploymentArn } = await deployed(imported);

  expect(emulator.deployments.serving(deploymentArn)).toBe(imported);
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
});

test('a model whose base Bedrock does not deploy on demand: the create fails with Bedrock\'s reason, and nothing is left', async () => {
  const { emulator } = lifecycle;
  const titan = emulator.customModels.add({ modelName: 'handbook', baseModelId: 'amazon.titan-text-express-v1:0:8k' });
  const engine = lifecycle.engine();

  const result = await engine.deploy(deploymentStack(titan).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`The custom model ${titan} can't be deployed for on-demand inference: its base model amazon.titan-text-express-v1:0:8k`);
  expect(emulator.callsTo('CreateCustomModelDeployment').map((c) => c.statusCode)).toEqual([400]);
});

test('an update to a model customized before on-demand deployment existed fails, and the rollback keeps the model served', async () => {
  const { emulator } = lifecycle;
  const current = emulator.customModels.add({ modelName: 'runbook-assistant' });
  const old = emulator.customModels.add({ modelName: 'runbook-assistant-2024', creationTime: new Date('2024-11-01T00:00:00Z') });
  const { engine, logicalId, deploymentArn } = await deployed(current);

  const result = await engine.update(deploymentStack(old).artifact);

  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.reason).toContain('it was customized before 2025-07-16');
  expect(engine.resource(logicalId).attributes.DeploymentArn).toBe(deploymentArn);
  expect(emulator.deployments.serving(deploymentArn)).toBe(current);
});

test('a deployment that fails fails the resource with Bedrock\'s message, and the rollback deletes it', async () => {
  const { emulator } = lifecycle;
  const failureMessage = 'The model could not be deployed: its base model does not support on-demand inference here.';
  emulator.deployments.defaultPlan = { outcome: { status: 'Failed', failureMessage } };
  const model = emulator.customModels.add({ modelName: 'runbook-assistant' });
  const engine = lifecycle.engine();

  const result = await engine.deploy(deploymentStack(model).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(failureMessage);
  const [created] = emulator.callsTo('CreateCustomModelDeployment');
  expect(emulator.deployments.has(String(created.input.modelDeploymentName))).toBe(false);
});

test('tags change in place: the same deployment, tagged and untagged', async () => {
  const { emulator } = lifecycle;
  const model = emulator.customModels.add({ modelName: 'runbook-assistant' });
  const { engine, logicalId, deploymentArn: arn } = await deployed(model, { tags: { team: 'platform', stage: 'beta' } });

  expect((await engine.update(deploymentStack(model, { tags: { team: 'ml' } }).artifact)).status).toBe('UPDATE_COMPLETE');

  expect(engine.resource(logicalId).attributes.DeploymentArn).toBe(arn);
  expect(emulator.tags.list(arn)).toEqual(withProvenance('LifecycleStack/Endpoint', [{ key: 'team', value: 'ml' }]));
  expect(emulator.callsTo('CreateCustomModelDeployment')).toHaveLength(1);
});
