/*
 * isComplete of the Provider framework for `Custom::BedrockProvisionedThroughput`,
 * polled every 30 seconds after onEvent.
 *
 * Create and replacing Update: complete when the throughput is InService.
 * Update of the name or model: complete when it is InService (no longer
 * Updating) with that name and model. Failed with Bedrock's failureMessage
 * when the throughput is Failed, and with the ARN and status when the
 * deadline has passed. A failed Create is then deleted by CloudFormation; a
 * failed replacing Update is not, so its new throughput is deleted here.
 * Delete: nothing to wait for (see on-event.ts).
 */
import { THROUGHPUT, ThroughputProperties } from './properties';
import { CommittedThroughputError, deleteThroughput, readThroughput, servesModel, throughputName } from './throughput';
import type { ProvisionedThroughputResourceAttributes } from '../../src/contract/kinds/throughput';
import { deadlinePassed, isCompleteHandler, NOT_YET, Progress, WaitEvent } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { deadlineReason, failedReason, present } from '../shared/status-reasons';

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type ThroughputWaitEvent = WaitEvent<ProvisionedThroughputResourceAttributes>;

export const isComplete = isCompleteHandler<ThroughputProperties, ProvisionedThroughputResourceAttributes>(THROUGHPUT, { untilReady });

/** Statuses: Creating | InService | Updating | Failed (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetProvisionedModelThroughput.html). */
async function untilReady(event: ThroughputWaitEvent, id: PhysicalId): Promise<Progress<ProvisionedThroughputResourceAttributes>> {
  const arn = id.arn;
  const props = THROUGHPUT.decode(event.ResourceProperties);
  const throughput = present(await readThroughput(arn), THROUGHPUT.noun, arn);
  const status = String(throughput.status);
  log.info('Throughput status', { logicalResourceId: event.LogicalResourceId, provisionedModelArn: arn, status });

  if (throughput.status === 'Failed') {
    const note = event.Replacement ? await discard(arn, event.LogicalResourceId) : '';
    throw new Error(failedReason(THROUGHPUT.noun, arn, 'Failed', { failureMessage: throughput.failureMessage, fallback: 'The throughput failed.', note }));
  }
  const inPlace = event.RequestType === 'Update' && !event.Replacement;
  const name = throughputName(props, { stackId: event.StackId, logicalResourceId: event.LogicalResourceId, seed: id.seed }).name;
  // modelArn is the model served once an update is done (same page).
  const updated = !inPlace || (throughput.provisionedModelName === name && servesModel(throughput.modelArn, props.modelId));
  if (throughput.status === 'InService' && updated) return { done: true };
  if (!deadlinePassed(event)) return NOT_YET;

  const waitsFor = inPlace ? `finish updating to name '${name}' and model ${props.modelId}` : 'become InService';
  const timedOut = deadlineReason(THROUGHPUT.noun, arn, waitsFor, event.Deadline, status);
  // No Delete will come for the throughput this Update created.
  throw new Error(event.Replacement ? `${timedOut}${await discard(arn, event.LogicalResourceId)}` : timedOut);
}

/** Deletes the throughput a failed replacing Update created; says what to do when Bedrock refuses. */
async function discard(arn: string, logicalResourceId: string): Promise<string> {
  try {
    await deleteThroughput(arn, { logicalResourceId, retainable: false });
    return ' The new throughput is deleted.';
  } catch (e) {
    log.warn('The new throughput could not be deleted', { provisionedModelArn: arn, error: e });
    const when = e instanceof CommittedThroughputError ? `after ${e.until}, when its commitment ends` : 'yourself';
    return ` The new throughput could not be deleted: delete it ${when} (aws bedrock delete-provisioned-model-throughput --provisioned-model-id ${arn}).`;
  }
}
