/*
 * CreateCustomModel, idempotent across retried invocations: the
 * clientRequestToken derives from the request, so Bedrock returns the model a
 * retry already created. GetCustomModel shows no token, so a name conflict is
 * never adopted: it fails with a message that says whose name it is.
 */
import { CreateCustomModelCommand, CreateCustomModelCommandInput, ListCustomModelsCommand } from '@aws-sdk/client-bedrock';
import { IMPORT, ImportProperties } from './properties';
import { callBedrock } from '../shared/call';
import { describeHolders, refuseIfQuotaExceeded } from '../shared/capacity';
import { deleteCustomModel } from '../shared/custom-model';
import { describeError, isConflict } from '../shared/errors';
import { clientRequestToken, nameSeed, RequestIdentity } from '../shared/names';
import { retryingRolePropagation } from '../shared/propagation-retry';
import type { QueueingKind, SlotWait } from '../shared/queued-create';
import { nameTakenMessage, ResolvedName } from '../shared/resource-kind';
import type { QueueItem } from '../shared/slot-queue';
import { named } from '../shared/status-reasons';
import { tagsField } from '../shared/tags';

/** Everything a Create decides before calling Bedrock. Pure. */
export function planImport(id: RequestIdentity, props: ImportProperties) {
  const seed = nameSeed(id);
  const name = IMPORT.name(props, 'modelName', { ...id, seed });
  const request: CreateCustomModelCommandInput = {
    modelName: name.name,
    clientRequestToken: clientRequestToken(id),
    modelSourceConfig: { s3DataSource: { s3Uri: props.modelSourceS3Uri } },
    roleArn: props.roleArn,
    ...(props.modelKmsKeyArn !== undefined ? { modelKmsKeyArn: props.modelKmsKeyArn } : {}),
    ...tagsField('modelTags', props.modelTags),
  };
  return { seed, name, request };
}

/**
 * Starts the import (or finds the one this request already started) and
 * returns the model's ARN. Throws a CapacityRefusal when Bedrock has no free
 * slot for it (one model import at a time per account).
 */
export async function createModel(request: CreateCustomModelCommandInput, name: ResolvedName): Promise<string> {
  let modelArn: string | undefined;
  try {
    ({ modelArn } = await retryingRolePropagation(request.roleArn, () => callBedrock('CreateCustomModel', name.name,
      client => client.send(new CreateCustomModelCommand(request)))));
  } catch (e) {
    refuseIfQuotaExceeded(e, `Creating custom model '${name.name}'`);
    if (!isConflict(e)) throw new Error(describeError(e, `Creating custom model '${name.name}'`));
    throw new Error(nameTakenMessage('custom model', name, 'modelName'));
  }
  if (!modelArn) throw new Error(`Creating custom model '${name.name}' failed: Bedrock returned no modelArn`);
  return modelArn;
}

/** What an import that got no slot is called, and who holds the slot: the account's models Creating. */
export function importSlot(modelName: string): SlotWait {
  return { what: named(IMPORT.noun, modelName), limit: 'one model import', holders: modelsCreating, undo: (arn) => deleteCustomModel(arn) };
}

/** Imports in the stack's queue: the watcher starts one with the same create, the same token. */
export const NOVA_IMPORT_QUEUE: QueueingKind = {
  kind: 'novaImport',
  start: (item: QueueItem) => createModel(item.request as unknown as CreateCustomModelCommandInput, item.context as unknown as ResolvedName),
  slot: importSlot,
};

/** The account's models being imported now (ListCustomModels, modelStatus Creating), for a message. */
function modelsCreating(): Promise<string> {
  return describeHolders('models being imported', 'bedrock:ListCustomModels', async (maxResults) => {
    const output = await callBedrock('ListCustomModels', 'Creating',
      (client) => client.send(new ListCustomModelsCommand({ modelStatus: 'Creating', isOwned: true, maxResults })));
    return { names: (output.modelSummaries ?? []).map((m) => m.modelName), more: output.nextToken !== undefined };
  });
}
