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
import type { CloudFormationCustomResourceDeleteEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { createDeployment, deleteDeployment, planDeployment, readDeployment, updateDeploymentModel } from './deployment';
import { DEPLOYMENT, DeploymentProperties } from './properties';
import type { CustomModelDeploymentResourceAttributes } from '../../src/contract/kinds/deployment';
import { DELETE_WAIT_SECONDS, deadlineOf, EventResult, onEventHandler, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type DeploymentEventResult = EventResult<CustomModelDeploymentResourceAttributes>;

export const onEvent = onEventHandler<DeploymentEventResult>({
  create: (event, request) => createNew(request, DEPLOYMENT.decode(event.ResourceProperties)),
  update: updateExisting,
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

async function updateExisting(event: CloudFormationCustomResourceUpdateEvent, request: RequestContext): Promise<DeploymentEventResult> {
  const props = DEPLOYMENT.decode(event.ResourceProperties);
  const before = DEPLOYMENT.decode(event.OldResourceProperties);
  const current = DEPLOYMENT.physicalId.parse(event.PhysicalResourceId);

  // Created with this name and description (also when an update rollback sends the old properties back).
  if (current && DEPLOYMENT.matches(current, props)) {
    const name = DEPLOYMENT.name(props, 'modelDeploymentName', { ...request.identity, seed: current.seed }).name;
    const changes = tagChanges(before.tags, props.tags);
    if (!isUnchanged(changes)) {
      log.info('Updating tags in place', { deploymentArn: current.arn, changes });
      await applyTagChanges(current.arn, changes, DEPLOYMENT.noun);
    }
    if (DEPLOYMENT.updated(before, props).includes('modelArn')) {
      // A rollback sends the old modelArn back: one more update, to the old model.
      await deployModel(current.arn, props.modelArn);
      return { ...result(current, name), Deadline: deadlineOf(request, props.completionTimeoutSeconds) };
    }
    if (isUnchanged(changes)) log.info('Library-only update: no change in Bedrock', { deploymentArn: current.arn });
    return result(current, name);
  }
  if (!current) log.warn('The physical id names no deployment: creating one', { physicalResourceId: event.PhysicalResourceId });
  const changed = DEPLOYMENT.changed(before, props).filter((key) => DEPLOYMENT.defining.includes(key));
  const currentName = current
    ? DEPLOYMENT.name(before, 'modelDeploymentName', { ...request.identity, seed: current.seed }).name
    : before.modelDeploymentName ?? event.LogicalResourceId;
  DEPLOYMENT.assertReplaceable(currentName, before, props, changed);
  log.info('Replacing the deployment', { changed });
  return { ...(await createNew(request, props)), Replacement: true };
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

async function deleteExisting(event: CloudFormationCustomResourceDeleteEvent, request: RequestContext): Promise<DeploymentEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = DEPLOYMENT.physicalId.parse(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no deployment: nothing to delete');
    return done;
  }
  if (DEPLOYMENT.deletePolicyOf(current, event.ResourceProperties) === 'retain') {
    log.info('Keeping the deployment (removal policy retain)', { deploymentArn: current.arn });
    return done;
  }
  const outcome = await deleteDeployment(current.arn);
  if (outcome === 'gone') {
    log.info('The deployment no longer exists', { deploymentArn: current.arn });
    return done;
  }
  // Deletion is not immediate: the deployment is Deleting until it is removed
  // (https://docs.aws.amazon.com/nova/latest/userguide/delete-custom-model-deployment.html),
  // so the Delete completes once it is gone. A refused delete is asked again.
  log.info('Deleting the deployment: waiting until it is gone', { deploymentArn: current.arn, outcome });
  return { ...done, Deadline: deadlineOf(request, DELETE_WAIT_SECONDS) };
}

function result(id: PhysicalId, name: string): DeploymentEventResult {
  return {
    PhysicalResourceId: DEPLOYMENT.physicalId.format(id),
    Data: { DeploymentArn: id.arn, DeploymentName: name },
  };
}
