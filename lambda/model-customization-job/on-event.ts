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
import { startOrQueueJob } from './slots';
import { stopJob, waitWhileStopping } from './teardown';
import type { BedrockRemovalPolicy } from '../../src/contract/common';
import type { ModelCustomizationJobResourceAttributes } from '../../src/contract/kinds/job';
import { deleteCustomModel } from '../shared/custom-model';
import { deadlineOf, EventResult, onEventHandler, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId, queuedArn, queuedName } from '../shared/physical-id';
import { cancelQueued, forgetQueued, SLOT_WAIT_SECONDS } from '../shared/queued-create';
import { QueuedWait, queueKey, registerWait } from '../shared/slot-queue';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type JobEventResult = EventResult<ModelCustomizationJobResourceAttributes>;

export const onEvent = onEventHandler<JobEventResult>({
  create: (event, request) => createJob(request, JOB.decode(event.ResourceProperties)),
  update: updateJob,
  delete: deleteJob,
});

// ---- Create -----------------------------------------------------------------

/**
 * Starts a job for `props`, or queues its create when Bedrock has no free
 * slot (slots.ts); the request's RequestId fixes the token, seed and
 * generated names.
 */
async function createJob(request: RequestContext, props: JobProperties): Promise<JobEventResult> {
  const planned = planCreate(request.identity, props);
  const { seed, names } = planned;
  // No job exists yet, so a refusal here fails the resource with nothing to clean up.
  await checkBaseModel(props, names.jobName);
  const jobArn = await startOrQueueJob(request.identity.logicalResourceId, planned, waitOf(request, props));
  // The job exists (or waits for a slot) from here on: nothing below may throw.
  log.info(jobArn ? 'Job started' : 'Job queued', { jobArn, jobName: names.jobName, customModelName: names.customModelName });
  const extra = props.customModelTags?.length ? modelTagsDigest(props.customModelTags) : undefined;
  return result(request, { arn: jobArn ?? queuedArn(names.jobName), seed, digest: JOB.digest(props), extra, pending: true }, names, props);
}

/** The wait a wait condition registers: its handle, and when the job must have ended, queueing included. */
function waitOf(request: RequestContext, props: JobProperties): QueuedWait | undefined {
  if (props.waitHandleUrl === undefined) return undefined;
  return { handleUrl: props.waitHandleUrl, deadline: request.startedAt + (props.waitSeconds ?? 0) * 1000 };
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
    const names = resolveJobNames(props, { ...request.identity, seed: current.seed });
    // A new wait condition (another timeout, or waiting where it did not): the watcher signals it when the job ends, or has.
    const wait = waitOf(request, props);
    if (wait && props.waitHandleUrl !== before.waitHandleUrl) {
      const key = queueKey(event.LogicalResourceId, current.seed);
      await registerWait({ key, kind: 'job', name: names.jobName, ...(queuedName(current) === undefined ? { arn: current.arn } : {}) }, wait);
    }
    return result(request, current, names, props);
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
 * src/model-customization-job/wait-generation.ts). A replacement that keeps the generation
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
  // A job that waited for a slot is found by its name (an Update comes once its deployment has seen it start).
  const job = await startedJob(current);
  if (!isUnchanged(jobChanges)) {
    log.info('Updating the job tags in place', { jobArn: job.arn, jobChanges });
    await applyTagChanges(job.arn, jobChanges, 'model customization job');
  }
  if (modelChanged) {
    await updateModelTags(job, after.customModelTags);
  } else if (modelPending) {
    try {
      await updateModelTags(job, after.customModelTags);
    } catch (e) {
      log.warn('The pending custom model tags could not be applied: trying again at the next event', { jobArn: job.arn, error: e });
    }
  }
}

/** The physical id with the job's ARN: a queued one's found by the job's name. */
async function startedJob(id: PhysicalId): Promise<PhysicalId> {
  const name = queuedName(id);
  if (name === undefined) return id;
  const job = await readJob(name);
  if (!job?.jobArn) throw new Error(`Model customization job '${name}' has not started: it still waits for a free Bedrock slot`);
  return { ...id, arn: job.jobArn };
}

// ---- Delete -----------------------------------------------------------------

async function deleteJob(event: CloudFormationCustomResourceDeleteEvent): Promise<JobEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = JOB.physicalId.parse(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no job: nothing to delete');
    return done;
  }
  // A job still queued is taken out of the queue, so that it never starts.
  if (await cancelQueued(event.LogicalResourceId, current)) return done;
  await teardown(current, JOB.deletePolicyOf(current, event.ResourceProperties));
  // Its item, if any: the job's wait, or the record of its start.
  await forgetQueued(event.LogicalResourceId, current);
  return done;
}

/** Stops the job if it runs and, per the removal policy, deletes its model; a queued job's is found by its name. */
async function teardown(current: PhysicalId, removalPolicy: BedrockRemovalPolicy): Promise<void> {
  let job: JobState | undefined = await readJob(bedrockIdentifier(current));
  const jobArn = job?.jobArn ?? current.arn;
  if (job?.status === 'InProgress') job = await stopJob(jobArn);
  if (job?.status === 'Stopping') job = await waitWhileStopping(jobArn);
  if (!job) {
    log.info('The job no longer exists', { job: bedrockIdentifier(current) });
    return;
  }
  if (job.status === 'Completed' && removalPolicy === 'destroy' && job.outputModelArn) {
    await deleteCustomModel(job.outputModelArn);
  } else {
    log.info('Nothing more to delete', { jobArn, status: job.status, removalPolicy });
  }
}

// ---- Helpers ----------------------------------------------------------------

/**
 * What onEvent returns: the id, the names, and a deadline when isComplete
 * waits: for the job's end (completionTimeout, a queued start included), or,
 * for a queued job nobody waits for, for its start. A job that a wait
 * condition waits for is complete at once, queued or not: its ARN then comes
 * from the job result after the condition (JobArn here is empty until it starts).
 */
function result(request: RequestContext, id: PhysicalId, names: ResolvedJobNames, props: JobProperties): JobEventResult {
  const queued = queuedName(id) !== undefined;
  const timeout = props.completionTimeoutSeconds ?? (queued && props.waitHandleUrl === undefined ? SLOT_WAIT_SECONDS : undefined);
  return {
    PhysicalResourceId: JOB.physicalId.format(id),
    Data: { JobArn: queued ? '' : id.arn, JobName: names.jobName, CustomModelName: names.customModelName },
    ...(timeout !== undefined ? { Deadline: deadlineOf(request, timeout) } : {}),
  };
}
