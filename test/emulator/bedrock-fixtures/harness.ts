/*
 * One emulator per test file, reset after each test; a real BedrockClient for
 * it. After each test the emulator must have recorded no rule violation,
 * unless the file is about violations.
 */
import { BedrockClient, BedrockClientConfig } from '@aws-sdk/client-bedrock';
import { BedrockEmulator, BedrockEmulatorOptions, createBedrockClient } from '../../../emulator/bedrock';

export interface EmulatorHarness {
  readonly emulator: BedrockEmulator;
  /** A client for the emulator; by default without retries (maxAttempts 1), so that errors show at once. */
  client(config?: BedrockClientConfig): BedrockClient;
}

export interface HarnessOptions extends BedrockEmulatorOptions {
  /** Check after each test that no request broke a rule. Default true. */
  readonly expectNoViolations?: boolean;
}

/** Clients retry throttled and failed calls after the SDK's real backoff, which takes seconds on a busy machine. */
const EMULATOR_TEST_TIMEOUT_MS = 30_000;

export function useEmulator(options: HarnessOptions = {}): EmulatorHarness {
  jest.setTimeout(EMULATOR_TEST_TIMEOUT_MS);
  let emulator: BedrockEmulator | undefined;
  const clients: BedrockClient[] = [];
  beforeAll(async () => {
    emulator = await BedrockEmulator.start(options);
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.destroy());
    const violations = emulator!.violations;
    emulator!.reset();
    if (options.expectNoViolations ?? true) expect(violations).toEqual([]);
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('The emulator starts in beforeAll');
      return emulator;
    },
    client(config = {}) {
      const client = createBedrockClient(this.emulator, { maxAttempts: 1, ...config });
      clients.push(client);
      return client;
    },
  };
}
