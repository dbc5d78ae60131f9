/*
 * CreateCustomModel, idempotent across retried invocations: the
 * clientRequestToken derives from the request, so Bedrock returns the model a
 * retry already created. GetCustomModel shows no token, so a name conflict is
 * never adopted: it fails with a message that says whose name it is.
 */
import { CreateCustomModelCommand, CreateCustomModelCommandInput } from '@aws-sdk/client-bedrock';
import type { ImportProperties } from './properties';
import { callBedrock } from '../shared/call';
import { describeError, isConflict } from '../shared/errors';
import { clientRequestToken, generatedName, nameSeed, RequestIdentity } from '../shared/names';
import { retryingRolePropagation } from '../shared/propagation-retry';

/** The model name of a resource: the property, or generated from the stack, the logical id and the seed. */
export interface ImportName {
  readonly modelName: string;
  readonly generated: boolean;
}

export function resolveImportName(props: ImportProperties, stackId: string, logicalResourceId: string, seed: string): ImportName {
  return props.modelName !== undefined
    ? { modelName: props.modelName, generated: false }
    : { modelName: generatedName(stackId, logicalResourceId, seed), generated: true };
}

/** Everything a Create decides before calling Bedrock. Pure. */
export function planImport(id: RequestIdentity, props: ImportProperties) {
  const seed = nameSeed(id);
  const name = resolveImportName(props, id.stackId, id.logicalResourceId, seed);
  const request: CreateCustomModelCommandInput = {
    modelName: name.modelName,
    clientRequestToken: clientRequestToken(id),
    modelSourceConfig: { s3DataSource: { s3Uri: props.modelSourceS3Uri } },
    roleArn: props.roleArn,
    ...(props.modelKmsKeyArn !== undefined ? { modelKmsKeyArn: props.modelKmsKeyArn } : {}),
    ...(props.modelTags?.length ? { modelTags: props.modelTags.map(({ key, value }) => ({ key, value })) } : {}),
  };
  return { seed, name, request };
}

/** Starts the import (or finds the one this request already started) and returns the model's ARN. */
export async function createModel(request: CreateCustomModelCommandInput, name: ImportName): Promise<string> {
  let modelArn: string | undefined;
  try {
    ({ modelArn } = await retryingRolePropagation(request.roleArn, () => callBedrock('CreateCustomModel', name.modelName,
      client => client.send(new CreateCustomModelCommand(request)))));
  } catch (e) {
    if (!isConflict(e)) throw new Error(describeError(e, `Creating custom model '${name.modelName}'`));
    throw new Error(name.generated
      ? `A custom model named '${name.modelName}' already exists, and the handler generated that modelName. Deploy again to generate a new one.`
      : `A custom model named '${name.modelName}' already exists (modelName is set in your stack). Choose another modelName, or remove it to let the handler generate one.`);
  }
  if (!modelArn) throw new Error(`Creating custom model '${name.modelName}' failed: Bedrock returned no modelArn`);
  return modelArn;
}
