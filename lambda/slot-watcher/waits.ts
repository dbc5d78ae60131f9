/*
 * The wait conditions of the stack's jobs (of the watcher's kind, read by
 * its WaitedJobReader): signalled when the job ends
 * (SUCCESS on Completed, FAILURE with Bedrock's message, bounded, on Failed
 * or Stopped or a job gone), or FAILURE when a queued job got no slot by its
 * deadline, naming the jobs that hold the slots. Every signal's UniqueId is
 * the job's name, so that CloudFormation takes a second one as a
 * retransmission. A handle that answers 403 or 404 (its URL expired a day
 * after the handle's creation, or the handle was deleted) belongs to a
 * condition that is done or gone.
 */
import { signalHandle, WaitConditionSignal } from './signal';
import type { WaitedJob, WaitedJobReader } from '../shared/condition-wait';
import { log } from '../shared/log';
import { noSlotReason, SlotWait } from '../shared/queued-create';
import { markSignalled, QueueItem, transition } from '../shared/slot-queue';
import { goneReason } from '../shared/status-reasons';

/** An item whose job a wait condition waits for, started and not yet signalled. */
export function awaitsEnd(item: QueueItem): boolean {
  return item.wait !== undefined && !item.wait.signalled && item.state === 'started';
}

/** Reads the item's job and signals its condition if the job has ended. */
export async function signalIfEnded(item: QueueItem, jobs: WaitedJobReader): Promise<void> {
  const job = await jobs.read(item.arn ?? item.name);
  log.info('Job status', { jobName: item.name, status: job?.status ?? 'gone' });
  const signal = job ? signalFor(item, jobs.noun, job) : failure(item, goneReason(jobs.noun, item.arn ?? item.name));
  if (signal) await send(item, signal);
}

/** A queued job past its deadline: FAILURE, and it never starts (unless it was being started just now). */
export async function failOverdue(item: QueueItem, now: number, slot: SlotWait): Promise<void> {
  if (!item.wait || item.wait.signalled || item.state !== 'queued' || now < item.wait.deadline) return;
  const reason = await noSlotReason(slot, new Date(item.wait.deadline).toISOString());
  if (!(await transition(item.key, 'queued', 'failed', { failure: reason }))) return;
  await send(item, failure(item, reason));
}

/** A queued job whose start Bedrock refused for another reason than capacity. */
export async function failStart(item: QueueItem, reason: string): Promise<void> {
  if (item.wait && !item.wait.signalled) await send(item, failure(item, reason));
}

async function send(item: QueueItem, signal: WaitConditionSignal): Promise<void> {
  const outcome = await signalHandle(item.wait!.handleUrl, signal);
  if (outcome.taken) {
    log.info('Wait condition signalled', { jobName: item.name, status: signal.Status });
  } else {
    log.info('The wait condition is done or gone: its handle answered HTTP '
      + `${outcome.status} (its URL expires a day after the handle's creation, and a deleted handle has none)`, { jobName: item.name });
  }
  await markSignalled(item);
}

/** The signal for a job that has ended; undefined while it runs. */
function signalFor(item: QueueItem, noun: string, job: WaitedJob): WaitConditionSignal | undefined {
  if (job.completed) return { Status: 'SUCCESS', Reason: `The ${noun} completed`, UniqueId: item.name, Data: job.arn };
  // As the polled tier reports it: Bedrock's message first.
  return job.failure === undefined ? undefined : failure(item, job.failure);
}

function failure(item: QueueItem, reason: string): WaitConditionSignal {
  return { Status: 'FAILURE', Reason: reason, UniqueId: item.name, Data: '' };
}
