/*
 * Lifecycle tests: synthesized stacks deployed by the local CloudFormation
 * engine, whose handlers (the bundled assets, through the Provider framework's
 * own code) call the local Bedrock emulator over HTTP.
 *
 * One emulator per test file, reset after each test. Every call the handlers
 * made is kept for the least-privilege check (test/after-all/), and no request
 * may break a rule of the API model.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { BedrockEmulator, createBedrockClient, emulatorEnvironment, RecordedCall, RecordedViolation } from '../../emulator/bedrock';
import { LocalCloudFormation, LocalCloudFormationOptions, synthesize } from '../../emulator/cloudformation';
import { recordedCall, writeRecording } from '../support/bedrock-calls';

export interface Lifecycle {
  readonly emulator: BedrockEmulator;
  /** Every rule violation the emulator recorded in this file so far. */
  readonly violations: readonly RecordedViolation[];
  /** A CloudFormation engine whose functions talk to the emulator. */
  engine(options?: LocalCloudFormationOptions): LocalCloudFormation;
  /**
   * Runs `read` with a BedrockClient of the emulator, as the command line
   * reads what a stack made. Its calls are not the handlers': they stay out of
   * the least-privilege recording. Not while a deployment runs.
   */
  readAsClient<T>(read: (client: BedrockClient) => Promise<T>): Promise<T>;
}

/**
 * A deployment against the emulator waits for what the SDK waits for in real
 * time (its backoff between retries of throttled calls takes seconds), well
 * beyond jest's 5-second default on a busy machine.
 */
const LIFECYCLE_TEST_TIMEOUT_MS = 60_000;

export function useLifecycle(): Lifecycle {
  jest.setTimeout(LIFECYCLE_TEST_TIMEOUT_MS);
  let emulator: BedrockEmulator | undefined;
  const calls: RecordedCall[] = [];
  /** Calls made by the test's own client (readAsClient), not by handlers. */
  const clientCalls = new Set<RecordedCall>();
  const violations: RecordedViolation[] = [];
  const testPath = expect.getState().testPath!;

  beforeAll(async () => {
    emulator = await BedrockEmulator.start();
  });
  afterEach(() => {
    calls.push(...emulator!.calls.filter((c) => !clientCalls.has(c)));
    violations.push(...emulator!.violations);
    emulator!.reset();
  });
  afterAll(async () => {
    writeRecording(testPath, 'emulator', calls.map((c) => recordedCall(c.operation, c.input)));
    await emulator?.stop();
  });

  return {
    get emulator() {
      if (!emulator) throw new Error('The emulator starts in beforeAll');
      return emulator;
    },
    engine(options = {}) {
      // The engine's roles reach the emulator, which refuses one whose trust policy does not let Bedrock assume it.
      const iamRoles = this.emulator.iamRoles;
      return new LocalCloudFormation({ iamRoles, ...options, environment: { ...emulatorEnvironment(this.emulator), ...options.environment } });
    },
    async readAsClient(read) {
      const before = this.emulator.calls.length;
      try {
        return await read(createBedrockClient(this.emulator));
      } finally {
        this.emulator.calls.slice(before).forEach((c) => clientCalls.add(c));
      }
    },
    violations,
  };
}

/** A new app with one environment-agnostic stack (the engine gives it its account and region). */
export function newStack(name = 'LifecycleStack'): Stack {
  return new Stack(new App(), name);
}

export { synthesize };

/** The stack of `construct`, synthesized, and the logical id of the construct's resource (its default child). */
export function deployable(construct: IConstruct): { readonly artifact: ReturnType<typeof synthesize>; readonly logicalId: string } {
  const stack = Stack.of(construct);
  return { artifact: synthesize(stack), logicalId: stack.getLogicalId(construct.node.defaultChild as CfnResource) };
}
