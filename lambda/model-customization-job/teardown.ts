/*
 * The Bedrock side of Delete: read the job, stop it while it runs, and delete
 * its output model when the removal policy says so. Whatever is already gone
 * counts as done.
 */
import {
  DeleteCustomModelCommand,
  GetModelCustomizationJobCommand,
  ModelCustomizationJobStatus,
  StopModelCustomizationJobCommand,
} from '@aws-sdk/client-bedrock';
import { callBedrock } from '../shared/call';
import { describeError, isConflict, isNotFound, isValidation } from '../shared/errors';

/** What Delete needs to know about a job. */
export interface JobState {
  readonly status?: ModelCustomizationJobStatus | string;
  readonly outputModelArn?: string;
}

/** The job's state, or undefined if it no longer exists. */
export async function readJob(jobArn: string): Promise<JobState | undefined> {
  try {
    const job = await callBedrock('GetModelCustomizationJob', jobArn,
      client => client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn })));
    return { status: job.status, outputModelArn: job.outputModelArn };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw new Error(describeError(e, `Reading model customization job '${jobArn}'`));
  }
}

/**
 * Stops a running job and returns its state afterwards (undefined if gone).
 * A job that finishes between Get and Stop makes Stop fail with a validation
 * or conflict error: then the fresh status decides (a Completed job's model
 * follows the removal policy).
 */
export async function stopJob(jobArn: string): Promise<JobState | undefined> {
  try {
    await callBedrock('StopModelCustomizationJob', jobArn,
      client => client.send(new StopModelCustomizationJobCommand({ jobIdentifier: jobArn })));
    return { status: ModelCustomizationJobStatus.STOPPING };
  } catch (e) {
    if (isNotFound(e)) return undefined;
    if (!isValidation(e) && !isConflict(e)) throw new Error(describeError(e, `Stopping model customization job '${jobArn}'`));
    const job = await readJob(jobArn);
    if (job?.status === ModelCustomizationJobStatus.IN_PROGRESS) {
      throw new Error(describeError(e, `Stopping model customization job '${jobArn}'`));
    }
    return job;
  }
}

/** Deletes a custom model; one already deleted counts as deleted. */
export async function deleteCustomModel(modelArn: string): Promise<void> {
  try {
    await callBedrock('DeleteCustomModel', modelArn,
      client => client.send(new DeleteCustomModelCommand({ modelIdentifier: modelArn })));
  } catch (e) {
    if (isNotFound(e)) return;
    throw new Error(describeError(e, `Deleting custom model '${modelArn}'`));
  }
}
