/*
 * CreateCustomModel, idempotent across retried invocations: the
 * clientRequestToken derives from the request, so Bedrock returns the model a
 * retry already created. GetCustomModel shows no token, so a name conflict is
 * never adopted: it fails with a message that says whose name it is.
 */
import { CreateCustomModelCommand, CreateCustomModelCommandInput } from '@aws-sdk/client-bedrock';
import { IMPORT, ImportProperties } from './properties';
import { callBedrock } from '../shared/call';
import { describeError, isConflict } from '../shared/errors';
import { clientRequestToken, nameSeed, RequestIdentity } from '../shared/names';
import { retryingRolePropagation } from '../shared/propagation-retry';
import { nameTakenMessage, ResolvedName } from '../shared/resource-kind';

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
    ...(props.modelTags?.length ? { modelTags: props.modelTags.map(({ key, value }) => ({ key, value })) } : {}),
  };
  return { seed, name, request };
}

/** Starts the import (or finds the one this request already started) and returns the model's ARN. */
export async function createModel(request: CreateCustomModelCommandInput, name: ResolvedName): Promise<string> {
  let modelArn: string | undefined;
  try {
    ({ modelArn } = await retryingRolePropagation(request.roleArn, () => callBedrock('CreateCustomModel', name.name,
      client => client.send(new CreateCustomModelCommand(request)))));
  } catch (e) {
    if (!isConflict(e)) throw new Error(describeError(e, `Creating custom model '${name.name}'`));
    throw new Error(nameTakenMessage('custom model', name, 'modelName'));
  }
  if (!modelArn) throw new Error(`Creating custom model '${name.name}' failed: Bedrock returned no modelArn`);
  return modelArn;
}
