/*
 * Bedrock's refusals for capacity: a create beyond the account's concurrent
 * jobs (two model customization jobs, one import job per account and Region)
 * answers ServiceQuotaExceededException, "The number of requests exceeds the
 * service quota. Resubmit your request later." (the API model's
 * documentation of the error, which CreateModelCustomizationJob,
 * CreateCustomModel and CreateModelImportJob list). A kind that declares its
 * create as one that may be refused so waits for a slot instead of failing
 * (slot-queue.ts, docs/design/waiting-for-a-slot.md).
 */
import { ListModelCustomizationJobsCommand } from '@aws-sdk/client-bedrock';
import { callBedrock } from './call';
import { log } from './log';

/** Thrown by a kind's create when Bedrock refused it for capacity: the create is to wait, not to fail. */
export class CapacityRefusal extends Error {
  public readonly name = 'CapacityRefusal';
  constructor(public readonly what: string, public readonly bedrockMessage: string) {
    super(`${what}: Bedrock has no free slot (${bedrockMessage})`);
  }
}

/** Whether a kind's create threw a CapacityRefusal (by name: bundles and tests may hold two copies of the class). */
export function refusedForCapacity(e: unknown): boolean {
  return (e as Error | undefined)?.name === 'CapacityRefusal';
}

export function isCapacityRefusal(e: unknown): boolean {
  return (e as { name?: string } | undefined)?.name === 'ServiceQuotaExceededException';
}

/** The CapacityRefusal for a Bedrock error that is one, else the error itself. */
export function asCapacityRefusal(e: unknown, what: string): unknown {
  return isCapacityRefusal(e) ? new CapacityRefusal(what, (e as Error).message) : e;
}

/** How many jobs' names a message lists at most. */
const LISTED = 5;

/**
 * Who holds the account's slots for customization jobs: the names of the
 * jobs in progress (ListModelCustomizationJobs, statusEquals InProgress),
 * for a message that says why a job got no slot. A failure to list is
 * said, never thrown: the message matters more.
 */
export async function jobsHoldingSlots(): Promise<string> {
  try {
    const output = await callBedrock('ListModelCustomizationJobs', 'InProgress',
      (client) => client.send(new ListModelCustomizationJobsCommand({ statusEquals: 'InProgress', maxResults: LISTED + 1 })));
    const names = (output.modelCustomizationJobSummaries ?? []).map((job) => job.jobName);
    if (names.length === 0) return 'no job of the account is in progress now';
    const more = names.length > LISTED || output.nextToken ? ' and more' : '';
    return `the account's jobs in progress are ${names.slice(0, LISTED).join(', ')}${more}`;
  } catch (e) {
    log.warn('The jobs holding the slots could not be listed', { error: e });
    return 'the jobs in progress could not be listed (bedrock:ListModelCustomizationJobs)';
  }
}
