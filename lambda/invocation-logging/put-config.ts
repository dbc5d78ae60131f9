/*
 * PutModelInvocationLoggingConfiguration. Bedrock checks at Put time that it
 * can write to the destinations; a bucket policy, role or key policy created
 * in the same deployment may not have propagated yet, so that refusal is
 * retried for up to two minutes.
 */
import {
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import type { LoggingConfigValue } from '../../src/contract/kinds/logging';
import { callBedrock } from '../shared/call';
import { describeError, isPermissionValidation } from '../shared/errors';
import { retryingPropagation } from '../shared/propagation-retry';

/** What callBedrock logs as the target: the configuration is one per account and region. */
const TARGET = 'model invocation logging';

export async function putLoggingConfig(config: LoggingConfigValue): Promise<void> {
  try {
    await retryingPropagation(isPermissionValidation, 'Bedrock cannot verify its permissions on the destinations yet', {},
      () => callBedrock('PutModelInvocationLoggingConfiguration', TARGET,
        client => client.send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig: config }))));
  } catch (e) {
    throw new Error(describeError(e, 'Putting the model invocation logging configuration'));
  }
}

/** The live configuration, or undefined when none is in place. */
export async function readLoggingConfig(): Promise<LoggingConfig | undefined> {
  try {
    const output = await callBedrock('GetModelInvocationLoggingConfiguration', TARGET,
      client => client.send(new GetModelInvocationLoggingConfigurationCommand({})));
    return output.loggingConfig;
  } catch (e) {
    throw new Error(describeError(e, 'Reading the model invocation logging configuration'));
  }
}

export async function deleteLoggingConfig(): Promise<void> {
  try {
    await callBedrock('DeleteModelInvocationLoggingConfiguration', TARGET,
      client => client.send(new DeleteModelInvocationLoggingConfigurationCommand({})));
  } catch (e) {
    throw new Error(describeError(e, 'Deleting the model invocation logging configuration'));
  }
}
