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
import { Handler } from './handler';

export const CUSTOM_MODEL_OPERATIONS: {
  CreateCustomModel: Handler<CreateCustomModelRequest, CreateCustomModelResponse>;
  GetCustomModel: Handler<GetCustomModelRequest, GetCustomModelResponse>;
  DeleteCustomModel: Handler<DeleteCustomModelRequest, DeleteCustomModelResponse>;
  ListCustomModels: Handler<ListCustomModelsRequest, ListCustomModelsResponse>;
} = {
  CreateCustomModel: (state, input) => {
    state.iam.assume(input.roleArn);
    return { modelArn: state.customModels.create(input) };
  },
  GetCustomModel: (state, input) => state.customModels.poll(input.modelIdentifier!),
  DeleteCustomModel: (state, input) => {
    state.customModels.deleteRequested(input.modelIdentifier!);
    return {};
  },
  ListCustomModels: (state, input) => {
    const { items, nextToken } = state.customModels.list(input);
    return { modelSummaries: items, nextToken };
  },
};
