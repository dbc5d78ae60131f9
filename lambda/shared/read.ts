/*
 * Reading a Bedrock resource that may be gone: the Get call's output, or
 * undefined when Bedrock answers ResourceNotFoundException; any other error
 * is described for the status reason. Every kind reads its resources so.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import { callBedrock } from './call';
import { describeError, isNotFound } from './errors';

/** `what` names the resource in messages: 'custom model deployment'. */
export async function readOrUndefined<T>(
  operation: string, identifier: string, what: string, send: (client: BedrockClient) => Promise<T>,
): Promise<T | undefined> {
  try {
    return await callBedrock(operation, identifier, send);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw new Error(describeError(e, `Reading ${what} '${identifier}'`));
  }
}
