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
import { deadlinePassed, isCompleteHandler, NOT_YET, Progress, WaitEvent } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { deadlineReason, failedReason, notDeletedReason, present } from '../shared/status-reasons';

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
  const deployment = present(await readDeployment(arn), DEPLOYMENT.noun, arn);
  const status = describeDeployment(deployment);
  log.info('Deployment status', { logicalResourceId: event.LogicalResourceId, deploymentArn: arn, status });

  if (deployment.status === 'Failed') {
    if (event.Replacement) await discard(arn, status);
    throw new Error(failedReason(DEPLOYMENT.noun, arn, 'Failed', { failureMessage: deployment.failureMessage, fallback: 'The deployment failed.' }));
  }
  if (deployment.status === 'Active') {
    // updateDetails: the model an update deploys and how it went (same page as above).
    const update = deployment.updateDetails;
    const ofWanted = update?.modelArn === wanted;
    if (ofWanted && update.updateStatus === 'UpdateFailed') {
      throw new Error(failedReason(DEPLOYMENT.noun, arn, 'UpdateFailed', { failureMessage: deployment.failureMessage, fallback: 'The update failed.' }));
    }
    const updated = ofWanted && update.updateStatus === 'UpdateCompleted';
    if (update?.updateStatus !== 'Updating' && (updated || deployment.modelArn === wanted)) return { done: true };
  }
  if (!deadlinePassed(event)) return NOT_YET;

  const inPlace = event.RequestType === 'Update' && !event.Replacement;
  const timedOut = deadlineReason(DEPLOYMENT.noun, arn, inPlace ? `finish updating to model ${wanted}` : 'become Active', event.Deadline, status);
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
  throw new Error(notDeletedReason(DEPLOYMENT.noun, id.arn, {
    state: 'is not deleted',
    why: `; it is ${status}`,
    command: `aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${id.arn}`,
  }));
}
