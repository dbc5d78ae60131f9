/*
 * onEvent of the Provider framework for `Custom::BedrockProvisionedThroughput`.
 *
 * Create buys the throughput (CreateProvisionedModelThroughput); Update keeps
 * it, whose ARN applications invoke (tags change in place, a new name or a
 * model Bedrock swaps in place through UpdateProvisionedModelThroughput,
 * library-only settings with no Bedrock call), or, for new model units, a new
 * commitment or a model Bedrock cannot swap, creates a new one, unless the
 * current one's commitment term runs (replacement.ts); Delete deletes it when
 * the removal policy says so, and always one that a create which never
 * completed made. Once the throughput exists, onEvent
 * returns its id instead of throwing. Waiting (until InService, until an
 * update is done) is isComplete's (is-complete.ts).
 */
import type { CloudFormationCustomResourceDeleteEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { THROUGHPUT, ThroughputProperties } from './properties';
import { assertReplaceableDuringTerm, modelSwapRefusal } from './replacement';
import {
  createThroughput, deleteThroughput, planThroughput, readThroughput, ThroughputDetails, throughputName, updateThroughput,
} from './throughput';
import type { ProvisionedThroughputResourceAttributes } from '../../src/contract/kinds/throughput';
import { deadlineOf, EventResult, onEventHandler, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type ThroughputEventResult = EventResult<ProvisionedThroughputResourceAttributes>;

export const onEvent = onEventHandler<ThroughputEventResult>({
  create: (event, request) => createNew(request, THROUGHPUT.decode(event.ResourceProperties)),
  update: updateExisting,
  delete: deleteExisting,
});

async function createNew(request: RequestContext, props: ThroughputProperties): Promise<ThroughputEventResult> {
  const { seed, name, request: create } = planThroughput(request.identity, props);
  const arn = await createThroughput(create, name);
  // The throughput exists from here on: nothing below may throw.
  log.info('Throughput started', {
    provisionedModelArn: arn,
    provisionedModelName: name.name,
    modelId: props.modelId,
    modelUnits: props.modelUnits,
    commitmentDuration: props.commitmentDuration,
  });
  const id: PhysicalId = { arn, seed, digest: THROUGHPUT.digest(props), pending: true };
  return { ...result(id, name.name), Deadline: deadlineOf(request, props.completionTimeoutSeconds) };
}

/** An Update, decoded once: the request, the properties after and before, and the current throughput's id. */
interface ThroughputUpdate<Id extends PhysicalId | undefined = PhysicalId | undefined> {
  readonly request: RequestContext;
  readonly props: ThroughputProperties;
  readonly before: ThroughputProperties;
  readonly current: Id;
}

async function updateExisting(event: CloudFormationCustomResourceUpdateEvent, request: RequestContext): Promise<ThroughputEventResult> {
  const props = THROUGHPUT.decode(event.ResourceProperties);
  const before = THROUGHPUT.decode(event.OldResourceProperties);
  const current = THROUGHPUT.physicalId.parse(event.PhysicalResourceId);

  // Created with these model units and commitment (also when an update rollback sends the old properties back).
  if (current && THROUGHPUT.matches(current, props)) {
    const update = { request, props, before, current };
    const updated = THROUGHPUT.updated(before, props);
    if (!updated.includes('modelId')) return updateInPlace(update, updated);
    const throughput = await readThroughput(current.arn);
    const refusal = await modelSwapRefusal(throughput, props.modelId);
    if (!refusal) return updateInPlace(update, updated);
    log.info('Bedrock cannot swap the model in place: replacing the throughput', { provisionedModelArn: current.arn, refusal });
    return replace(update, ['modelId'], `changing modelId requires a new throughput, as ${refusal}`, throughput);
  }
  if (!current) log.warn('The physical id names no throughput: creating one', { physicalResourceId: event.PhysicalResourceId });
  const changed = THROUGHPUT.changed(before, props).filter((key) => THROUGHPUT.defining.includes(key));
  return replace({ request, props, before, current }, changed, `changing ${changed.join(', ')} requires a new throughput`);
}

/** Tags, name and model changed on the throughput itself: its ARN stays. */
async function updateInPlace(
  { request, props, before, current }: ThroughputUpdate<PhysicalId>, updated: ReadonlyArray<keyof ThroughputProperties>,
): Promise<ThroughputEventResult> {
  // A generated name comes from the Create's seed, so it stays until the user sets one.
  const name = throughputName(props, { ...request.identity, seed: current.seed }).name;
  const changes = tagChanges(before.tags, props.tags);
  if (!isUnchanged(changes)) {
    log.info('Updating tags in place', { provisionedModelArn: current.arn, changes });
    await applyTagChanges(current.arn, changes, THROUGHPUT.noun);
  }
  if (updated.length) {
    // A rollback sends the old name and model back: one more update, to them.
    await updateThroughput(current.arn, {
      ...(updated.includes('provisionedModelName') ? { name } : {}),
      ...(updated.includes('modelId') ? { modelId: props.modelId } : {}),
    });
    return { ...result(current, name), Deadline: deadlineOf(request, props.completionTimeoutSeconds) };
  }
  if (isUnchanged(changes)) log.info('Library-only update: no change in Bedrock', { provisionedModelArn: current.arn });
  return result(current, name);
}

/**
 * A new throughput for this Update, unless a fixed name or the current
 * throughput's commitment term forbids it: both fail before anything is bought.
 * `throughput` is the current one, when it was read already.
 */
async function replace(
  { request, props, before, current }: ThroughputUpdate, changed: ReadonlyArray<keyof ThroughputProperties>, why: string,
  throughput?: ThroughputDetails,
): Promise<ThroughputEventResult> {
  const currentName = current
    ? throughputName(before, { ...request.identity, seed: current.seed }).name
    : before.provisionedModelName ?? request.identity.logicalResourceId;
  THROUGHPUT.assertReplaceable(currentName, before, props, changed);
  if (current) assertReplaceableDuringTerm(current.arn, throughput ?? await readThroughput(current.arn), props, why);
  log.info('Replacing the throughput', { changed });
  return { ...(await createNew(request, props)), Replacement: true };
}

async function deleteExisting(event: CloudFormationCustomResourceDeleteEvent): Promise<ThroughputEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = THROUGHPUT.physicalId.parse(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no throughput: nothing to delete');
    return done;
  }
  if (THROUGHPUT.deletePolicyOf(current, event.ResourceProperties) === 'retain') {
    log.info('Keeping the throughput (removal policy retain)', { provisionedModelArn: current.arn });
    return done;
  }
  const outcome = await deleteThroughput(current.arn, { logicalResourceId: event.LogicalResourceId, retainable: !current.pending });
  // Deleted at once (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html): nothing to wait for.
  log.info(outcome === 'gone' ? 'The throughput no longer exists' : 'Throughput deleted', { provisionedModelArn: current.arn });
  return done;
}

function result(id: PhysicalId, name: string): ThroughputEventResult {
  return {
    PhysicalResourceId: THROUGHPUT.physicalId.format(id),
    Data: { ProvisionedModelArn: id.arn, ProvisionedModelName: name },
  };
}
