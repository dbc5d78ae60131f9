/*
 * isComplete of the Provider framework for `Custom::BedrockCustomModelImport`,
 * polled every 30 seconds after onEvent: complete when the model is Active;
 * failed with Bedrock's failureMessage when it is Failed, and with the model
 * ARN and status when the deadline has passed. A failed Create is then
 * deleted by CloudFormation; a failed replacing Update is not, so its new
 * model is deleted here.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { parseImportPhysicalId } from './physical-id';
import { deleteCustomModel, readCustomModel } from '../shared/custom-model';
import { log } from '../shared/log';

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type ImportWaitEvent = CloudFormationCustomResourceEvent & {
  readonly PhysicalResourceId: string;
  readonly Deadline?: string;
  readonly Replacement?: boolean;
};

export async function isComplete(event: ImportWaitEvent): Promise<{ IsComplete: boolean }> {
  if (event.RequestType === 'Delete' || event.Deadline === undefined) return { IsComplete: true };
  const current = parseImportPhysicalId(event.PhysicalResourceId);
  if (!current) throw new Error(`The physical id '${event.PhysicalResourceId}' names no custom model`);
  const { modelArn } = current;

  const model = await readCustomModel(modelArn);
  if (!model) throw new Error(`Custom model ${modelArn} no longer exists`);
  log.info('Model status', { logicalResourceId: event.LogicalResourceId, modelArn, status: model.modelStatus });
  if (model.modelStatus === 'Active') return { IsComplete: true };
  if (model.modelStatus === 'Failed') {
    await discardReplacement(event, modelArn);
    // Bedrock's message starts the status reason, unaltered.
    throw new Error(`${model.failureMessage ?? 'The import failed.'} (custom model ${modelArn} Failed)`);
  }
  if (Date.now() < Date.parse(event.Deadline)) return { IsComplete: false };

  await discardReplacement(event, modelArn);
  throw new Error(`Custom model ${modelArn} did not become Active within the completion timeout `
    + `(${event.Deadline}); it is ${model.modelStatus}.`);
}

/** No Delete will come for the model a replacing Update imported: delete it now. */
async function discardReplacement(event: ImportWaitEvent, modelArn: string): Promise<void> {
  if (event.Replacement) await deleteCustomModel(modelArn);
}
