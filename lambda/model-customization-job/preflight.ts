/*
 * Before a job starts on a foundation model, GetFoundationModel tells which
 * customizations the model supports; a type it does not list fails here, with
 * a message that names the model, the type and what the model supports.
 *
 * Only a clear refusal stops the create: when the model lists nothing (no
 * customizationsSupported), is not found, or the type is one the list cannot
 * express, CreateModelCustomizationJob decides.
 */
import { GetFoundationModelCommand, GetFoundationModelCommandOutput } from '@aws-sdk/client-bedrock';
import type { JobProperties } from './properties';
import { LISTED_CUSTOMIZATION_TYPES } from '../../src/contract/kinds/job';
import { callBedrock } from '../shared/call';
import { describeError, isNotFound } from '../shared/errors';
import { log } from '../shared/log';

/** The types customizationsSupported lists (the contract's, from the API's ModelCustomization enum). */
export const LISTED_CUSTOMIZATIONS: readonly string[] = LISTED_CUSTOMIZATION_TYPES;

/** A foundation model id (`provider.model...`) or foundation-model ARN; custom model ARNs and names are not. */
const FOUNDATION_MODEL = /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model\/[^/]+|[a-z0-9-]{1,63}\.[^/]+)$/;

export function isFoundationModelIdentifier(identifier: string): boolean {
  return FOUNDATION_MODEL.test(identifier);
}

/** Throws when the foundation base model does not list the requested customization. */
export async function checkBaseModel(props: JobProperties, jobName: string): Promise<void> {
  const { baseModelIdentifier: model, customizationType: type } = props;
  if (!isFoundationModelIdentifier(model) || !LISTED_CUSTOMIZATIONS.includes(type)) return;

  let output: GetFoundationModelCommandOutput | undefined;
  try {
    output = await callBedrock('GetFoundationModel', model,
      client => client.send(new GetFoundationModelCommand({ modelIdentifier: model })));
  } catch (e) {
    if (isNotFound(e)) {
      log.info('The base model is not a foundation model Bedrock knows here: CreateModelCustomizationJob decides', { model });
      return;
    }
    throw new Error(describeError(e, `Reading base model '${model}' of model customization job '${jobName}'`));
  }
  const supported = output?.modelDetails?.customizationsSupported;
  if (supported === undefined || (supported as string[]).includes(type)) return;
  const listed = supported.length ? `supports only ${supported.join(', ')}` : 'supports no customization';
  throw new Error(`Cannot create model customization job '${jobName}': the base model ${model} does not support ${type} `
    + `(GetFoundationModel says it ${listed}). Choose a base model that supports ${type}, or another customization.`);
}
