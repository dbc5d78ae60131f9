/*
 * Reading a job: GetModelCustomizationJob, with a job that no longer exists
 * as undefined, and a one-line description of where it stands.
 */
import { GetModelCustomizationJobCommand, GetModelCustomizationJobCommandOutput, StatusDetails } from '@aws-sdk/client-bedrock';
import { readOrUndefined } from '../shared/read';

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
