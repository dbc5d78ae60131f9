/*
 * onEvent of the Provider framework for `Custom::BedrockModelCustomizationJobResult`,
 * the resource after the wait condition of a job waited for longer than a
 * custom resource can wait (see slot-watcher/).
 *
 * Create and Update read the job, which the condition says has completed,
 * and report its output model and metrics; they give the model the custom
 * model tags wanted since the job was created. Delete has nothing to do: the
 * job resource stops the job and deletes the model per its removal policy.
 */
import type { CloudFormationCustomResourceCreateEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import type { JobResultResourceAttributes, JobResultResourceProperties } from '../../src/contract/kinds/job-result';
import { completedAttributes } from '../model-customization-job/completed-job';
import { describeJob, JobDetails, jobFailure, readJob } from '../model-customization-job/job-status';
import { modelTagsPending, syncModelTags } from '../model-customization-job/model-tags';
import { JOB } from '../model-customization-job/properties';
import { EventResult, onEventHandler } from '../shared/lifecycle';
import { log } from '../shared/log';
import { decodeProperties, Fields, optional, string, struct, tagList } from '../shared/properties';
import { goneReason } from '../shared/status-reasons';

export type JobResultEventResult = EventResult<JobResultResourceAttributes>;

const fields: Fields<JobResultResourceProperties> = {
  jobName: string,
  jobPhysicalId: string,
  customModelTags: optional(tagList),
};

export const onEvent = onEventHandler<JobResultEventResult>({
  create: readResult,
  update: readResult,
  delete: async (event) => ({ PhysicalResourceId: event.PhysicalResourceId }),
});

async function readResult(event: CloudFormationCustomResourceCreateEvent | CloudFormationCustomResourceUpdateEvent): Promise<JobResultEventResult> {
  const props = decodeProperties(struct(fields), event.ResourceProperties);
  // GetModelCustomizationJob takes the name: a job that waited for a slot had no ARN when its resource completed.
  const job = await readJob(props.jobName);
  if (!job?.jobArn) throw new Error(goneReason(JOB.noun, props.jobName));
  const jobArn = job.jobArn;
  if (job.status !== 'Completed') throw new Error(notCompleted(jobArn, job));
  await applyPendingModelTags(props, job);
  log.info('Job result', { jobArn, outputModelArn: job.outputModelArn });
  // The job ARN: a new job is a new result, and the old one's Delete is a no-op.
  return { PhysicalResourceId: jobArn, Data: { JobArn: jobArn, ...completedAttributes(job) } };
}

/** The custom model tags wanted since the job was created; a completed job never fails on them (the next event tries again). */
async function applyPendingModelTags(props: JobResultResourceProperties, job: JobDetails): Promise<void> {
  const id = JOB.physicalId.parse(props.jobPhysicalId);
  if (!id || !job.outputModelArn || !modelTagsPending(id, props.customModelTags)) return;
  try {
    await syncModelTags(job.outputModelArn, props.customModelTags ?? []);
  } catch (e) {
    log.warn('The pending custom model tags could not be applied: trying again at the next event', { jobName: props.jobName, error: e });
  }
}

/**
 * Why the job is not there to report: Bedrock's own message first for a
 * failed job. A job still running after its condition has a condition that
 * waited for an earlier job (a deployment of an older version of the
 * library, or a value the template does not show): a new condition waits
 * for it.
 */
function notCompleted(jobArn: string, job: JobDetails): string {
  return jobFailure(jobArn, job)
    ?? `Model customization job ${jobArn} is ${describeJob(job)}, not Completed, after its wait condition, which waited for an `
    + 'earlier job. Deploy again with another completionTimeout for the job: any other value gives it a new wait condition, which waits for this job.';
}
