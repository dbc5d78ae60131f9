/* Model invocation logging operations. */
import type {
  DeleteModelInvocationLoggingConfigurationRequest,
  DeleteModelInvocationLoggingConfigurationResponse,
  GetModelInvocationLoggingConfigurationRequest,
  GetModelInvocationLoggingConfigurationResponse,
  PutModelInvocationLoggingConfigurationRequest,
  PutModelInvocationLoggingConfigurationResponse,
} from '@aws-sdk/client-bedrock';
import { Handler } from '../../operations/handler';

export const LOGGING_OPERATIONS: {
  PutModelInvocationLoggingConfiguration: Handler<PutModelInvocationLoggingConfigurationRequest,
    PutModelInvocationLoggingConfigurationResponse>;
  GetModelInvocationLoggingConfiguration: Handler<GetModelInvocationLoggingConfigurationRequest,
    GetModelInvocationLoggingConfigurationResponse>;
  DeleteModelInvocationLoggingConfiguration: Handler<DeleteModelInvocationLoggingConfigurationRequest,
    DeleteModelInvocationLoggingConfigurationResponse>;
} = {
  PutModelInvocationLoggingConfiguration: (state, input) => {
    state.loggingConfig.put(input.loggingConfig!);
    return {};
  },
  // Without a configuration the service answers an empty response (LoggingConfigRules.withoutConfiguration).
  GetModelInvocationLoggingConfiguration: (state) => ({ loggingConfig: state.loggingConfig.answer() }),
  DeleteModelInvocationLoggingConfiguration: (state) => {
    state.loggingConfig.delete();
    return {};
  },
};
