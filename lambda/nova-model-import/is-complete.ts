/*
 * isComplete of the Provider framework for `Custom::BedrockNovaModelImport`,
 * polled every 30 seconds after onEvent.
 *
 * Create and Update: complete when the model is Active; failed with
 * Bedrock's failureMessage when it is Failed, and with the model ARN and
 * status when the deadline has passed. A failed Create is then deleted by
 * CloudFormation; a failed replacing Update is not, so its new model is
 * deleted here. Delete (when onEvent found the model still Creating):
 * complete once the model has left Creating and is deleted.
 */
import { NOVA_IMPORT_QUEUE } from './create-model';
import { IMPORT, ImportProperties } from './properties';
import type { NovaModelImportResourceAttributes } from '../../src/contract/kinds/nova-import';
import { deleteCustomModel, readCustomModel } from '../shared/custom-model';
import { deadlinePassed, isCompleteHandler, NOT_YET, Progress, WaitEvent } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId } from '../shared/physical-id';
import { afterStart } from '../shared/queued-create';
import { deadlineReason, failedReason, notDeletedReason, present } from '../shared/status-reasons';

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type ImportWaitEvent = WaitEvent<NovaModelImportResourceAttributes>;

export const isComplete = isCompleteHandler<ImportProperties, NovaModelImportResourceAttributes>(IMPORT, {
  untilReady: afterStart(NOVA_IMPORT_QUEUE, 'ModelArn', untilActive),
  untilDeleted,
});

async function untilActive(event: ImportWaitEvent, id: PhysicalId): Promise<Progress<NovaModelImportResourceAttributes>> {
  const modelArn = id.arn;
  const model = present(await readCustomModel(modelArn), IMPORT.noun, modelArn);
  log.info('Model status', { logicalResourceId: event.LogicalResourceId, modelArn, status: model.modelStatus });
  if (model.modelStatus === 'Active') return { done: true };
  if (model.modelStatus === 'Failed') {
    if (event.Replacement) await deleteCustomModel(modelArn);
    throw new Error(failedReason(IMPORT.noun, modelArn, 'Failed', { failureMessage: model.failureMessage, fallback: 'The import failed.' }));
  }
  if (!deadlinePassed(event)) return NOT_YET;

  const timedOut = deadlineReason(IMPORT.noun, modelArn, 'become Active', event.Deadline, String(model.modelStatus));
  if (event.Replacement) {
    // No Delete will come for the model this Update imported, and there is no time left to wait for it to leave Creating.
    try {
      await deleteCustomModel(modelArn);
    } catch (e) {
      log.warn('The new model could not be deleted', { modelArn, error: e });
      throw new Error(`${timedOut} Bedrock refused to delete it while it is ${model.modelStatus}: delete it once it is Active or Failed `
        + `(aws bedrock delete-custom-model --model-identifier ${modelArn}).`);
    }
  }
  throw new Error(timedOut);
}

async function untilDeleted(event: ImportWaitEvent, id: PhysicalId): Promise<boolean> {
  const model = await readCustomModel(bedrockIdentifier(id));
  if (!model) return true;
  const modelArn = model.modelArn ?? id.arn;
  if (model.modelStatus !== 'Creating') {
    await deleteCustomModel(modelArn);
    return true;
  }
  if (!deadlinePassed(event)) return false;
  throw new Error(notDeletedReason(IMPORT.noun, modelArn, {
    state: 'is still Creating',
    why: ', and a model cannot be deleted while it is Creating',
    when: 'once it is Active or Failed',
    command: `aws bedrock delete-custom-model --model-identifier ${modelArn}`,
  }));
}
