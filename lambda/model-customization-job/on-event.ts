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
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { JobState, readJob } from './job-status';
import { resolveJobNames, ResolvedJobNames } from './names';
import { formatPhysicalId, JobPhysicalId, parsePhysicalId } from './physical-id';
import { checkBaseModel } from './preflight';
import { changedBedrockProperties, configurationDigest, decodeJobProperties, decodeRemovalPolicy, JobProperties } from './properties';
import { planCreate } from './request';
import { startJob } from './start-job';
import { modelTagsDigest } from './tags';
import { stopJob, waitWhileStopping } from './teardown';
import type { ModelCustomizationJobResourceAttributes } from '../../src/private/contract';
import { deleteCustomModel } from '../shared/custom-model';
import { log } from '../shared/log';
import { RequestIdentity } from '../shared/names';
import { logRequest } from '../shared/request-log';
import { applyTagChanges, isUnchanged, tagChanges, TagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export interface JobEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: ModelCustomizationJobResourceAttributes;
  /**
   * When waiting for the job: the time (ISO 8601) after which isComplete
   * fails the resource. Computed here, at the start of the request, so that
   * it falls before the Provider's and CloudFormation's own timeouts.
   */
  readonly Deadline?: string;
  /** Set when an Update started a new job: should waiting fail, no Delete comes for it. */
  readonly Replacement?: boolean;
}

/** The parts of an event that identify one request. */
type EventIdentity = Pick<CloudFormationCustomResourceCreateEvent, 'StackId' | 'LogicalResourceId' | 'RequestId'>;

export async function onEvent(event: CloudFormationCustomResourceEvent): Promise<JobEventResult> {
  logRequest(event);
  switch (event.RequestType) {
    case 'Create': return createJob(event, decodeJobProperties(event.ResourceProperties));
    case 'Update': return updateJob(event);
    case 'Delete': return deleteJob(event);
  }
}

// ---- Create -----------------------------------------------------------------

/** Starts a job for `props`; the event's RequestId fixes the token, seed and generated names. */
export async function createJob(event: EventIdentity, props: JobProperties): Promise<JobEventResult> {
  const { seed, names, request } = planCreate(identityOf(event), props);
  // No job exists yet, so a refusal here fails the resource with nothing to clean up.
  await checkBaseModel(props, names.jobName);
  const jobArn = await startJob(request, names);
  // The job exists from here on: nothing below may throw.
  log.info('Job started', { jobArn, jobName: names.jobName, customModelName: names.customModelName });
  const modelTags = props.customModelTags?.length ? modelTagsDigest(props.customModelTags) : undefined;
  return result({ jobArn, seed, digest: configurationDigest(props), modelTagsDigest: modelTags }, names, props);
}

// ---- Update -----------------------------------------------------------------

export async function updateJob(event: CloudFormationCustomResourceUpdateEvent): Promise<JobEventResult> {
  const props = decodeJobProperties(event.ResourceProperties);
  // Strict on purpose: guessing "changed" from unreadable old properties would start a costly new job.
  const before = decodeJobProperties(event.OldResourceProperties);
  const current = parsePhysicalId(event.PhysicalResourceId);

  // The job was created from these very properties (also when an update rollback sends them back to it):
  // what else changed is library-only, or tags, which change in place.
  if (current && current.digest === configurationDigest(props)) {
    const names = resolveJobNames(props, event.StackId, event.LogicalResourceId, current.seed);
    await updateTags(current, names.jobName, before, props);
    return result(current, names, props);
  }
  if (!current) log.warn('The physical id names no job: creating one', { physicalResourceId: event.PhysicalResourceId });
  const changed = changedBedrockProperties(before, props);

  // The current job's name, for the message: the seed recomputes a generated one.
  const currentName = current ? resolveJobNames(before, event.StackId, event.LogicalResourceId, current.seed).jobName : before.jobName;
  assertReplaceable(currentName ?? event.LogicalResourceId, before, props, changed);
  log.info('Replacing the job', { changed });
  return { ...(await createJob(event, props)), Replacement: true };
}

/** CloudFormation creates the new job before deleting the old one, so a fixed name cannot be reused. */
function assertReplaceable(jobName: string, before: JobProperties, after: JobProperties, changed: readonly string[]): void {
  for (const key of ['jobName', 'customModelName'] as const) {
    const fixed = after[key];
    if (fixed !== undefined && fixed === before[key]) {
      throw new Error(`Cannot replace model customization job '${jobName}': changing ${changed.join(', ')} requires a new job, `
        + `and ${key} is fixed to '${fixed}'. Change ${key} too, or remove it to let the handler generate names.`);
    }
  }
}

/**
 * Tags change in place: the job's at once, the custom model's once the model
 * exists. While the job runs there is no model to tag, and Bedrock will tag
 * it with the tags the job was created with: any other model tags are
 * refused, before any change is made.
 */
async function updateTags(current: JobPhysicalId, jobName: string, before: JobProperties, after: JobProperties): Promise<void> {
  const jobChanges = tagChanges(before.jobTags, after.jobTags);
  const modelChanges = tagChanges(before.customModelTags, after.customModelTags);
  if (isUnchanged(jobChanges) && isUnchanged(modelChanges)) {
    log.info('Library-only update: no change in Bedrock', { jobArn: current.jobArn });
    return;
  }
  const modelArn = isUnchanged(modelChanges) ? undefined : await modelToTag(current, jobName, after, modelChanges);
  log.info('Updating tags in place', { jobArn: current.jobArn, modelArn, jobChanges, modelChanges });
  await applyTagChanges(current.jobArn, jobChanges, 'model customization job');
  if (modelArn) await applyTagChanges(modelArn, modelChanges, 'custom model');
}

/** The job's custom model, or undefined when there is none to tag (yet, or ever). */
async function modelToTag(current: JobPhysicalId, jobName: string, after: JobProperties, changes: TagChanges): Promise<string | undefined> {
  const job = await readJob(current.jobArn);
  if (job?.status === 'Completed' && job.outputModelArn) return job.outputModelArn;
  if (job?.status !== 'InProgress') {
    log.info('The job has no custom model and will have none: no model tags to change', { jobArn: current.jobArn, status: job?.status ?? 'gone' });
    return undefined;
  }
  const createdWith = current.modelTagsDigest ?? modelTagsDigest([]);
  if (modelTagsDigest(after.customModelTags) === createdWith) {
    // E.g. the rollback of a refused change: Bedrock applies these tags when the job completes.
    log.info('The custom model tags are those the job was created with: nothing to change', { jobArn: current.jobArn });
    return undefined;
  }
  const keys = [...changes.set.map(({ key }) => key), ...changes.removeKeys];
  throw new Error(`Cannot change the custom model tags (${keys.join(', ')}) of model customization job '${jobName}' while it is InProgress: `
    + 'the custom model does not exist until the job completes, and Bedrock then tags it with the tags the job was created with. '
    + 'Keep customModelTags and the Tags.of() tags of this job as they are until the job has completed, then deploy the change.');
}

// ---- Delete -----------------------------------------------------------------

export async function deleteJob(event: CloudFormationCustomResourceDeleteEvent): Promise<JobEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = parsePhysicalId(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no job: nothing to delete');
    return done;
  }
  const removalPolicy = removalPolicyOf(event.ResourceProperties);

  let job: JobState | undefined = await readJob(current.jobArn);
  if (job?.status === 'InProgress') job = await stopJob(current.jobArn);
  if (job?.status === 'Stopping') job = await waitWhileStopping(current.jobArn);
  if (!job) {
    log.info('The job no longer exists', { jobArn: current.jobArn });
    return done;
  }
  if (job.status === 'Completed' && removalPolicy === 'destroy' && job.outputModelArn) {
    await deleteCustomModel(job.outputModelArn);
  } else {
    log.info('Nothing more to delete', { jobArn: current.jobArn, status: job.status, removalPolicy });
  }
  return done;
}

// A Delete must not fail on a property; when in doubt, keep the (costly) model.
function removalPolicyOf(raw: unknown): JobProperties['removalPolicy'] {
  try {
    return decodeRemovalPolicy(raw);
  } catch (e) {
    log.warn('Unreadable removalPolicy: keeping the output model', { error: e });
    return 'retain';
  }
}

// ---- Helpers ----------------------------------------------------------------

function identityOf(event: EventIdentity): RequestIdentity {
  return { stackId: event.StackId, logicalResourceId: event.LogicalResourceId, requestId: event.RequestId };
}

function result(physicalId: JobPhysicalId, names: ResolvedJobNames, props: JobProperties): JobEventResult {
  const timeout = props.completionTimeoutSeconds;
  return {
    PhysicalResourceId: formatPhysicalId(physicalId),
    Data: { JobArn: physicalId.jobArn, JobName: names.jobName, CustomModelName: names.customModelName },
    ...(timeout !== undefined ? { Deadline: new Date(Date.now() + timeout * 1000).toISOString() } : {}),
  };
}
