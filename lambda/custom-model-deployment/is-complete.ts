/*
 * isComplete of the Provider framework for `Custom::BedrockCustomModelDeployment`,
 * polled every 30 seconds after onEvent.
 *
 * Create and replacing Update: complete when the deployment is Active. Update
 * to another model: complete when Bedrock has finished that update. Failed
 * with Bedrock's failureMessage when the deployment or the update failed (the
 * rollback of a failed update sends the old model back), and with the ARN and
 * status when the deadline has passed. A failed Create is then deleted by
 * CloudFormation; a failed replacing Update is not, so its new deployment is
 * deleted here. Delete: complete once the deployment is gone.
 */
import { deleteDeployment, DeleteOutcome, describeDeployment, readDeployment } from './deployment';
import { DEPLOYMENT, DeploymentProperties } from './properties';
import type { CustomModelDeploymentResourceAttributes } from '../../src/contract/kinds/deployment';
import { bedrockFailure } from '../shared/errors';
import { DELETE_WAIT_SECONDS, deadlinePassed, isCompleteHandler, NOT_YET, Progress, WaitEvent } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type DeploymentWaitEvent = WaitEvent<CustomModelDeploymentResourceAttributes>;

/** The statuses GetCustomModelDeployment documents (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetCustomModelDeployment.html). */
const DOCUMENTED_STATUSES: ReadonlyArray<string | undefined> = ['Creating', 'Active', 'Failed'];

export const isComplete = isCompleteHandler<DeploymentProperties, CustomModelDeploymentResourceAttributes>(DEPLOYMENT, {
  untilReady,
  untilDeleted,
});

async function untilReady(event: DeploymentWaitEvent, id: PhysicalId): Promise<Progress<CustomModelDeploymentResourceAttributes>> {
  const arn = id.arn;
  const wanted = DEPLOYMENT.decode(event.ResourceProperties).modelArn;
  const deployment = await readDeployment(arn);
  if (!deployment) throw new Error(`Custom model deployment ${arn} no longer exists`);
  const status = describeDeployment(deployment);
  log.info('Deployment status', { logicalResourceId: event.LogicalResourceId, deploymentArn: arn, status });

  if (deployment.status === 'Failed') {
    if (event.Replacement) await discard(arn, status);
    // Bedrock's message starts the status reason, unaltered (only bounded).
    throw new Error(`${bedrockFailure(deployment.failureMessage, 'The deployment failed.')} (custom model deployment ${arn} Failed)`);
  }
  if (deployment.status === 'Active') {
    // updateDetails: the model an update deploys and how it went (same page as above).
    const update = deployment.updateDetails;
    const ofWanted = update?.modelArn === wanted;
    if (ofWanted && update.updateStatus === 'UpdateFailed') {
      throw new Error(`${bedrockFailure(deployment.failureMessage, 'The update failed.')} (custom model deployment ${arn} UpdateFailed)`);
    }
    const updated = ofWanted && update.updateStatus === 'UpdateCompleted';
    if (update?.updateStatus !== 'Updating' && (updated || deployment.modelArn === wanted)) return { done: true };
  }
  if (!deadlinePassed(event)) return NOT_YET;

  const inPlace = event.RequestType === 'Update' && !event.Replacement;
  const timedOut = `Custom model deployment ${arn} did not ${inPlace ? `finish updating to model ${wanted}` : 'become Active'} `
    + `within the completion timeout (${event.Deadline}); it is ${status}.`;
  // No Delete will come for the deployment this Update created.
  throw new Error(event.Replacement ? `${timedOut}${await discard(arn, status)}` : timedOut);
}

/** Deletes the deployment a failed replacing Update created; says what to do when Bedrock refuses. */
async function discard(arn: string, status: string): Promise<string> {
  let outcome: DeleteOutcome | undefined;
  try {
    outcome = await deleteDeployment(arn);
  } catch (e) {
    log.warn('The new deployment could not be deleted', { deploymentArn: arn, error: e });
  }
  if (outcome === 'deleting' || outcome === 'gone') return ' The new deployment is deleted.';
  return ` Bedrock refused to delete the new deployment while it is ${status}: delete it `
    + `(aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${arn}).`;
}

async function untilDeleted(event: DeploymentWaitEvent, id: PhysicalId): Promise<boolean> {
  const deployment = await readDeployment(id.arn);
  if (!deployment) return true;
  const status = describeDeployment(deployment);
  log.info('Deployment status', { logicalResourceId: event.LogicalResourceId, deploymentArn: id.arn, status });
  // A delete that Bedrock refused (the deployment busy) is asked again; one under way shows another status (Deleting).
  if (DOCUMENTED_STATUSES.includes(deployment.status) && (await deleteDeployment(id.arn)) === 'gone') return true;
  if (!deadlinePassed(event)) return false;
  throw new Error(`Custom model deployment ${id.arn} is not deleted after ${DELETE_WAIT_SECONDS / 60} minutes; it is ${status}. `
    + `Delete it (aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${id.arn}), then delete the stack again.`);
}
