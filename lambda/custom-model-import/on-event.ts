/*
 * onEvent of the Provider framework for `Custom::BedrockCustomModelImport`.
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
import type { CloudFormationCustomResourceDeleteEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { createModel, planImport } from './create-model';
import { IMPORT, ImportProperties } from './properties';
import type { CustomModelImportResourceAttributes } from '../../src/contract/kinds/import';
import { deleteCustomModel, readCustomModel } from '../shared/custom-model';
import { DELETE_WAIT_SECONDS, deadlineOf, EventResult, onEventHandler, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId, queuedArn, queuedName } from '../shared/physical-id';
import { cancelQueued, forgetQueued, startOrQueue } from '../shared/queued-create';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type ImportEventResult = EventResult<CustomModelImportResourceAttributes>;

export const onEvent = onEventHandler<ImportEventResult>({
  create: (event, request) => createImport(request, IMPORT.decode(event.ResourceProperties)),
  update: updateImport,
  delete: deleteImport,
});

/** Starts an import, or queues its create when Bedrock has no free slot (one import at a time per account). */
async function createImport(request: RequestContext, props: ImportProperties): Promise<ImportEventResult> {
  const { seed, name, request: create } = planImport(request.identity, props);
  const modelArn = await startOrQueue(
    { kind: 'import', logicalId: request.identity.logicalResourceId, seed, name: name.name, request: create, context: name },
    () => createModel(create, name));
  // The model exists (or waits for a slot) from here on: nothing below may throw.
  log.info(modelArn ? 'Import started' : 'Import queued', { modelArn, modelName: name.name });
  return result(request, { arn: modelArn ?? queuedArn(name.name), seed, digest: IMPORT.digest(props), pending: true }, name.name, props);
}

async function updateImport(event: CloudFormationCustomResourceUpdateEvent, request: RequestContext): Promise<ImportEventResult> {
  const props = IMPORT.decode(event.ResourceProperties);
  const before = IMPORT.decode(event.OldResourceProperties);
  const current = IMPORT.physicalId.parse(event.PhysicalResourceId);

  if (current && IMPORT.matches(current, props)) {
    const changes = tagChanges(before.modelTags, props.modelTags);
    if (isUnchanged(changes)) {
      log.info('Library-only update: no change in Bedrock', { modelArn: current.arn });
    } else {
      // A model that waited for a slot is found by its name (GetCustomModel takes one); any other has its ARN.
      const modelArn = queuedName(current) === undefined ? current.arn : (await readCustomModel(bedrockIdentifier(current)))?.modelArn ?? current.arn;
      log.info('Updating tags in place', { modelArn, changes });
      await applyTagChanges(modelArn, changes, 'custom model');
    }
    return result(request, current, IMPORT.name(props, 'modelName', { ...request.identity, seed: current.seed }).name, props);
  }
  if (!current) log.warn('The physical id names no model: importing one', { physicalResourceId: event.PhysicalResourceId });
  const changed = IMPORT.changed(before, props);
  IMPORT.assertReplaceable(props.modelName ?? event.LogicalResourceId, before, props, changed);
  log.info('Replacing the model', { changed });
  return { ...(await createImport(request, props)), Replacement: true };
}

async function deleteImport(event: CloudFormationCustomResourceDeleteEvent, request: RequestContext): Promise<ImportEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = IMPORT.physicalId.parse(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no model: nothing to delete');
    return done;
  }
  // An import still queued is taken out of the queue, so that it never starts.
  if (await cancelQueued(event.LogicalResourceId, current)) return done;
  await forgetQueued(event.LogicalResourceId, current);
  const removalPolicy = IMPORT.deletePolicyOf(current, event.ResourceProperties);
  const model = await readCustomModel(bedrockIdentifier(current));
  if (!model) {
    log.info('The model no longer exists', { model: bedrockIdentifier(current) });
    return done;
  }
  const modelArn = model.modelArn ?? current.arn;
  if (removalPolicy === 'retain' && model.modelStatus !== 'Failed') {
    log.info('Keeping the model (removal policy retain)', { modelArn, status: model.modelStatus });
    return done;
  }
  if (model.modelStatus === 'Creating') {
    log.info('The model is still Creating: deleting it once it is not', { modelArn });
    return { ...done, Deadline: deadlineOf(request, DELETE_WAIT_SECONDS) };
  }
  log.info('Deleting the model', { modelArn, status: model.modelStatus, removalPolicy });
  await deleteCustomModel(modelArn);
  return done;
}

function result(request: RequestContext, id: PhysicalId, modelName: string, props: ImportProperties): ImportEventResult {
  return {
    PhysicalResourceId: IMPORT.physicalId.format(id),
    // A queued import has no ARN yet: isComplete gives it once the import has started.
    Data: { ModelArn: queuedName(id) === undefined ? id.arn : '', ModelName: modelName },
    Deadline: deadlineOf(request, props.completionTimeoutSeconds),
  };
}
