/*
 * The job watcher: one Lambda function per stack that EventBridge invokes for
 * each job waited for by a wait condition, on the job's state-change events
 * and every 10 minutes (the fallback rule: event delivery is best-effort,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge-how-it-works.html).
 * Its input is constant (the job, its handle, its fallback rule), so each
 * invocation reads the job once.
 *
 * On a terminal status it signals the handle, SUCCESS on Completed and
 * FAILURE with Bedrock's failure message (bounded) on Failed or Stopped,
 * then disables the fallback rule. Each wait condition has rules of its own,
 * never updated in place (src/private/job-condition-wait.ts), so the input
 * always belongs to one condition, and the rule it names is that
 * condition's. Nothing is decided from the rule's state: an update, or its
 * rollback, enables a rule again, and a later invocation signals again (the
 * same UniqueId: a retransmission) and disables it again. A handle that
 * answers 403 or 404 (its URL expired a day after the handle's creation, or
 * the handle was deleted) belongs to a condition that is done or gone: the
 * rule is disabled all the same, so no invocation fails for ever. Other
 * failures are retried by Lambda, and the schedule comes back anyway.
 */
import { disableFallback } from './fallback-rule';
import { signalHandle, WaitConditionSignal } from './signal';
import type { JobWatchInput } from '../../src/private/contract/job-watcher';
import { describeJob, JobDetails, readJob } from '../model-customization-job/job-status';
import { boundedFailure } from '../shared/bounded-failure';
import { bedrockFailure } from '../shared/errors';
import { log } from '../shared/log';
import { decodeProperties, string, struct } from '../shared/properties';

const input = struct<JobWatchInput>({ jobArn: string, handleUrl: string, fallbackRuleName: string });

export const watch = boundedFailure(async (event: unknown): Promise<void> => {
  const { jobArn, handleUrl, fallbackRuleName } = decodeProperties(input, event);
  const job = await readJob(jobArn);
  const signal = job ? signalFor(jobArn, job) : failure(jobArn, `Model customization job ${jobArn} no longer exists`);
  log.info('Job status', { jobArn, status: job ? describeJob(job) : 'gone' });
  if (!signal) return;
  const outcome = await signalHandle(handleUrl, signal);
  if (outcome.taken) {
    log.info('Wait condition signalled', { jobArn, status: signal.Status });
  } else {
    log.info('The wait condition is done or gone: its handle answered HTTP '
      + `${outcome.status} (its URL expires a day after the handle's creation, and a deleted handle has none)`, { jobArn });
  }
  await disableFallback(fallbackRuleName);
});

/** The signal for a job that has ended; undefined while it runs. */
function signalFor(jobArn: string, job: JobDetails): WaitConditionSignal | undefined {
  switch (job.status) {
    case 'Completed':
      return { Status: 'SUCCESS', Reason: 'The model customization job completed', UniqueId: uniqueId(jobArn), Data: job.outputModelArn ?? '' };
    case 'Failed':
      // Bedrock's message starts the reason, as the polled tier reports it.
      return failure(jobArn, `${bedrockFailure(job.failureMessage, 'The job failed.')} (model customization job ${jobArn} Failed)`);
    case 'Stopped':
      return failure(jobArn, `Model customization job ${jobArn} was stopped before it completed${job.failureMessage ? `: ${bedrockFailure(job.failureMessage)}` : ''}`);
    default:
      return undefined;
  }
}

function failure(jobArn: string, reason: string): WaitConditionSignal {
  return { Status: 'FAILURE', Reason: reason, UniqueId: uniqueId(jobArn), Data: '' };
}

/** The job's id (the last part of its ARN): one signal per job, whoever sends it. */
function uniqueId(jobArn: string): string {
  return jobArn.slice(jobArn.lastIndexOf('/') + 1);
}
