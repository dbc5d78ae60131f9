/*
 * onEvent of the Provider framework for `Custom::BedrockCustomModelLookup`:
 * Create and Update find the model (and fail clearly when none matches);
 * Delete has nothing to do, the model is not the stack's.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { findModel } from './find-model';
import { decodeLookupProperties } from './properties';
import type { CustomModelLookupResourceAttributes } from '../../src/private/contract/lookup';
import { logRequest } from '../shared/request-log';

export interface LookupEventResult {
  readonly PhysicalResourceId: string;
  readonly Data?: CustomModelLookupResourceAttributes;
}

export async function onEvent(event: CloudFormationCustomResourceEvent): Promise<LookupEventResult> {
  logRequest(event);
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const model = await findModel(decodeLookupProperties(event.ResourceProperties));
  return { PhysicalResourceId: model.modelArn, Data: { ModelArn: model.modelArn, ModelName: model.modelName } };
}
