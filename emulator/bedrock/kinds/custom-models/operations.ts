/* Custom model operations. */
import type {
  CreateCustomModelRequest,
  CreateCustomModelResponse,
  DeleteCustomModelRequest,
  DeleteCustomModelResponse,
  GetCustomModelRequest,
  GetCustomModelResponse,
  ListCustomModelsRequest,
  ListCustomModelsResponse,
} from '@aws-sdk/client-bedrock';
import { conflict } from '../../errors';
import { Handler } from '../../operations/handler';
import type { EmulatorState } from '../../state';

export const CUSTOM_MODEL_OPERATIONS: {
  CreateCustomModel: Handler<CreateCustomModelRequest, CreateCustomModelResponse>;
  GetCustomModel: Handler<GetCustomModelRequest, GetCustomModelResponse>;
  DeleteCustomModel: Handler<DeleteCustomModelRequest, DeleteCustomModelResponse>;
  ListCustomModels: Handler<ListCustomModelsRequest, ListCustomModelsResponse>;
} = {
  // The role is checked in the create, first or after the other checks (IamPropagation.checkedFirst).
  CreateCustomModel: (state, input) => ({ modelArn: state.customModels.create(input) }),
  GetCustomModel: (state, input) => state.customModels.poll(input.modelIdentifier!),
  DeleteCustomModel: (state, input) => {
    checkNotServed(state, input.modelIdentifier!);
    state.customModels.deleteRequested(input.modelIdentifier!);
    return {};
  },
  ListCustomModels: (state, input) => {
    const { items, nextToken } = state.customModels.list(input);
    return { modelSummaries: items, nextToken };
  },
};

/**
 * A distilled model's Provisioned Throughputs and deployments must be deleted
 * before the model (ConflictException); for other models the guide says
 * nothing, so they are deleted as before, unless rules.servedModelDeletion
 * takes the rule for every model.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-delete.html
 */
function checkNotServed(state: EmulatorState, modelIdentifier: string): void {
  const model = state.customModels.get(modelIdentifier);
  const distilled = model.customizationType === 'DISTILLATION';
  if (!distilled && state.customModels.rules.servedModelDeletion === 'distilled') return;
  const which = `The custom model ${model.modelName} is ${distilled ? 'a distilled model ' : ''}`;
  const [throughput] = state.throughputs.using(model.modelArn!);
  if (throughput) throw conflict(`${which}used by ${throughput}: delete the Provisioned Throughput first.`);
  const [deployment] = state.deployments.using(model.modelArn!);
  if (deployment) throw conflict(`${which}deployed by ${deployment}: delete the custom model deployment first.`);
}
