/*
 * One Bedrock client per Lambda container, created on first use so that
 * importing a handler costs nothing and tests can mock it first.
 *
 * Retries are the SDK's (standard mode: exponential backoff with jitter,
 * throttling-aware); the handlers never retry by hand. No endpoint is set here,
 * so the SDK's own AWS_ENDPOINT_URL_BEDROCK support points it at a local emulator.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';

/** Attempts per call, the first one included. */
export const MAX_ATTEMPTS = 5;

let client: BedrockClient | undefined;

export function bedrockClient(): BedrockClient {
  client ??= new BedrockClient({ maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' });
  return client;
}

/** Drops the cached client (tests that change the environment between cases). */
export function resetBedrockClient(): void {
  client?.destroy();
  client = undefined;
}
