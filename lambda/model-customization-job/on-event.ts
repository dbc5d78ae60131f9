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
import { JobState, readJob } from './job-status';
import { modelTagsDigest, modelTagsPending, updateModelTags } from './model-tags';
import { checkBaseModel } from './preflight';
import { JOB, JobProperties } from './properties';
import { planCreate, resolveJobNames, ResolvedJobNames } from './request';
import { startOrQueueJob } from './slots';
import { stopJob, waitWhileStopping } from './teardown';
import type { ModelCustomizationJobResourceAttributes } from '../../src/contract/kinds/job';
import { registerNewWait, refuseUnwaitableReplacement, waitOf } from '../shared/condition-wait';
import { deleteCustomModel } from '../shared/custom-model';
import { deadlineOf, EventResult, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId, queuedArn, queuedName } from '../shared/physical-id';
import { SLOT_WAIT_SECONDS, startedArn } from '../shared/queued-create';
import { DeleteOutcome, Deletion, InPlaceUpdate, replaceableOnEvent } from '../shared/replaceable-resource';
import { isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type JobEventResult = EventResult<ModelCustomizationJobResourceAttributes>;

export const onEvent = replaceableOnEvent<JobProperties, ModelCustomizationJobResourceAttributes>(JOB, {
  create: createJob,
  name: (props, source) => resolveJobNames(props, source).jobName,
  tags: 'jobTags',
  // A queued job's ARN is found by its name once it has started.
  arnOf: (id) => startedArn(id, JOB.noun, async (name) => (await readJob(name))?.jobArn),
  // Model tags wanted since the job was created are applied once its model exists.
  pending: ({ current, props }) => modelTagsPending(current, props.customModelTags),
  updateInPlace,
  guardReplacement: refuseUnwaitableReplacement(JOB),
  // Under retain too, a running job is stopped: the removal policy is its model's.
  deletesUnderRetain: true,
  delete: teardown,
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

// ---- Update -----------------------------------------------------------------

/**
 * What else changes on the job it keeps, once its tags have: the custom
 * model's tags, and a new wait condition (another timeout, or waiting where
 * it did not), which the watcher signals when the job ends, or has.
 */
async function updateInPlace(update: InPlaceUpdate<JobProperties>): Promise<JobEventResult> {
  const { request, props, current } = update;
  await changeModelTags(update);
  const names = resolveJobNames(props, { ...request.identity, seed: current.seed });
  await registerNewWait(update, 'job', names.jobName);
  return result(request, current, names, props);
}

/**
 * The custom model's tags change once the model exists (see model-tags.ts).
 * Model tags that are only pending from an earlier update never fail this one.
 */
async function changeModelTags({ props: after, before, current, arn }: InPlaceUpdate<JobProperties>): Promise<void> {
  const changed = !isUnchanged(tagChanges(before.customModelTags, after.customModelTags));
  if (!changed && !modelTagsPending(current, after.customModelTags)) return;
  const job = { ...current, arn: await arn() };
  try {
    await updateModelTags(job, after.customModelTags);
  } catch (e) {
    if (changed) throw e;
    log.warn('The pending custom model tags could not be applied: trying again at the next event', { jobArn: job.arn, error: e });
  }
}


// ---- Delete -----------------------------------------------------------------

/**
 * Stops the job if it runs (whatever the removal policy: a job left running
 * is billed) and, per the removal policy, deletes its model; a queued job's
 * is found by its name.
 */
async function teardown({ current, removalPolicy }: Deletion): Promise<DeleteOutcome> {
  let job: JobState | undefined = await readJob(bedrockIdentifier(current));
  const jobArn = job?.jobArn ?? current.arn;
  if (job?.status === 'InProgress') job = await stopJob(jobArn);
  if (job?.status === 'Stopping') job = await waitWhileStopping(jobArn);
  if (!job) return 'gone';
  if (job.status === 'Completed' && removalPolicy === 'destroy' && job.outputModelArn) {
    await deleteCustomModel(job.outputModelArn);
  } else {
    log.info('Nothing more to delete', { jobArn, status: job.status, removalPolicy });
  }
  return 'done';
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
