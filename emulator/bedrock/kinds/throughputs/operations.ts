/* Provisioned Throughput operations. */
import type {
  CreateProvisionedModelThroughputRequest,
  CreateProvisionedModelThroughputResponse,
  DeleteProvisionedModelThroughputRequest,
  DeleteProvisionedModelThroughputResponse,
  GetProvisionedModelThroughputRequest,
  GetProvisionedModelThroughputResponse,
  UpdateProvisionedModelThroughputRequest,
  UpdateProvisionedModelThroughputResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from '../../operations/handler';

export const THROUGHPUT_OPERATIONS: {
  CreateProvisionedModelThroughput: Handler<CreateProvisionedModelThroughputRequest, CreateProvisionedModelThroughputResponse>;
  GetProvisionedModelThroughput: Handler<GetProvisionedModelThroughputRequest, GetProvisionedModelThroughputResponse>;
  UpdateProvisionedModelThroughput: Handler<UpdateProvisionedModelThroughputRequest, UpdateProvisionedModelThroughputResponse>;
  DeleteProvisionedModelThroughput: Handler<DeleteProvisionedModelThroughputRequest, DeleteProvisionedModelThroughputResponse>;
} = {
  CreateProvisionedModelThroughput: (state, input) => ({ provisionedModelArn: state.throughputs.create(input) }),
  GetProvisionedModelThroughput: (state, input) => state.throughputs.poll(input.provisionedModelId!),
  UpdateProvisionedModelThroughput: (state, input) => {
    state.throughputs.update(input);
    return {};
  },
  DeleteProvisionedModelThroughput: (state, input) => {
    state.throughputs.delete(input.provisionedModelId!);
    return {};
  },
};
