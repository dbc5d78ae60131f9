/*
 * onEvent of the Provider framework for `Custom::BedrockCustomModelDeployment`.
 *
 * Create deploys the model (CreateCustomModelDeployment); Update keeps the
 * deployment, whose ARN applications invoke (tags change in place, a new
 * model through UpdateCustomModelDeployment, library-only settings with no
 * Bedrock call), or, for a new name or description, creates a new one;
 * Delete deletes it when the removal policy says so, and always one that a
 * create which never completed made. Once the deployment exists, onEvent
 * returns its id instead of throwing. Waiting (until Active, until an update
 * is done, until deleted) is isComplete's (is-complete.ts).
 */
import { createDeployment, deleteDeployment, planDeployment, readDeployment, updateDeploymentModel } from './deployment';
import { DEPLOYMENT, DeploymentProperties } from './properties';
import type { CustomModelDeploymentResourceAttributes } from '../../src/contract/kinds/deployment';
import { deadlineOf, EventResult, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { DeleteOutcome, Deletion, InPlaceUpdate, replaceableOnEvent } from '../shared/replaceable-resource';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type DeploymentEventResult = EventResult<CustomModelDeploymentResourceAttributes>;

export const onEvent = replaceableOnEvent<DeploymentProperties, CustomModelDeploymentResourceAttributes>(DEPLOYMENT, {
  tags: 'tags',
  create: createNew,
  name: (props, source) => DEPLOYMENT.name(props, 'modelDeploymentName', source).name,
  updateInPlace,
  delete: deleteExisting,
});

async function createNew(request: RequestContext, props: DeploymentProperties): Promise<DeploymentEventResult> {
  const { seed, name, request: create } = planDeployment(request.identity, props);
  const arn = await createDeployment(create, name);
  // The deployment exists from here on: nothing below may throw.
  log.info('Deployment started', { deploymentArn: arn, modelDeploymentName: name.name, modelArn: props.modelArn });
  const id: PhysicalId = { arn, seed, digest: DEPLOYMENT.digest(props), pending: true };
  return { ...result(id, name.name), Deadline: deadlineOf(request, props.completionTimeoutSeconds) };
}

/** Another model, on the same deployment (its ARN stays): isComplete waits until Bedrock has finished the update. */
async function updateInPlace({ request, props, before, current }: InPlaceUpdate<DeploymentProperties>): Promise<DeploymentEventResult> {
  const name = DEPLOYMENT.name(props, 'modelDeploymentName', { ...request.identity, seed: current.seed }).name;
  if (!DEPLOYMENT.updated(before, props).includes('modelArn')) return result(current, name);
  // A rollback sends the old modelArn back: one more update, to the old model.
  await deployModel(current.arn, props.modelArn);
  return { ...result(current, name), Deadline: deadlineOf(request, props.completionTimeoutSeconds) };
}

/**
 * Updates the deployment to `modelArn`, unless it already serves that model
 * (its modelArn, https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetCustomModelDeployment.html)
 * with no update under way, as after a failed update that the rollback
 * undoes: isComplete then finds it done.
 */
async function deployModel(arn: string, modelArn: string): Promise<void> {
  const deployment = await readDeployment(arn);
  if (deployment?.modelArn === modelArn && deployment.updateDetails?.updateStatus !== 'Updating') {
    log.info('The deployment already serves the model', { deploymentArn: arn, modelArn });
    return;
  }
  log.info('Updating the deployment to another model', { deploymentArn: arn, from: deployment?.modelArn, modelArn });
  await updateDeploymentModel(arn, modelArn);
}

async function deleteExisting({ current }: Deletion): Promise<DeleteOutcome> {
  const outcome = await deleteDeployment(current.arn);
  if (outcome === 'gone') return 'gone';
  // Deletion is not immediate: the deployment is Deleting until it is removed
  // (https://docs.aws.amazon.com/nova/latest/userguide/delete-custom-model-deployment.html),
  // so the Delete completes once it is gone. A refused delete is asked again.
  log.info('Deleting the deployment: waiting until it is gone', { deploymentArn: current.arn, outcome });
  return 'waiting';
}

function result(id: PhysicalId, name: string): DeploymentEventResult {
  return {
    PhysicalResourceId: DEPLOYMENT.physicalId.format(id),
    Data: { DeploymentArn: id.arn, DeploymentName: name },
  };
}
