/* Model customization job operations. */
import type {
  CreateModelCustomizationJobRequest,
  CreateModelCustomizationJobResponse,
  GetModelCustomizationJobRequest,
  GetModelCustomizationJobResponse,
  ListModelCustomizationJobsRequest,
  ListModelCustomizationJobsResponse,
  StopModelCustomizationJobRequest,
  StopModelCustomizationJobResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from '../../operations/handler';

export const JOB_OPERATIONS: {
  CreateModelCustomizationJob: Handler<CreateModelCustomizationJobRequest, CreateModelCustomizationJobResponse>;
  GetModelCustomizationJob: Handler<GetModelCustomizationJobRequest, GetModelCustomizationJobResponse>;
  StopModelCustomizationJob: Handler<StopModelCustomizationJobRequest, StopModelCustomizationJobResponse>;
  ListModelCustomizationJobs: Handler<ListModelCustomizationJobsRequest, ListModelCustomizationJobsResponse>;
} = {
  CreateModelCustomizationJob: (state, input) => ({ jobArn: state.jobs.create(input) }),
  GetModelCustomizationJob: (state, input) => state.jobs.poll(input.jobIdentifier!),
  StopModelCustomizationJob: (state, input) => {
    state.jobs.stop(input.jobIdentifier!);
    return {};
  },
  ListModelCustomizationJobs: (state, input) => {
    const { items, nextToken } = state.jobs.list(input);
    return { modelCustomizationJobSummaries: items, nextToken };
  },
};
