/*
 * onEvent of the Provider framework for `Custom::BedrockModelCustomizationJob`.
 *
 * Create starts a job; Update either changes library-only settings in place
 * (no Bedrock call) or replaces the job; Delete stops a running job and, per
 * the removal policy, deletes its output model. Throwing fails the resource,
 * so once a job exists these functions return its id instead of throwing.
 */
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { resolveJobNames, ResolvedJobNames } from './names';
import { formatPhysicalId, parsePhysicalId } from './physical-id';
import { checkBaseModel } from './preflight';
import { changedBedrockProperties, decodeJobProperties, decodeRemovalPolicy, JobProperties } from './properties';
import { planCreate } from './request';
import { startJob } from './start-job';
import { deleteCustomModel, readJob, stopJob } from './teardown';
import type { ModelCustomizationJobResourceAttributes } from '../../src/private/contract';
import { log } from '../shared/log';
import { RequestIdentity } from '../shared/names';

/** What onEvent returns to the Provider framework. */
export interface JobEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: ModelCustomizationJobResourceAttributes;
}

/** The parts of an event that identify one request. */
type EventIdentity = Pick<CloudFormationCustomResourceCreateEvent, 'StackId' | 'LogicalResourceId' | 'RequestId'>;

export async function onEvent(event: CloudFormationCustomResourceEvent): Promise<JobEventResult> {
  log.info('Request', {
    requestType: event.RequestType,
    resourceType: event.ResourceType,
    logicalResourceId: event.LogicalResourceId,
    requestId: event.RequestId,
    physicalResourceId: event.RequestType === 'Create' ? undefined : event.PhysicalResourceId,
  });
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
  return result(jobArn, seed, names);
}

// ---- Update -----------------------------------------------------------------

export async function updateJob(event: CloudFormationCustomResourceUpdateEvent): Promise<JobEventResult> {
  const props = decodeJobProperties(event.ResourceProperties);
  // Strict on purpose: guessing "changed" from unreadable old properties would start a costly new job.
  const before = decodeJobProperties(event.OldResourceProperties);
  const current = parsePhysicalId(event.PhysicalResourceId);
  const changed = changedBedrockProperties(before, props);

  if (current && changed.length === 0) {
    log.info('Library-only update: no Bedrock call', { jobArn: current.jobArn });
    return result(current.jobArn, current.seed, resolveJobNames(props, event.StackId, event.LogicalResourceId, current.seed));
  }
  if (!current) log.warn('The physical id names no job: creating one', { physicalResourceId: event.PhysicalResourceId });

  // The current job's name, for the message: the seed recomputes a generated one.
  const currentName = current ? resolveJobNames(before, event.StackId, event.LogicalResourceId, current.seed).jobName : before.jobName;
  assertReplaceable(currentName ?? event.LogicalResourceId, before, props, changed);
  log.info('Replacing the job', { changed });
  return createJob(event, props);
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

// ---- Delete -----------------------------------------------------------------

export async function deleteJob(event: CloudFormationCustomResourceDeleteEvent): Promise<JobEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = parsePhysicalId(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no job: nothing to delete');
    return done;
  }
  const removalPolicy = removalPolicyOf(event.ResourceProperties);

  let job = await readJob(current.jobArn);
  if (job?.status === 'InProgress') job = await stopJob(current.jobArn);
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

function result(jobArn: string, seed: string, names: ResolvedJobNames): JobEventResult {
  return {
    PhysicalResourceId: formatPhysicalId(jobArn, seed),
    Data: { JobArn: jobArn, JobName: names.jobName, CustomModelName: names.customModelName },
  };
}
