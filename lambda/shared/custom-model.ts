/*
 * Reading and deleting one custom model: GetCustomModel and DeleteCustomModel,
 * with a model that no longer exists as undefined or as already deleted.
 */
import { DeleteCustomModelCommand, GetCustomModelCommand, GetCustomModelCommandOutput } from '@aws-sdk/client-bedrock';
import { callBedrock } from './call';
import { describeError, isConflict, isNotFound } from './errors';
import { readOrUndefined } from './read';

export type CustomModelDetails = GetCustomModelCommandOutput;

/** The model as Bedrock describes it (by name or ARN), or undefined if it does not exist. */
export async function readCustomModel(modelIdentifier: string): Promise<CustomModelDetails | undefined> {
  return readOrUndefined('GetCustomModel', modelIdentifier, 'custom model', client => client.send(new GetCustomModelCommand({ modelIdentifier })));
}

/**
 * Deletes a custom model; one already deleted counts as deleted. Bedrock
 * refuses to delete a model that a provisioned throughput (or a deployment)
 * uses: the message says so.
 */
export async function deleteCustomModel(modelArn: string): Promise<void> {
  try {
    await callBedrock('DeleteCustomModel', modelArn,
      client => client.send(new DeleteCustomModelCommand({ modelIdentifier: modelArn })));
  } catch (e) {
    if (isNotFound(e)) return;
    const context = `Deleting custom model '${modelArn}'`;
    if (isConflict(e)) {
      throw new Error(`${describeError(e, context)}. The model is in use, for example by a provisioned throughput: `
        + 'delete what uses it, then delete the stack again (or set removalPolicy to RETAIN to keep the model)');
    }
    throw new Error(describeError(e, context));
  }
}
