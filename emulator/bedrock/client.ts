/*
 * A real BedrockClient pointed at an emulator, with fake credentials (the
 * emulator accepts any SigV4 signature), and the environment that points
 * clients created elsewhere (the handlers) at it.
 */
import { BedrockClient, BedrockClientConfig } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { FAKE_CREDENTIALS } from '../shared/fake-credentials';

export interface EmulatorAddress {
  readonly endpoint: string;
  readonly region: string;
  /** The S3 emulator that comes with a BedrockEmulator. */
  readonly s3?: { readonly endpoint: string };
}

/** `config` overrides the defaults, e.g. `{ maxAttempts: 1 }` to see errors without the SDK's retries. */
export function createBedrockClient(emulator: EmulatorAddress, config: BedrockClientConfig = {}): BedrockClient {
  return new BedrockClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: FAKE_CREDENTIALS, ...config });
}

/** A real BedrockRuntimeClient (InvokeModel, Converse) pointed at the emulator. */
export function createBedrockRuntimeClient(emulator: EmulatorAddress, config: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: FAKE_CREDENTIALS, ...config });
}

/**
 * Environment variables under which a BedrockClient, BedrockRuntimeClient or
 * S3Client created without endpoint or credentials talks to the emulator
 * (and to its S3, when the address has one).
 */
export function emulatorEnvironment(emulator: EmulatorAddress): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_BEDROCK: emulator.endpoint,
    // The SDK reads AWS_ENDPOINT_URL_<service id, upper case, spaces as _>: "Bedrock Runtime".
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.endpoint,
    ...(emulator.s3 ? { AWS_ENDPOINT_URL_S3: emulator.s3.endpoint } : {}),
    AWS_REGION: emulator.region,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
  };
}
