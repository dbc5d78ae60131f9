/*
 * The Bedrock calls on one custom model deployment, and what a Create sends.
 * A deployment that no longer exists reads as undefined and deletes as gone.
 */
import {
  CreateCustomModelDeploymentCommand, CreateCustomModelDeploymentCommandInput, DeleteCustomModelDeploymentCommand,
  GetCustomModelDeploymentCommand, GetCustomModelDeploymentCommandOutput, UpdateCustomModelDeploymentCommand,
} from '@aws-sdk/client-bedrock';
import { DEPLOYMENT, DeploymentProperties } from './properties';
import { callBedrock } from '../shared/call';
import { describeError, isConflict, isNotFound } from '../shared/errors';
import { clientRequestToken, nameSeed, RequestIdentity } from '../shared/names';
import { readOrUndefined } from '../shared/read';
import { nameTakenMessage, ResolvedName } from '../shared/resource-kind';
import { tagsField } from '../shared/tags';

export type DeploymentDetails = GetCustomModelDeploymentCommandOutput;

/** Everything a Create decides before calling Bedrock. Pure. */
export function planDeployment(id: RequestIdentity, props: DeploymentProperties) {
  const seed = nameSeed(id);
  const name = DEPLOYMENT.name(props, 'modelDeploymentName', { ...id, seed });
  const request: CreateCustomModelDeploymentCommandInput = {
    modelDeploymentName: name.name,
    modelArn: props.modelArn,
    // A retried invocation sends the same token, and Bedrock then creates nothing new
    // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModelDeployment.html).
    clientRequestToken: clientRequestToken(id),
    ...(props.description !== undefined ? { description: props.description } : {}),
    ...tagsField('tags', props.tags),
  };
  return { seed, name, request };
}

/**
 * Creates the deployment (or finds the one this request already created) and
 * returns its ARN. A taken name is read from the ConflictException that
 * Bedrock's other creates answer; the API lists none for this one
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModelDeployment.html),
 * so any other refusal keeps Bedrock's own message.
 */
export async function createDeployment(request: CreateCustomModelDeploymentCommandInput, name: ResolvedName): Promise<string> {
  let arn: string | undefined;
  try {
    ({ customModelDeploymentArn: arn } = await callBedrock('CreateCustomModelDeployment', name.name,
      client => client.send(new CreateCustomModelDeploymentCommand(request))));
  } catch (e) {
    if (isConflict(e)) throw new Error(nameTakenMessage(DEPLOYMENT.noun, name, 'modelDeploymentName'));
    throw new Error(describeError(e, `Creating custom model deployment '${name.name}'`));
  }
  if (!arn) throw new Error(`Creating custom model deployment '${name.name}' failed: Bedrock returned no customModelDeploymentArn`);
  return arn;
}

/** The deployment (by ARN or name) as Bedrock describes it, or undefined if it does not exist. */
export async function readDeployment(identifier: string): Promise<DeploymentDetails | undefined> {
  return readOrUndefined('GetCustomModelDeployment', identifier, 'custom model deployment',
    client => client.send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: identifier })));
}

/**
 * Starts serving another model from the same deployment (same ARN). Bedrock
 * answers 202 and updates asynchronously, reporting progress in updateDetails
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_UpdateCustomModelDeployment.html).
 */
export async function updateDeploymentModel(arn: string, modelArn: string): Promise<void> {
  try {
    await callBedrock('UpdateCustomModelDeployment', arn,
      client => client.send(new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn, modelArn })));
  } catch (e) {
    throw new Error(describeError(e, `Updating custom model deployment '${arn}' to model '${modelArn}'`));
  }
}

/** What a delete request came to. */
export type DeleteOutcome = 'deleting' | 'gone' | 'refused';

/**
 * Asks Bedrock to delete the deployment. 'refused' is a ConflictException,
 * which DeleteCustomModelDeployment lists for a deployment busy with another
 * operation (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteCustomModelDeployment.html).
 */
export async function deleteDeployment(arn: string): Promise<DeleteOutcome> {
  try {
    await callBedrock('DeleteCustomModelDeployment', arn,
      client => client.send(new DeleteCustomModelDeploymentCommand({ customModelDeploymentIdentifier: arn })));
    return 'deleting';
  } catch (e) {
    if (isNotFound(e)) return 'gone';
    if (isConflict(e)) return 'refused';
    throw new Error(describeError(e, `Deleting custom model deployment '${arn}'`));
  }
}

/** `Active`, `Active (update Updating)`: the status and, when there is one, the update's. */
export function describeDeployment(deployment: Pick<DeploymentDetails, 'status' | 'updateDetails'>): string {
  const update = deployment.updateDetails?.updateStatus;
  return update ? `${deployment.status} (update ${update})` : String(deployment.status);
}
