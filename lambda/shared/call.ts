/*
 * Every Bedrock call goes through `callBedrock`, so each one is logged with its
 * outcome (and the SDK's attempt count and request id) in one place.
 * The operation name is passed as a string: minification renames command classes.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import { bedrockClient } from './client';
import { log } from './log';

interface ResponseMetadata {
  readonly $metadata?: { readonly requestId?: string; readonly attempts?: number };
}

function metadata(value: unknown) {
  const meta = (value as ResponseMetadata | undefined)?.$metadata;
  return { awsRequestId: meta?.requestId, attempts: meta?.attempts };
}

/**
 * Runs one Bedrock call. `target` names what it acts on (a job name or ARN) for the log.
 * Errors are rethrown unchanged for the caller to classify.
 */
export async function callBedrock<T>(operation: string, target: string, send: (client: BedrockClient) => Promise<T>): Promise<T> {
  log.info('Bedrock call', { operation, target });
  try {
    const output = await send(bedrockClient());
    log.info('Bedrock call succeeded', { operation, target, ...metadata(output) });
    return output;
  } catch (e) {
    log.warn('Bedrock call failed', { operation, target, error: e, ...metadata(e) });
    throw e;
  }
}
