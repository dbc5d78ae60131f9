/*
 * onEvent of the Provider framework for `Custom::BedrockModelCustomizationJobResult`,
 * the resource after the wait condition of a job waited for longer than a
 * custom resource can wait (shared/wait-result.ts): it reports the completed
 * job's output model and metrics, and gives the model the custom model tags
 * wanted since the job was created.
 */
import type { JobResultResourceAttributes, JobResultResourceProperties } from '../../src/contract/kinds/job-result';
import { completedAttributes } from '../model-customization-job/completed-job';
import { JobDetails, WAITED_JOBS } from '../model-customization-job/job-status';
import { modelTagsPending, syncModelTags } from '../model-customization-job/model-tags';
import { JOB } from '../model-customization-job/properties';
import type { EventResult } from '../shared/lifecycle';
import { log } from '../shared/log';
import { optional, tagList } from '../shared/properties';
import { waitResultFields, waitResultOnEvent } from '../shared/wait-result';

export type JobResultEventResult = EventResult<JobResultResourceAttributes>;

export const onEvent = waitResultOnEvent(WAITED_JOBS, {
  fields: { ...waitResultFields, customModelTags: optional(tagList) },
  report: async (props: JobResultResourceProperties, { details }) => {
    await applyPendingModelTags(props, details);
    return completedAttributes(details);
  },
});

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
