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

/** Where the emulated time of `useStoppedClock` starts. */
export const CLOCK_START = new Date('2025-03-01T08:00:00.000Z');
/** An hour, in seconds. */
export const HOUR = 3600;

/** An emulator whose clock stands at CLOCK_START until a test moves it; `at(seconds)` is the time that long after. */
export function useStoppedClock(options: HarnessOptions = {}): EmulatorHarness & { at(seconds: number): Date } {
  const harness = useEmulator({ ...options, clock: { start: CLOCK_START, acceleration: 0 } });
  return {
    get emulator() {
      return harness.emulator;
    },
    client: (config) => harness.client(config),
    at: (seconds) => new Date(CLOCK_START.getTime() + seconds * 1000),
  };
}
