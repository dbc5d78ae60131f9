/*
 * A job and the stack's slot queue (shared/slot-queue.ts,
 * docs/design/waiting-for-a-slot.md): a create Bedrock refuses for capacity
 * is queued, with its request (token and names included), and the stack's
 * watcher sends that same create once a slot frees. A job a wait condition
 * waits for is registered either way, so that the watcher signals its end.
 */
import type { CreateModelCustomizationJobCommandInput } from '@aws-sdk/client-bedrock';
import type { PlannedCreate, ResolvedJobNames } from './request';
import { startJob } from './start-job';
import { log } from '../shared/log';
import { putItem, QueueItem, QueuedWait, queueKey, SLOT_QUEUE_ENV } from '../shared/slot-queue';

/** How long a job that is not waited for may wait for a slot: within the hour a custom resource gets. */
export const SLOT_WAIT_SECONDS = 55 * 60;

/** Whether the function has the stack's slot queue (the constructs give it; older stacks' functions may not). */
export function hasSlotQueue(): boolean {
  return process.env[SLOT_QUEUE_ENV.table] !== undefined;
}

/**
 * Starts the job; when Bedrock has no free slot, queues its create instead.
 * Returns the job's ARN, or undefined when it was queued.
 */
export async function startOrQueue(logicalId: string, planned: PlannedCreate, wait?: QueuedWait): Promise<string | undefined> {
  const item = { key: queueKey(logicalId, planned.seed), kind: 'job' as const, name: planned.names.jobName, request: asRecord(planned.request), context: asRecord(planned.names) };
  let jobArn: string;
  try {
    jobArn = await startJob(planned.request, planned.names);
  } catch (e) {
    if ((e as Error).name !== 'CapacityRefusal' || !hasSlotQueue()) throw e;
    log.info('Bedrock has no free slot: the job waits in the stack\'s queue', { jobName: planned.names.jobName, refusal: (e as Error).message });
    await putItem({ ...item, queuedAt: Date.now(), state: 'queued', ...(wait ? { wait } : {}) });
    return undefined;
  }
  // The stack's watcher signals the wait condition when the job ends.
  if (wait) await putItem({ ...item, queuedAt: Date.now(), state: 'started', arn: jobArn, wait });
  return jobArn;
}

/** The watcher's start of a queued job: the same create, with the same token and names. */
export function startQueuedJob(item: QueueItem): Promise<string> {
  return startJob(item.request as unknown as CreateModelCustomizationJobCommandInput, item.context as unknown as ResolvedJobNames);
}

function asRecord(value: object): Record<string, unknown> {
  return value as Record<string, unknown>;
}
