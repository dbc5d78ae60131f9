/*
 * Reading a job: GetModelCustomizationJob, with a job that no longer exists
 * as undefined, a one-line description of where it stands, and why one that
 * ended without completing fails what waits for it.
 */
import { GetModelCustomizationJobCommand, GetModelCustomizationJobCommandOutput, StatusDetails } from '@aws-sdk/client-bedrock';
import { JOB } from './properties';
import type { WaitedJobReader } from '../shared/condition-wait';
import { readOrUndefined } from '../shared/read';
import { failedReason, stoppedReason } from '../shared/status-reasons';

export type JobDetails = GetModelCustomizationJobCommandOutput;

/** What Delete needs to know about a job. */
export type JobState = Pick<JobDetails, 'status' | 'outputModelArn'> & Partial<Pick<JobDetails, 'jobArn'>>;

/** The job (by ARN or name) as Bedrock describes it, or undefined if it does not exist. */
export async function readJob(jobIdentifier: string): Promise<JobDetails | undefined> {
  return readOrUndefined('GetModelCustomizationJob', jobIdentifier, 'model customization job',
    client => client.send(new GetModelCustomizationJobCommand({ jobIdentifier })));
}

const STAGES: ReadonlyArray<[keyof StatusDetails, string]> = [
  ['validationDetails', 'validation'],
  ['dataProcessingDetails', 'data processing'],
  ['trainingDetails', 'training'],
];

/** `InProgress (training InProgress)`, `Stopping (validation Stopping)`, `Completed`. */
export function describeJob(job: JobState & Pick<JobDetails, 'statusDetails'>): string {
  const running = STAGES.find(([key]) => ['InProgress', 'Stopping'].includes(job.statusDetails?.[key]?.status ?? ''));
  return running ? `${job.status} (${running[1]} ${job.statusDetails![running[0]]!.status})` : String(job.status);
}

/**
 * Why a job that Failed or was Stopped fails what waits for it (its
 * resource's isComplete, its wait condition, its result), Bedrock's message
 * first; undefined for any other status.
 */
export function jobFailure(jobArn: string, job: Pick<JobDetails, 'status' | 'failureMessage'>): string | undefined {
  switch (job.status) {
    case 'Failed': return failedReason(JOB.noun, jobArn, 'Failed', { failureMessage: job.failureMessage, fallback: 'The job failed.' });
    case 'Stopped': return stoppedReason(JOB.noun, jobArn, job.failureMessage);
    default: return undefined;
  }
}

/** Jobs as the watcher and the job result read those a wait condition waits for. */
export const WAITED_JOBS: WaitedJobReader<JobDetails> = {
  noun: JOB.noun,
  read: async (identifier) => {
    const job = await readJob(identifier);
    if (!job) return undefined;
    const arn = job.jobArn ?? identifier;
    return { arn, status: describeJob(job), completed: job.status === 'Completed', failure: jobFailure(arn, job), details: job };
  },
};
