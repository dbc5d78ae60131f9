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
import type { CustomModelImportResourceAttributes } from '../../src/private/contract/import';
import { deleteCustomModel, readCustomModel } from '../shared/custom-model';
import { DELETE_WAIT_SECONDS, deadlineOf, EventResult, onEventHandler, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type ImportEventResult = EventResult<CustomModelImportResourceAttributes>;

export const onEvent = onEventHandler<ImportEventResult>({
  create: (event, request) => createImport(request, IMPORT.decode(event.ResourceProperties)),
  update: updateImport,
  delete: deleteImport,
});

async function createImport(request: RequestContext, props: ImportProperties): Promise<ImportEventResult> {
  const { seed, name, request: create } = planImport(request.identity, props);
  const modelArn = await createModel(create, name);
  // The model exists from here on: nothing below may throw.
  log.info('Import started', { modelArn, modelName: name.name });
  return result(request, { arn: modelArn, seed, digest: IMPORT.digest(props), pending: true }, name.name, props);
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
      log.info('Updating tags in place', { modelArn: current.arn, changes });
      await applyTagChanges(current.arn, changes, 'custom model');
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
  const removalPolicy = IMPORT.deletePolicyOf(current, event.ResourceProperties);
  const model = await readCustomModel(current.arn);
  if (!model) {
    log.info('The model no longer exists', { modelArn: current.arn });
    return done;
  }
  if (removalPolicy === 'retain' && model.modelStatus !== 'Failed') {
    log.info('Keeping the model (removal policy retain)', { modelArn: current.arn, status: model.modelStatus });
    return done;
  }
  if (model.modelStatus === 'Creating') {
    log.info('The model is still Creating: deleting it once it is not', { modelArn: current.arn });
    return { ...done, Deadline: deadlineOf(request, DELETE_WAIT_SECONDS) };
  }
  log.info('Deleting the model', { modelArn: current.arn, status: model.modelStatus, removalPolicy });
  await deleteCustomModel(current.arn);
  return done;
}

function result(request: RequestContext, id: PhysicalId, modelName: string, props: ImportProperties): ImportEventResult {
  return {
    PhysicalResourceId: IMPORT.physicalId.format(id),
    Data: { ModelArn: id.arn, ModelName: modelName },
    Deadline: deadlineOf(request, props.completionTimeoutSeconds),
  };
}
