/*
 * Reading an import job and deleting the model it imported: GetModelImportJob
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelImportJob.html)
 * and DeleteImportedModel
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteImportedModel.html),
 * whatever no longer exists counting as gone.
 *
 * A job is InProgress, Completed or Failed (ModelImportJobStatus, same page):
 * "A successful job transitions from in-progress to completed when the
 * imported model is ready to use", so the model exists once the job has
 * Completed, and a job that Failed made none. The API has no operation that
 * stops or deletes an import job (none among the actions of
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock.html,
 * nor in the API model), so what a Delete can remove is the model.
 */
import { DeleteImportedModelCommand, GetModelImportJobCommand, GetModelImportJobCommandOutput } from '@aws-sdk/client-bedrock';
import { MODEL_IMPORT } from './properties';
import { callBedrock } from '../shared/call';
import type { WaitedJob, WaitedJobReader } from '../shared/condition-wait';
import { describeError, isNotFound } from '../shared/errors';
import { log } from '../shared/log';
import { readOrUndefined } from '../shared/read';
import { failedReason, named } from '../shared/status-reasons';

export type ImportJobDetails = GetModelImportJobCommandOutput;

/** The job (by ARN or name: jobIdentifier takes either) as Bedrock describes it, or undefined if it does not exist. */
export function readImportJob(jobIdentifier: string): Promise<ImportJobDetails | undefined> {
  return readOrUndefined('GetModelImportJob', jobIdentifier, MODEL_IMPORT.noun,
    (client) => client.send(new GetModelImportJobCommand({ jobIdentifier })));
}

/**
 * The job as what waits for it sees it: Completed with its model; Failed,
 * with Bedrock's failureMessage first (bounded); or running. A Completed job
 * without a model ARN fails too: the resource would have nothing to give
 * what invokes the model.
 */
function importJobOutcome(jobArn: string, job: ImportJobDetails): WaitedJob<ImportJobDetails> {
  const status = String(job.status);
  if (job.status === 'Completed' && job.importedModelArn) return { arn: jobArn, status, completed: true, details: job };
  const failure = job.status === 'Completed' ? `${named(MODEL_IMPORT.noun, jobArn)} is Completed, but Bedrock reports no imported model ARN`
    : job.status === 'Failed' ? failedReason(MODEL_IMPORT.noun, jobArn, 'Failed', { failureMessage: job.failureMessage, fallback: 'The import job failed.' })
      : undefined;
  return { arn: jobArn, status, completed: false, failure, details: job };
}

/** Import jobs as the watcher and the import result read those a wait condition waits for. */
export const WAITED_IMPORTS: WaitedJobReader<ImportJobDetails> = {
  noun: MODEL_IMPORT.noun,
  read: async (identifier) => {
    const job = await readImportJob(identifier);
    return job && importJobOutcome(job.jobArn ?? identifier, job);
  },
};

/** What identifies a completed job's model: its ARN, else its name (DeleteImportedModel takes either). */
export function importedModelOf(job: ImportJobDetails): string | undefined {
  return job.importedModelArn ?? job.importedModelName;
}

/** The AWS CLI command that deletes an imported model, for messages that say how to finish by hand. */
export function deleteModelCommand(model: string): string {
  return `aws bedrock delete-imported-model --model-identifier ${model}`;
}

/** Deletes an imported model: true when it was deleted, false when it no longer existed. */
async function deleteImportedModel(model: string): Promise<boolean> {
  try {
    await callBedrock('DeleteImportedModel', model, (client) => client.send(new DeleteImportedModelCommand({ modelIdentifier: model })));
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw new Error(describeError(e, `Deleting imported model '${model}'`));
  }
}

/**
 * Deletes what an ended job made: the model of a Completed job (`done`, or
 * `gone` when it was deleted already); a Failed job made none (`done`).
 */
export async function deleteModelOfEndedJob(job: ImportJobDetails): Promise<'done' | 'gone'> {
  const model = job.status === 'Completed' ? importedModelOf(job) : undefined;
  if (model === undefined) {
    log.info('The import job made no model: nothing to delete', { jobArn: job.jobArn, status: job.status });
    return 'done';
  }
  log.info('Deleting the imported model', { jobArn: job.jobArn, model });
  return (await deleteImportedModel(model)) ? 'done' : 'gone';
}
