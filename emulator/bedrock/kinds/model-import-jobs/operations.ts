/* Model import job and imported model operations. */
import type {
  CreateModelImportJobRequest,
  CreateModelImportJobResponse,
  DeleteImportedModelRequest,
  DeleteImportedModelResponse,
  GetImportedModelRequest,
  GetImportedModelResponse,
  GetModelImportJobRequest,
  GetModelImportJobResponse,
  ListModelImportJobsRequest,
  ListModelImportJobsResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from '../../operations/handler';

export const MODEL_IMPORT_JOB_OPERATIONS: {
  CreateModelImportJob: Handler<CreateModelImportJobRequest, CreateModelImportJobResponse>;
  GetModelImportJob: Handler<GetModelImportJobRequest, GetModelImportJobResponse>;
  ListModelImportJobs: Handler<ListModelImportJobsRequest, ListModelImportJobsResponse>;
  GetImportedModel: Handler<GetImportedModelRequest, GetImportedModelResponse>;
  DeleteImportedModel: Handler<DeleteImportedModelRequest, DeleteImportedModelResponse>;
} = {
  // The role is checked in the create, first or after the other checks, as for CreateCustomModel (iam-propagation.ts).
  CreateModelImportJob: (state, input) => ({ jobArn: state.modelImportJobs.create(input) }),
  GetModelImportJob: (state, input) => state.modelImportJobs.poll(input.jobIdentifier!),
  ListModelImportJobs: (state, input) => {
    const { items, nextToken } = state.modelImportJobs.list(input);
    return { modelImportJobSummaries: items, nextToken };
  },
  GetImportedModel: (state, input) => state.modelImportJobs.getModel(input.modelIdentifier!),
  DeleteImportedModel: (state, input) => {
    state.modelImportJobs.deleteModel(input.modelIdentifier!);
    return {};
  },
};
