/* Custom model deployment operations. */
import type {
  CreateCustomModelDeploymentRequest,
  CreateCustomModelDeploymentResponse,
  DeleteCustomModelDeploymentRequest,
  DeleteCustomModelDeploymentResponse,
  GetCustomModelDeploymentRequest,
  GetCustomModelDeploymentResponse,
  UpdateCustomModelDeploymentRequest,
  UpdateCustomModelDeploymentResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from '../../operations/handler';

export const DEPLOYMENT_OPERATIONS: {
  CreateCustomModelDeployment: Handler<CreateCustomModelDeploymentRequest, CreateCustomModelDeploymentResponse>;
  GetCustomModelDeployment: Handler<GetCustomModelDeploymentRequest, GetCustomModelDeploymentResponse>;
  UpdateCustomModelDeployment: Handler<UpdateCustomModelDeploymentRequest, UpdateCustomModelDeploymentResponse>;
  DeleteCustomModelDeployment: Handler<DeleteCustomModelDeploymentRequest, DeleteCustomModelDeploymentResponse>;
} = {
  CreateCustomModelDeployment: (state, input) => ({ customModelDeploymentArn: state.deployments.create(input) }),
  GetCustomModelDeployment: (state, input) => state.deployments.poll(input.customModelDeploymentIdentifier!),
  UpdateCustomModelDeployment: (state, input) => ({
    customModelDeploymentArn: state.deployments.update(input.customModelDeploymentIdentifier!, input.modelArn!),
  }),
  DeleteCustomModelDeployment: (state, input) => {
    state.deployments.delete(input.customModelDeploymentIdentifier!);
    return {};
  },
};
