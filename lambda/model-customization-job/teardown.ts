/*
 * The Bedrock side of Delete: read the job, stop it while it runs, wait
 * (bounded) until it has stopped, and delete its output model when the
 * removal policy says so. Whatever is already gone counts as done.
 */
import { setTimeout as sleep } from 'timers/promises';
import { ModelCustomizationJobStatus, StopModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { JobState, readJob } from './job-status';
import { callBedrock } from '../shared/call';
import { describeError, isConflict, isNotFound, isValidation } from '../shared/errors';
import { log } from '../shared/log';

/** How long Delete waits for a stopping job to stop: well within the handler's 15-minute timeout. */
export const STOP_WAIT_MS = 10 * 60_000;
/** Between two reads of a stopping job. */
export const STOP_POLL_MS = 15_000;

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

/**
 * Reads a stopping job until it is no longer Stopping (or gone), for at most
 * STOP_WAIT_MS. A job still stopping then is left to stop on its own: it
 * produces no model, so there is nothing more to delete.
 */
export async function waitWhileStopping(jobArn: string): Promise<JobState | undefined> {
  const deadline = Date.now() + STOP_WAIT_MS;
  for (;;) {
    await sleep(STOP_POLL_MS);
    const job = await readJob(jobArn);
    if (job?.status !== ModelCustomizationJobStatus.STOPPING) return job;
    if (Date.now() >= deadline) {
      log.warn('The job is still stopping; leaving it to stop on its own', { jobArn, waitedMs: STOP_WAIT_MS });
      return job;
    }
  }
}
