/*
 * isComplete of the Provider framework for `Custom::BedrockModelCustomizationJob`,
 * polled every 30 seconds after onEvent.
 *
 * Without waiting (no Deadline in the event), the resource is complete at
 * once. With waiting, it is complete when the job has Completed, and then
 * reports the output model and the job's metrics (and gives the model the
 * custom model tags still pending); it fails with Bedrock's failureMessage
 * when the job Failed or was Stopped, and with the job ARN and last status
 * when the deadline has passed. A failed Create is then deleted by
 * CloudFormation (the Delete stops the job); a failed replacing Update is
 * not, so its new job is stopped here.
 */
import { completedAttributes } from './completed-job';
import { JobDetails, WAITED_JOBS } from './job-status';
import { modelTagsPending, syncModelTags } from './model-tags';
import { JOB, JobProperties } from './properties';
import { JOB_QUEUE } from './slots';
import { stopJob } from './teardown';
import type { CompletedJobResourceAttributes, ModelCustomizationJobResourceAttributes } from '../../src/contract/kinds/job';
import { deadlinePassed, isCompleteHandler, NOT_YET, Progress, WaitEvent } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { decodeProperties, integer, optional, struct, tagList } from '../shared/properties';
import { afterStart } from '../shared/queued-create';
import { deadlineReason, present } from '../shared/status-reasons';

type JobAttributes = ModelCustomizationJobResourceAttributes & CompletedJobResourceAttributes;

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type JobWaitEvent = WaitEvent<JobAttributes>;

export const isComplete = isCompleteHandler<JobProperties, JobAttributes>(JOB, {
  untilReady: afterStart(JOB_QUEUE, 'JobArn', untilJobCompleted),
});

async function untilJobCompleted(event: JobWaitEvent, id: PhysicalId): Promise<Progress<JobAttributes>> {
  const jobArn = id.arn;
  // Nobody waits for the job's end (only a queued job's start is waited for): its start is all.
  if (decodeProperties(struct({ completionTimeoutSeconds: optional(integer) }), event.ResourceProperties).completionTimeoutSeconds === undefined) {
    return { done: true };
  }
  // Read as the watcher and the job result read it: one decision of what has ended, and how.
  const { completed, failure, status, details: job } = present(await WAITED_JOBS.read(jobArn), JOB.noun, jobArn);
  log.info('Job status', { logicalResourceId: event.LogicalResourceId, jobArn, status });
  if (completed) {
    await applyPendingModelTags(event, id, job);
    return { done: true, data: completedAttributes(job) };
  }
  if (failure) throw new Error(failure);
  if (!deadlinePassed(event)) return NOT_YET;

  if (event.Replacement) {
    // No Delete will come for the job this Update started: stop it now.
    await stopJob(jobArn);
  }
  throw new Error(`${deadlineReason(JOB.noun, jobArn, 'complete', event.Deadline, status)} The job is stopped.`);
}

/**
 * The custom model tags wanted since the job was created, now that the model
 * exists. A completed job never fails on them: they are tried again at the next event.
 */
async function applyPendingModelTags(event: JobWaitEvent, id: PhysicalId, job: JobDetails): Promise<void> {
  try {
    const wanted = decodeProperties(struct({ customModelTags: optional(tagList) }), event.ResourceProperties).customModelTags;
    if (job.outputModelArn && modelTagsPending(id, wanted)) await syncModelTags(job.outputModelArn, wanted ?? []);
  } catch (e) {
    log.warn('The pending custom model tags could not be applied: trying again at the next event', { jobArn: id.arn, error: e });
  }
}
