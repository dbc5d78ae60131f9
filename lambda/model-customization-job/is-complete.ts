/*
 * isComplete of the Provider framework for `Custom::BedrockModelCustomizationJob`,
 * polled every 30 seconds after onEvent.
 *
 * Without waiting (no Deadline in the event), the resource is complete at
 * once. With waiting, it is complete when the job has Completed, and then
 * reports the output model and the job's metrics; it fails with Bedrock's
 * failureMessage when the job Failed or was Stopped, and with the job ARN and
 * last status when the deadline has passed. A failed Create is then deleted by
 * CloudFormation (the Delete stops the job); a failed replacing Update is not,
 * so its new job is stopped here.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { describeJob, JobDetails, readJob } from './job-status';
import { parsePhysicalId } from './physical-id';
import { stopJob } from './teardown';
import type { CompletedJobResourceAttributes, ValidationLossAttribute } from '../../src/private/contract';
import { log } from '../shared/log';

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type JobWaitEvent = CloudFormationCustomResourceEvent & {
  readonly PhysicalResourceId: string;
  readonly Deadline?: string;
  readonly Replacement?: boolean;
};

export interface JobCompleteResult {
  readonly IsComplete: boolean;
  readonly Data?: CompletedJobResourceAttributes;
}

export async function isComplete(event: JobWaitEvent): Promise<JobCompleteResult> {
  if (event.RequestType === 'Delete' || event.Deadline === undefined) return { IsComplete: true };
  const current = parsePhysicalId(event.PhysicalResourceId);
  if (!current) throw new Error(`The physical id '${event.PhysicalResourceId}' names no model customization job`);
  const { jobArn } = current;

  const job = await readJob(jobArn);
  if (!job) throw new Error(`Model customization job ${jobArn} no longer exists`);
  const status = describeJob(job);
  log.info('Job status', { logicalResourceId: event.LogicalResourceId, jobArn, status });
  switch (job.status) {
    case 'Completed':
      return { IsComplete: true, Data: completedAttributes(job) };
    case 'Failed':
      // Bedrock's message starts the status reason, unaltered.
      throw new Error(`${job.failureMessage ?? 'The job failed.'} (model customization job ${jobArn} Failed)`);
    case 'Stopped':
      throw new Error(`Model customization job ${jobArn} was stopped before it completed${job.failureMessage ? `: ${job.failureMessage}` : ''}`);
  }
  const deadline = Date.parse(event.Deadline);
  if (Date.now() < deadline) return { IsComplete: false };

  if (event.Replacement) {
    // No Delete will come for the job this Update started: stop it now.
    await stopJob(jobArn);
  }
  throw new Error(`Model customization job ${jobArn} did not complete within the completion timeout `
    + `(${event.Deadline}); it is ${status}. The job is stopped.`);
}

/**
 * The attributes of a completed job: its output model and metrics ('' when
 * not reported), one validation loss per validator the job was created with.
 */
function completedAttributes(job: JobDetails): CompletedJobResourceAttributes {
  const validators = job.validationDataConfig?.validators?.length ?? 0;
  const losses = job.validationMetrics ?? [];
  const validationLosses: Record<ValidationLossAttribute, string> = {};
  for (let i = 0; i < validators; i++) validationLosses[`ValidationLoss${i}`] = metric(losses[i]?.validationLoss);
  return {
    OutputModelArn: job.outputModelArn ?? '',
    TrainingLoss: metric(job.trainingMetrics?.trainingLoss),
    ...validationLosses,
  };
}

function metric(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}
