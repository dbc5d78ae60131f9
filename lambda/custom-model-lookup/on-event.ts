/*
 * onEvent of the Provider framework for `Custom::BedrockCustomModelLookup`:
 * Create and Update find the model (and fail clearly when none matches);
 * Delete has nothing to do, the model is not the stack's.
 */
import type { CloudFormationCustomResourceCreateEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { findModel } from './find-model';
import { decodeLookupProperties } from './properties';
import type { CustomModelLookupResourceAttributes } from '../../src/contract/kinds/lookup';
import { EventResult, onEventHandler } from '../shared/lifecycle';

export type LookupEventResult = EventResult<CustomModelLookupResourceAttributes>;

export const onEvent = onEventHandler<LookupEventResult>({
  create: lookUp,
  update: lookUp,
  delete: async (event) => ({ PhysicalResourceId: event.PhysicalResourceId }),
});

async function lookUp(event: CloudFormationCustomResourceCreateEvent | CloudFormationCustomResourceUpdateEvent): Promise<LookupEventResult> {
  const model = await findModel(decodeLookupProperties(event.ResourceProperties));
  return { PhysicalResourceId: model.modelArn, Data: { ModelArn: model.modelArn, ModelName: model.modelName } };
}
