/*
 * The job watcher: one Lambda function per stack that EventBridge invokes for
 * each job waited for by a wait condition, on the job's state-change events
 * and every 10 minutes (the fallback rule: event delivery is best-effort,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge-how-it-works.html).
 * Its input is constant (the job, its handle, its fallback rule), so each
 * invocation reads the job once.
 *
 * On a terminal status it signals the handle once, SUCCESS on Completed and
 * FAILURE with Bedrock's failure message (bounded) on Failed or Stopped,
 * then disables the fallback rule. A disabled fallback rule means the handle
 * has its signal: later invocations end without reading the job. A failed
 * invocation is retried by EventBridge, and the schedule comes back anyway.
 */
import { disableFallback, fallbackEnabled } from './fallback-rule';
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
  if (!(await fallbackEnabled(fallbackRuleName))) {
    log.info('The wait condition has its signal already', { jobArn, fallbackRuleName });
    return;
  }
  const job = await readJob(jobArn);
  const signal = job ? signalFor(jobArn, job) : failure(jobArn, `Model customization job ${jobArn} no longer exists`);
  log.info('Job status', { jobArn, status: job ? describeJob(job) : 'gone' });
  if (!signal) return;
  await signalHandle(handleUrl, signal);
  log.info('Wait condition signalled', { jobArn, status: signal.Status });
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
