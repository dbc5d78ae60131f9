/*
 * onEvent of the Provider framework for `Custom::BedrockNovaModelImport`.
 *
 * Create starts an import (CreateCustomModel); Update keeps the model (tags
 * and library-only settings change in place) or imports a new one; Delete
 * deletes the model when the removal policy says so, and always a model that
 * Failed (it can never be used) or that a create which never completed made
 * (a rollback leaves nothing behind). A model still Creating cannot be
 * deleted yet: the Delete waits for it, in isComplete. Once the model
 * exists, onEvent returns its id instead of throwing. Waiting for Active is
 * isComplete's (is-complete.ts).
 */
import { NOVA_IMPORT_QUEUE, planImport } from './create-model';
import { IMPORT, ImportProperties } from './properties';
import type { NovaModelImportResourceAttributes } from '../../src/contract/kinds/nova-import';
import { deleteCustomModel, readCustomModel } from '../shared/custom-model';
import { deadlineOf, EventResult, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId, queuedArn, queuedName } from '../shared/physical-id';
import { startedArn, startOrQueue } from '../shared/queued-create';
import { DeleteOutcome, Deletion, replaceableOnEvent } from '../shared/replaceable-resource';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type ImportEventResult = EventResult<NovaModelImportResourceAttributes>;

export const onEvent = replaceableOnEvent<ImportProperties, NovaModelImportResourceAttributes>(IMPORT, {
  tags: 'modelTags',
  // Under retain too, a model that Failed (it can never be used) is deleted.
  deletesUnderRetain: true,
  create: createImport,
  name: (props, source) => IMPORT.name(props, 'modelName', source).name,
  // A model that waited for a slot is found by its name (GetCustomModel takes one) once it has started.
  arnOf: (id) => startedArn(id, IMPORT.noun, async (name) => (await readCustomModel(name))?.modelArn),
  updateInPlace: async ({ request, props, current }) =>
    result(request, current, IMPORT.name(props, 'modelName', { ...request.identity, seed: current.seed }).name, props),
  delete: deleteImport,
});

/** Starts an import, or queues its create when Bedrock has no free slot (one import at a time per account). */
async function createImport(request: RequestContext, props: ImportProperties): Promise<ImportEventResult> {
  const { seed, name, request: create } = planImport(request.identity, props);
  const modelArn = await startOrQueue(NOVA_IMPORT_QUEUE,
    { logicalId: request.identity.logicalResourceId, seed, name: name.name, request: create, context: name });
  // The model exists (or waits for a slot) from here on: nothing below may throw.
  log.info(modelArn ? 'Import started' : 'Import queued', { modelArn, modelName: name.name });
  return result(request, { arn: modelArn ?? queuedArn(name.name), seed, digest: IMPORT.digest(props), pending: true }, name.name, props);
}

/**
 * Deletes the model when the removal policy says so, and always one that
 * Failed (it can never be used). A model still Creating cannot be deleted
 * yet: the Delete waits for it, in isComplete.
 */
async function deleteImport({ current, removalPolicy }: Deletion): Promise<DeleteOutcome> {
  const model = await readCustomModel(bedrockIdentifier(current));
  if (!model) return 'gone';
  const modelArn = model.modelArn ?? current.arn;
  if (removalPolicy === 'retain' && model.modelStatus !== 'Failed') return 'kept';
  if (model.modelStatus === 'Creating') {
    log.info('The model is still Creating: deleting it once it is not', { modelArn });
    return 'waiting';
  }
  log.info('Deleting the model', { modelArn, status: model.modelStatus, removalPolicy });
  await deleteCustomModel(modelArn);
  return 'done';
}

function result(request: RequestContext, id: PhysicalId, modelName: string, props: ImportProperties): ImportEventResult {
  return {
    PhysicalResourceId: IMPORT.physicalId.format(id),
    // A queued import has no ARN yet: isComplete gives it once the import has started.
    Data: { ModelArn: queuedName(id) === undefined ? id.arn : '', ModelName: modelName },
    Deadline: deadlineOf(request, props.completionTimeoutSeconds),
  };
}
