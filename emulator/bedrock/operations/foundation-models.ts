/* Foundation model catalog operations. */
import type {
  GetFoundationModelRequest,
  GetFoundationModelResponse,
  ListFoundationModelsRequest,
  ListFoundationModelsResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from './handler';

export const FOUNDATION_MODEL_OPERATIONS: {
  GetFoundationModel: Handler<GetFoundationModelRequest, GetFoundationModelResponse>;
  ListFoundationModels: Handler<ListFoundationModelsRequest, ListFoundationModelsResponse>;
} = {
  GetFoundationModel: (state, input) => ({ modelDetails: state.catalog.get(input.modelIdentifier!) }),
  ListFoundationModels: (state, input) => ({ modelSummaries: state.catalog.list(input) }),
};
