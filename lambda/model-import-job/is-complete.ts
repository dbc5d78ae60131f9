/*
 * isComplete of the Provider framework for `Custom::BedrockModelImportJob`,
 * polled every 30 seconds after onEvent.
 *
 * Create and Update: complete when the job has Completed, with the imported
 * model's ARN and name; failed with Bedrock's failureMessage when it Failed
 * (it made no model), and with the job ARN and status when the deadline has
 * passed. A queued create first waits for the watcher to start it. A failed
 * Create is then deleted by CloudFormation (its Delete waits for the job and
 * deletes its model); a failed replacing Update is not, and its job cannot
 * be stopped: the reason says how to delete its model. Delete (when onEvent
 * found the job still InProgress): complete once the job has ended and its
 * model is deleted.
 */
import { MODEL_IMPORT_QUEUE } from './create-job';
import { deleteModelCommand, deleteModelOfEndedJob, importedModelOf, readImportJob, WAITED_IMPORTS } from './import-job';
import { MODEL_IMPORT, ModelImportProperties } from './properties';
import type { ModelImportJobResourceAttributes } from '../../src/contract/kinds/model-import';
import { deadlinePassed, isCompleteHandler, NOT_YET, Progress, WaitEvent } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId } from '../shared/physical-id';
import { afterStart } from '../shared/queued-create';
import { deadlineReason, notDeletedReason, present } from '../shared/status-reasons';

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type ModelImportWaitEvent = WaitEvent<ModelImportJobResourceAttributes>;

export const isComplete = isCompleteHandler<ModelImportProperties, ModelImportJobResourceAttributes>(MODEL_IMPORT, {
  untilReady: afterStart(MODEL_IMPORT_QUEUE, 'JobArn', untilCompleted),
  untilDeleted,
});

async function untilCompleted(event: ModelImportWaitEvent, id: PhysicalId): Promise<Progress<ModelImportJobResourceAttributes>> {
  const jobArn = id.arn;
  // Read as the watcher and the import result read it.
  const { completed, failure, status, details: job } = present(await WAITED_IMPORTS.read(jobArn), MODEL_IMPORT.noun, jobArn);
  log.info('Import job status', { logicalResourceId: event.LogicalResourceId, jobArn, status });
  // The model's ARN exists only once the job has Completed.
  if (completed) return { done: true, data: { ImportedModelArn: job.importedModelArn, ...modelName(job.importedModelName) } };
  if (failure) throw new Error(failure);
  if (!deadlinePassed(event)) return NOT_YET;

  const timedOut = deadlineReason(MODEL_IMPORT.noun, jobArn, 'complete', event.Deadline, status);
  if (!event.Replacement) throw new Error(timedOut);
  // No Delete will come for the job this Update submitted, and it cannot be stopped: its model outlives the stack's reach.
  const model = job.importedModelName ?? 'its imported model';
  throw new Error(`${timedOut} An import job cannot be stopped: once it completes, delete its model (${deleteModelCommand(model)}).`);
}

function modelName(name: string | undefined): Partial<ModelImportJobResourceAttributes> {
  return name === undefined ? {} : { ImportedModelName: name };
}

async function untilDeleted(event: ModelImportWaitEvent, id: PhysicalId): Promise<boolean> {
  const job = await readImportJob(bedrockIdentifier(id));
  if (!job) return true;
  if (job.status !== 'InProgress') {
    await deleteModelOfEndedJob(job);
    return true;
  }
  if (!deadlinePassed(event)) return false;
  const jobArn = job.jobArn ?? id.arn;
  const model = importedModelOf(job) ?? 'its imported model';
  throw new Error(notDeletedReason('imported model', model, {
    state: 'is not deleted',
    why: `: its model import job ${jobArn} is still InProgress, and an import job cannot be stopped`,
    when: 'once the job has completed',
    command: deleteModelCommand(model),
  }));
}
