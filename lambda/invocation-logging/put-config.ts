/*
 * PutModelInvocationLoggingConfiguration. Bedrock checks at Put time that it
 * can write to the destinations; a bucket policy, role or key policy created
 * in the same deployment may not have propagated yet, so that refusal is
 * retried for up to two minutes.
 */
import { setTimeout as sleep } from 'timers/promises';
import {
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
} from '@aws-sdk/client-bedrock';
import type { LoggingConfigValue } from '../../src/private/contract';
import { callBedrock } from '../shared/call';
import { describeError, isPermissionValidation } from '../shared/errors';
import { log } from '../shared/log';

/** What callBedrock logs as the target: the configuration is one per account and region. */
const TARGET = 'model invocation logging';

/** How long a Put is retried while Bedrock cannot verify its permissions on the destinations. */
export const PERMISSION_PROPAGATION_WAIT_MS = 2 * 60_000;
/** The first pause between those retries; it doubles, up to 30 s. */
const FIRST_PAUSE_MS = 5_000;

export async function putLoggingConfig(config: LoggingConfigValue): Promise<void> {
  const deadline = Date.now() + PERMISSION_PROPAGATION_WAIT_MS;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, 30_000)) {
    try {
      await callBedrock('PutModelInvocationLoggingConfiguration', TARGET,
        client => client.send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig: config })));
      return;
    } catch (e) {
      if (!isPermissionValidation(e) || Date.now() + pause > deadline) {
        throw new Error(describeError(e, 'Putting the model invocation logging configuration'));
      }
      log.info('Bedrock cannot verify its permissions on the destinations yet (IAM propagation): retrying', { pauseMs: pause });
      await sleep(pause);
    }
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
