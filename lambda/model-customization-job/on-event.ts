/*
 * onEvent of the Provider framework for `Custom::BedrockModelCustomizationJob`.
 *
 * Create starts a job; Update either keeps the job (library-only settings
 * change in place, with no Bedrock call; tags change in place) or replaces
 * it; Delete stops a running job, waits (bounded) until it has stopped and,
 * per the removal policy, deletes its output model. Throwing fails the
 * resource, so once a Create has started a job it returns the job's id
 * instead of throwing. Waiting for the job to end is isComplete's
 * (is-complete.ts).
 */
import type { CloudFormationCustomResourceDeleteEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { JobState, readJob } from './job-status';
import { modelTagsDigest, modelTagsPending, updateModelTags } from './model-tags';
import { checkBaseModel } from './preflight';
import { JOB, JobProperties } from './properties';
import { planCreate, resolveJobNames, ResolvedJobNames } from './request';
import { startJob } from './start-job';
import { stopJob, waitWhileStopping } from './teardown';
import type { ModelCustomizationJobResourceAttributes } from '../../src/private/contract/job';
import { deleteCustomModel } from '../shared/custom-model';
import { deadlineOf, EventResult, onEventHandler, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type JobEventResult = EventResult<ModelCustomizationJobResourceAttributes>;

export const onEvent = onEventHandler<JobEventResult>({
  create: (event, request) => createJob(request, JOB.decode(event.ResourceProperties)),
  update: updateJob,
  delete: deleteJob,
});

// ---- Create -----------------------------------------------------------------

/** Starts a job for `props`; the request's RequestId fixes the token, seed and generated names. */
async function createJob(request: RequestContext, props: JobProperties): Promise<JobEventResult> {
  const { seed, names, request: create } = planCreate(request.identity, props);
  // No job exists yet, so a refusal here fails the resource with nothing to clean up.
  await checkBaseModel(props, names.jobName);
  const jobArn = await startJob(create, names);
  // The job exists from here on: nothing below may throw.
  log.info('Job started', { jobArn, jobName: names.jobName, customModelName: names.customModelName });
  const extra = props.customModelTags?.length ? modelTagsDigest(props.customModelTags) : undefined;
  return result(request, { arn: jobArn, seed, digest: JOB.digest(props), extra, pending: true }, names, props);
}

// ---- Update -----------------------------------------------------------------

async function updateJob(event: CloudFormationCustomResourceUpdateEvent, request: RequestContext): Promise<JobEventResult> {
  const props = JOB.decode(event.ResourceProperties);
  // Strict on purpose: guessing "changed" from unreadable old properties would start a costly new job.
  const before = JOB.decode(event.OldResourceProperties);
  const current = JOB.physicalId.parse(event.PhysicalResourceId);

  // The job was created from these very properties (also when an update rollback sends them back to it):
  // what else changed is library-only, or tags, which change in place.
  if (current && JOB.matches(current, props)) {
    await updateTags(current, before, props);
    return result(request, current, resolveJobNames(props, { ...request.identity, seed: current.seed }), props);
  }
  if (!current) log.warn('The physical id names no job: creating one', { physicalResourceId: event.PhysicalResourceId });
  const changed = JOB.changed(before, props);

  // The current job's name, for the message: the seed recomputes a generated one.
  const currentName = current ? resolveJobNames(before, { ...request.identity, seed: current.seed }).jobName : before.jobName;
  JOB.assertReplaceable(currentName ?? event.LogicalResourceId, before, props, changed);
  assertWaitable(currentName ?? event.LogicalResourceId, before, props, changed);
  log.info('Replacing the job', { changed });
  return { ...(await createJob(request, props)), Replacement: true };
}

/**
 * A wait condition waits once. When the template shows what replaces the job,
 * the job has a new wait generation, and with it a new condition (see
 * src/private/wait-generation.ts). A replacement that keeps the generation
 * comes from a value the template cannot show (a parameter's, an import's):
 * its condition has waited already and would not wait for the new job, so
 * the update is refused before any new job starts, with the step that works.
 */
function assertWaitable(current: string, before: JobProperties, after: JobProperties, changed: ReadonlyArray<keyof JobProperties>): void {
  if (changed.length === 0 || after.waitGeneration === undefined || after.waitGeneration !== before.waitGeneration) return;
  throw new Error(`Cannot replace model customization job '${current}': ${changed.join(', ')} changed at deployment, from a value the `
    + 'template does not show (a parameter, an import from another stack), so the job\'s wait condition, which has waited for this job, '
    + 'cannot wait for a new one. Deploy this change with another completionTimeout for the job: any other value gives it a new wait '
    + 'condition, which waits for the new job.');
}

/**
 * Tags change in place: the job's at once; the custom model's once the model
 * exists (see model-tags.ts). Model tags that are only pending from an
 * earlier update never fail this one.
 */
async function updateTags(current: PhysicalId, before: JobProperties, after: JobProperties): Promise<void> {
  const jobChanges = tagChanges(before.jobTags, after.jobTags);
  const modelChanged = !isUnchanged(tagChanges(before.customModelTags, after.customModelTags));
  const modelPending = modelTagsPending(current, after.customModelTags);
  if (isUnchanged(jobChanges) && !modelChanged && !modelPending) {
    log.info('Library-only update: no change in Bedrock', { jobArn: current.arn });
    return;
  }
  if (!isUnchanged(jobChanges)) {
    log.info('Updating the job tags in place', { jobArn: current.arn, jobChanges });
    await applyTagChanges(current.arn, jobChanges, 'model customization job');
  }
  if (modelChanged) {
    await updateModelTags(current, after.customModelTags);
  } else if (modelPending) {
    try {
      await updateModelTags(current, after.customModelTags);
    } catch (e) {
      log.warn('The pending custom model tags could not be applied: trying again at the next event', { jobArn: current.arn, error: e });
    }
  }
}

// ---- Delete -----------------------------------------------------------------

async function deleteJob(event: CloudFormationCustomResourceDeleteEvent): Promise<JobEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = JOB.physicalId.parse(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no job: nothing to delete');
    return done;
  }
  const removalPolicy = JOB.deletePolicyOf(current, event.ResourceProperties);

  let job: JobState | undefined = await readJob(current.arn);
  if (job?.status === 'InProgress') job = await stopJob(current.arn);
  if (job?.status === 'Stopping') job = await waitWhileStopping(current.arn);
  if (!job) {
    log.info('The job no longer exists', { jobArn: current.arn });
    return done;
  }
  if (job.status === 'Completed' && removalPolicy === 'destroy' && job.outputModelArn) {
    await deleteCustomModel(job.outputModelArn);
  } else {
    log.info('Nothing more to delete', { jobArn: current.arn, status: job.status, removalPolicy });
  }
  return done;
}

// ---- Helpers ----------------------------------------------------------------

function result(request: RequestContext, id: PhysicalId, names: ResolvedJobNames, props: JobProperties): JobEventResult {
  const timeout = props.completionTimeoutSeconds;
  return {
    PhysicalResourceId: JOB.physicalId.format(id),
    Data: { JobArn: id.arn, JobName: names.jobName, CustomModelName: names.customModelName },
    ...(timeout !== undefined ? { Deadline: deadlineOf(request, timeout) } : {}),
  };
}
