/*
 * A job and the stack's slot queue (shared/queued-create.ts,
 * docs/design/waiting-for-a-slot.md): its create, started or queued; what
 * isComplete says of a job that got no slot; and the start the stack's
 * watcher makes later, with the same request.
 */
import { CreateModelCustomizationJobCommandInput, ListModelCustomizationJobsCommand } from '@aws-sdk/client-bedrock';
import { WAITED_JOBS } from './job-status';
import { JOB } from './properties';
import type { PlannedCreate, ResolvedJobNames } from './request';
import { startJob } from './start-job';
import { stopJob } from './teardown';
import { JOB_STATE_CHANGE } from '../../src/contract/kinds/job';
import { callBedrock } from '../shared/call';
import { describeHolders } from '../shared/capacity';
import { QueueingKind, SlotWait, startOrQueue } from '../shared/queued-create';
import type { QueueItem, QueuedWait } from '../shared/slot-queue';
import { named } from '../shared/status-reasons';

/** Starts the job, or queues its create when Bedrock has no free slot: its ARN, or undefined when queued. */
export function startOrQueueJob(logicalId: string, planned: PlannedCreate, wait?: QueuedWait): Promise<string | undefined> {
  return startOrQueue(JOB_QUEUE,
    { logicalId, seed: planned.seed, name: planned.names.jobName, request: planned.request, context: planned.names, wait });
}

/** What a job that got no slot is called, and who holds the slots. */
export function jobSlot(jobName: string): SlotWait {
  return { what: named(JOB.noun, jobName), limit: 'two customization jobs', holders: jobsHoldingSlots, undo: stopJob };
}

/** Jobs in the stack's queue: the watcher starts one with the same create, the same token and names. */
export const JOB_QUEUE: QueueingKind = {
  kind: 'job',
  events: JOB_STATE_CHANGE,
  start: (item: QueueItem) => startJob(
    item.request as unknown as CreateModelCustomizationJobCommandInput, item.context as unknown as ResolvedJobNames),
  slot: jobSlot,
  waited: WAITED_JOBS,
};

/** The account's customization jobs in progress (ListModelCustomizationJobs, statusEquals InProgress). */
export function jobsHoldingSlots(): Promise<string> {
  return describeHolders('jobs in progress', 'bedrock:ListModelCustomizationJobs', async (maxResults) => {
    const output = await callBedrock('ListModelCustomizationJobs', 'InProgress',
      (client) => client.send(new ListModelCustomizationJobsCommand({ statusEquals: 'InProgress', maxResults })));
    return { names: (output.modelCustomizationJobSummaries ?? []).map((job) => job.jobName), more: output.nextToken !== undefined };
  });
}
