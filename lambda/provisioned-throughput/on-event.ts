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
import { THROUGHPUT, ThroughputProperties } from './properties';
import { assertReplaceableDuringTerm, modelSwapRefusal } from './replacement';
import {
  createThroughput, deleteThroughput, planThroughput, readThroughput, ThroughputDetails, throughputName, updateThroughput,
} from './throughput';
import type { ProvisionedThroughputResourceAttributes } from '../../src/contract/kinds/throughput';
import { deadlineOf, EventResult, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { DeleteOutcome, Deletion, InPlaceUpdate, replaceableOnEvent, Replacement } from '../shared/replaceable-resource';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type ThroughputEventResult = EventResult<ProvisionedThroughputResourceAttributes>;

export const onEvent = replaceableOnEvent<ThroughputProperties, ProvisionedThroughputResourceAttributes, ThroughputDetails | undefined>(THROUGHPUT, {
  tags: 'tags',
  create: createNew,
  name: (props, source) => throughputName(props, source).name,
  replaceInstead: unswappableModel,
  updateInPlace,
  // A running commitment forbids a replacement (replacement.ts): the throughput is read, unless the model check has read it.
  guardReplacement: async ({ current, props, replacement: { found, why } }) => {
    if (current) assertReplaceableDuringTerm(current.arn, found ?? await readThroughput(current.arn), props, why);
  },
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

/** A new model that Bedrock cannot swap in on this throughput: a new throughput serves it (replacement.ts). */
async function unswappableModel(
  { before, props, current }: InPlaceUpdate<ThroughputProperties>,
): Promise<Replacement<ThroughputProperties, ThroughputDetails | undefined> | undefined> {
  if (!THROUGHPUT.updated(before, props).includes('modelId')) return undefined;
  const throughput = await readThroughput(current.arn);
  const refusal = await modelSwapRefusal(throughput, props.modelId);
  if (!refusal) return undefined;
  log.info('Bedrock cannot swap the model in place: replacing the throughput', { provisionedModelArn: current.arn, refusal });
  return { changed: ['modelId'], why: `changing modelId requires a new throughput, as ${refusal}`, found: throughput };
}

/** The name and model changed on the throughput itself (its ARN stays): isComplete waits until Bedrock has. */
async function updateInPlace({ request, props, before, current }: InPlaceUpdate<ThroughputProperties>): Promise<ThroughputEventResult> {
  // A generated name comes from the Create's seed, so it stays until the user sets one.
  const name = throughputName(props, { ...request.identity, seed: current.seed }).name;
  const updated = THROUGHPUT.updated(before, props);
  if (!updated.length) return result(current, name);
  // A rollback sends the old name and model back: one more update, to them.
  await updateThroughput(current.arn, {
    ...(updated.includes('provisionedModelName') ? { name } : {}),
    ...(updated.includes('modelId') ? { modelId: props.modelId } : {}),
  });
  return { ...result(current, name), Deadline: deadlineOf(request, props.completionTimeoutSeconds) };
}

async function deleteExisting({ event, current }: Deletion): Promise<DeleteOutcome> {
  const outcome = await deleteThroughput(current.arn, { logicalResourceId: event.LogicalResourceId, retainable: !current.pending });
  // Deleted at once (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html): nothing to wait for.
  if (outcome === 'deleted') log.info('Throughput deleted', { provisionedModelArn: current.arn });
  return outcome === 'gone' ? 'gone' : 'done';
}

function result(id: PhysicalId, name: string): ThroughputEventResult {
  return {
    PhysicalResourceId: THROUGHPUT.physicalId.format(id),
    Data: { ProvisionedModelArn: id.arn, ProvisionedModelName: name },
  };
}
