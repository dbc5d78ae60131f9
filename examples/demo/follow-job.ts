/*
 * Follows a model customization job to a terminal status, as a user would
 * with GetModelCustomizationJob, reporting each change of status or sub-status.
 */
import { BedrockClient, GetModelCustomizationJobCommand, GetModelCustomizationJobCommandOutput } from '@aws-sdk/client-bedrock';
import { hostNow } from './progress';
import { describeJob as describeStatus } from '../../lambda/model-customization-job/job-status';

const TERMINAL = ['Completed', 'Failed', 'Stopped'];

export interface FollowOptions {
  /** Real time between two polls. */
  readonly intervalMs: number;
  /** Real time after which the demo gives up. */
  readonly timeoutMs: number;
  readonly onChange: (description: string) => void;
}

/** Polls until the job ends and returns its last description. */
export async function followJob(client: BedrockClient, jobArn: string, options: FollowOptions): Promise<GetModelCustomizationJobCommandOutput> {
  const deadline = hostNow() + options.timeoutMs;
  let last = '';
  for (;;) {
    const job = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    const description = describeJob(job);
    if (description !== last) options.onChange(description);
    last = description;
    if (TERMINAL.includes(job.status ?? '')) return job;
    if (hostNow() > deadline) throw new Error(`Job ${jobArn} is still ${description} after ${options.timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

/** `InProgress (training InProgress)`, `Completed after 45 min: <model ARN>`, `Failed after 3 min: <message>`. */
export function describeJob(job: GetModelCustomizationJobCommandOutput): string {
  const after = job.endTime && job.creationTime
    ? ` after ${Math.round((job.endTime.getTime() - job.creationTime.getTime()) / 60_000)} min` : '';
  if (job.status === 'Failed') return `Failed${after}: ${job.failureMessage ?? 'no message'}`;
  if (job.status === 'Completed') return `Completed${after}: ${job.outputModelArn}`;
  if (job.status === 'Stopped') return `Stopped${after}`;
  return describeStatus(job);
}
