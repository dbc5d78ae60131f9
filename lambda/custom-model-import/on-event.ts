/*
 * onEvent of the Provider framework for `Custom::BedrockCustomModelImport`.
 *
 * Create starts an import (CreateCustomModel); Update keeps the model (tags
 * and library-only settings change in place) or imports a new one; Delete
 * deletes the model when the removal policy says so, and a Failed model
 * always (it can never be used). Once the model exists, onEvent returns its
 * id instead of throwing. Waiting for Active is isComplete's (is-complete.ts).
 */
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { createModel, ImportName, planImport, resolveImportName } from './create-model';
import { formatImportPhysicalId, ImportPhysicalId, parseImportPhysicalId } from './physical-id';
import { changedModelProperties, decodeImportProperties, decodeImportRemovalPolicy, importDigest, ImportProperties } from './properties';
import type { CustomModelImportResourceAttributes } from '../../src/private/contract';
import { deleteCustomModel, readCustomModel } from '../shared/custom-model';
import { log } from '../shared/log';
import { logRequest } from '../shared/request-log';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export interface ImportEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: CustomModelImportResourceAttributes;
  /** The time (ISO 8601) after which isComplete fails the resource: computed at the start of the request. */
  readonly Deadline?: string;
  /** Set when an Update imported a new model: should waiting fail, no Delete comes for it. */
  readonly Replacement?: boolean;
}

type EventIdentity = Pick<CloudFormationCustomResourceCreateEvent, 'StackId' | 'LogicalResourceId' | 'RequestId'>;

export async function onEvent(event: CloudFormationCustomResourceEvent): Promise<ImportEventResult> {
  logRequest(event);
  switch (event.RequestType) {
    case 'Create': return createImport(event, decodeImportProperties(event.ResourceProperties));
    case 'Update': return updateImport(event);
    case 'Delete': return deleteImport(event);
  }
}

async function createImport(event: EventIdentity, props: ImportProperties): Promise<ImportEventResult> {
  const identity = { stackId: event.StackId, logicalResourceId: event.LogicalResourceId, requestId: event.RequestId };
  const { seed, name, request } = planImport(identity, props);
  const modelArn = await createModel(request, name);
  // The model exists from here on: nothing below may throw.
  log.info('Import started', { modelArn, modelName: name.modelName });
  return result({ modelArn, seed, digest: importDigest(props) }, name, props);
}

async function updateImport(event: CloudFormationCustomResourceUpdateEvent): Promise<ImportEventResult> {
  const props = decodeImportProperties(event.ResourceProperties);
  const before = decodeImportProperties(event.OldResourceProperties);
  const current = parseImportPhysicalId(event.PhysicalResourceId);

  if (current && current.digest === importDigest(props)) {
    const name = resolveImportName(props, event.StackId, event.LogicalResourceId, current.seed);
    const changes = tagChanges(before.modelTags, props.modelTags);
    if (isUnchanged(changes)) {
      log.info('Library-only update: no change in Bedrock', { modelArn: current.modelArn });
    } else {
      log.info('Updating tags in place', { modelArn: current.modelArn, changes });
      await applyTagChanges(current.modelArn, changes, 'custom model');
    }
    return result(current, name, props);
  }
  if (!current) log.warn('The physical id names no model: importing one', { physicalResourceId: event.PhysicalResourceId });
  const changed = changedModelProperties(before, props);
  // CloudFormation creates the new model before deleting the old one, so a fixed name cannot be reused.
  if (props.modelName !== undefined && props.modelName === before.modelName) {
    throw new Error(`Cannot replace custom model '${props.modelName}': changing ${changed.join(', ')} requires a new model, `
      + `and modelName is fixed to '${props.modelName}'. Change modelName too, or remove it to let the handler generate names.`);
  }
  log.info('Replacing the model', { changed });
  return { ...(await createImport(event, props)), Replacement: true };
}

async function deleteImport(event: CloudFormationCustomResourceDeleteEvent): Promise<ImportEventResult> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = parseImportPhysicalId(event.PhysicalResourceId);
  if (!current) {
    log.info('The physical id names no model: nothing to delete');
    return done;
  }
  if (removalPolicyOf(event.ResourceProperties) === 'destroy') {
    await deleteCustomModel(current.modelArn);
    return done;
  }
  const model = await readCustomModel(current.modelArn);
  if (model?.modelStatus === 'Failed') {
    log.info('Deleting the Failed model, which can never be used', { modelArn: current.modelArn });
    await deleteCustomModel(current.modelArn);
  } else {
    log.info('Keeping the model (removal policy retain)', { modelArn: current.modelArn, status: model?.modelStatus ?? 'gone' });
  }
  return done;
}

// A Delete must not fail on a property; when in doubt, keep the model.
function removalPolicyOf(raw: unknown): ImportProperties['removalPolicy'] {
  try {
    return decodeImportRemovalPolicy(raw);
  } catch (e) {
    log.warn('Unreadable removalPolicy: keeping the model', { error: e });
    return 'retain';
  }
}

function result(physicalId: ImportPhysicalId, name: ImportName, props: ImportProperties): ImportEventResult {
  return {
    PhysicalResourceId: formatImportPhysicalId(physicalId),
    Data: { ModelArn: physicalId.modelArn, ModelName: name.modelName },
    Deadline: new Date(Date.now() + props.completionTimeoutSeconds * 1000).toISOString(),
  };
}
