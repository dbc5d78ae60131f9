/*
 * The Bedrock calls on one provisioned throughput, and what a Create sends.
 * A throughput that no longer exists reads as undefined and deletes as gone.
 */
import {
  CreateProvisionedModelThroughputCommand, CreateProvisionedModelThroughputCommandInput, DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand, GetProvisionedModelThroughputCommandOutput, UpdateProvisionedModelThroughputCommand,
} from '@aws-sdk/client-bedrock';
import { THROUGHPUT, ThroughputProperties } from './properties';
import { boundedMessage } from '../shared/bounded-failure';
import { callBedrock } from '../shared/call';
import { describeError, isConflict, isNotFound, isValidation } from '../shared/errors';
import { log } from '../shared/log';
import { clientRequestToken, nameSeed, RequestIdentity } from '../shared/names';
import { readOrUndefined } from '../shared/read';
import { nameTakenMessage, NameSource, ResolvedName } from '../shared/resource-kind';
import { tagsField } from '../shared/tags';

export type ThroughputDetails = GetProvisionedModelThroughputCommandOutput;

/** The name the throughput has: the property, or the one generated from the seed of its Create (so it stays). */
export function throughputName(props: ThroughputProperties, source: NameSource): ResolvedName {
  return THROUGHPUT.name(props, 'provisionedModelName', source);
}

/** Everything a Create decides before calling Bedrock. Pure. */
export function planThroughput(id: RequestIdentity, props: ThroughputProperties) {
  const seed = nameSeed(id);
  const name = throughputName(props, { ...id, seed });
  const request: CreateProvisionedModelThroughputCommandInput = {
    provisionedModelName: name.name,
    modelId: props.modelId,
    modelUnits: props.modelUnits,
    // A retried invocation sends the same token, and Bedrock then creates nothing new
    // (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateProvisionedModelThroughput.html).
    clientRequestToken: clientRequestToken(id),
    // Omitted: no commitment, billed hourly (same page).
    ...(props.commitmentDuration !== undefined ? { commitmentDuration: props.commitmentDuration } : {}),
    ...tagsField('tags', props.tags),
  };
  return { seed, name, request };
}

/**
 * Creates the throughput (or finds the one this request already created) and
 * returns its ARN. The API lists no ConflictException for a taken name
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateProvisionedModelThroughput.html):
 * one is read as such, as Bedrock's other creates answer it; any other refusal keeps Bedrock's message.
 */
export async function createThroughput(request: CreateProvisionedModelThroughputCommandInput, name: ResolvedName): Promise<string> {
  let arn: string | undefined;
  try {
    ({ provisionedModelArn: arn } = await callBedrock('CreateProvisionedModelThroughput', name.name,
      client => client.send(new CreateProvisionedModelThroughputCommand(request))));
  } catch (e) {
    if (isConflict(e)) throw new Error(nameTakenMessage(THROUGHPUT.noun, name, 'provisionedModelName'));
    throw new Error(describeError(e, `Creating provisioned throughput '${name.name}'`));
  }
  if (!arn) throw new Error(`Creating provisioned throughput '${name.name}' failed: Bedrock returned no provisionedModelArn`);
  return arn;
}

/** The throughput (by ARN or name) as Bedrock describes it, or undefined if it does not exist. */
export async function readThroughput(identifier: string): Promise<ThroughputDetails | undefined> {
  return readOrUndefined('GetProvisionedModelThroughput', identifier, 'provisioned throughput',
    client => client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: identifier })));
}

/**
 * Whether a model ARN that Bedrock reports is the model `modelId` names: the
 * ARN itself, or a foundation model's id, which ends its ARN (ModelIdentifier,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateProvisionedModelThroughput.html).
 */
export function servesModel(modelArn: string | undefined, modelId: string): boolean {
  return modelArn === modelId || (modelArn?.endsWith(`/${modelId}`) ?? false);
}

/** What an in-place update changes: the name, the model, or both. */
export interface ThroughputChange {
  readonly name?: string;
  readonly modelId?: string;
}

/**
 * Renames the throughput and/or points it at another model (same ARN),
 * sending only what Bedrock does not show already, as after a failed update
 * that the rollback undoes: desiredModelArn is the model an update under way
 * moves to (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetProvisionedModelThroughput.html).
 * Only a throughput of a custom model takes another model
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html): Bedrock's refusal says so.
 */
export async function updateThroughput(arn: string, change: ThroughputChange): Promise<void> {
  const throughput = await readThroughput(arn);
  const name = change.name !== undefined && throughput?.provisionedModelName !== change.name ? change.name : undefined;
  const modelId = change.modelId !== undefined && !servesModel(throughput?.desiredModelArn, change.modelId) ? change.modelId : undefined;
  if (name === undefined && modelId === undefined) {
    log.info('The throughput already has the name and model', { provisionedModelArn: arn, ...change });
    return;
  }
  log.info('Updating the throughput in place', { provisionedModelArn: arn, name, modelId });
  try {
    await callBedrock('UpdateProvisionedModelThroughput', arn, client => client.send(new UpdateProvisionedModelThroughputCommand({
      provisionedModelId: arn,
      ...(name !== undefined ? { desiredProvisionedModelName: name } : {}),
      ...(modelId !== undefined ? { desiredModelId: modelId } : {}),
    })));
  } catch (e) {
    const what = [name !== undefined ? `name '${name}'` : '', modelId !== undefined ? `model '${modelId}'` : ''].filter(Boolean).join(' and ');
    throw new Error(describeError(e, `Updating provisioned throughput '${arn}' to ${what}`));
  }
}

/** How a refused delete of a committed throughput is explained: which resource, and whether its removal policy can keep it. */
export interface DeleteContext {
  readonly logicalResourceId: string;
  /** False for the rollback of a create, which deletes whatever the removal policy. */
  readonly retainable: boolean;
}

/** A delete refused because the throughput's commitment term has not ended. */
export class CommittedThroughputError extends Error {
  constructor(message: string, readonly until: string) {
    super(message);
    this.name = 'CommittedThroughputError';
  }
}

/**
 * Deletes the throughput, at once (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html);
 * one already deleted is 'gone'. Bedrock refuses to delete a throughput
 * before its commitment term is over
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteProvisionedModelThroughput.html):
 * the error then says when the term ends and how to keep the throughput out of the stack until then.
 */
export async function deleteThroughput(arn: string, context: DeleteContext): Promise<'deleted' | 'gone'> {
  try {
    await callBedrock('DeleteProvisionedModelThroughput', arn,
      client => client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: arn })));
    return 'deleted';
  } catch (e) {
    if (isNotFound(e)) return 'gone';
    const refused = describeError(e, `Deleting provisioned throughput '${arn}'`);
    if (!isConflict(e) && !isValidation(e)) throw new Error(refused);
    const throughput = await readThroughput(arn).catch(() => undefined);
    const until = commitmentEnd(throughput);
    if (!throughput || !until) throw new Error(throughput?.status ? `${refused} (it is ${throughput.status})` : refused);
    const keep = context.retainable
      ? `set removalPolicy to RemovalPolicy.RETAIN and deploy again, or delete the stack with --retain-resources ${context.logicalResourceId}`
      : `delete the stack with --retain-resources ${context.logicalResourceId}`;
    // What to do comes before Bedrock's words, which a bounded reason may cut. The handler cannot tell a stack's
    // deletion from the cleanup of an update or of its rollback, whose failed deletes CloudFormation leaves behind.
    throw new CommittedThroughputError(`Cannot delete provisioned throughput ${arn}: its ${throughput.commitmentDuration} commitment `
      + `runs until ${until}, and Bedrock deletes no throughput before its term is over (it is billed until then). Delete it after `
      + `${until}: aws bedrock delete-provisioned-model-throughput --provisioned-model-id ${arn}. Until then, if the stack is being `
      + `deleted, ${keep}; if an update or its rollback replaced or removed it, CloudFormation leaves it outside the stack. `
      + `(Bedrock: ${boundedMessage(e instanceof Error ? e.message : String(e), 200)})`, until);
  }
}

/**
 * When the throughput's commitment term ends (commitmentExpirationTime,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetProvisionedModelThroughput.html),
 * or undefined when it has none or it is over. A commitment with no expiration yet has not begun.
 */
export function commitmentEnd(throughput: ThroughputDetails | undefined): string | undefined {
  if (!throughput?.commitmentDuration) return undefined;
  const expires = throughput.commitmentExpirationTime;
  if (!expires) return 'the end of its term';
  return expires.getTime() > Date.now() ? expires.toISOString() : undefined;
}
