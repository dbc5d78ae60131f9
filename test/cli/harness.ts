/*
 * The command line, run in-process against the emulator with the SDK's own
 * client configuration (endpoints, region and credentials from the
 * environment, as on a user's machine). Sleeping moves the emulator's clock,
 * so a watch of hours runs in milliseconds.
 */
import { CreateModelCustomizationJobCommand, CreateModelCustomizationJobCommandInput } from '@aws-sdk/client-bedrock';
import { CliContext, Output, sdkClients } from '../../cli/context';
import { run } from '../../cli/program';
import { emulatorEnvironment } from '../../emulator/bedrock';
import { PROVENANCE_TAG_KEYS } from '../../src/contract/common';
import { EmulatorHarness, HarnessOptions, useEmulator } from '../emulator/bedrock-fixtures/harness';
import { jobRequest } from '../emulator/bedrock-fixtures/requests';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** What the command slept for, in ms, in order. */
  readonly sleeps: readonly number[];
}

export interface RunOptions {
  /** Run as on a terminal of this many columns. */
  readonly columns?: number;
  /** Called at each sleep, before the clock moves (e.g. to move jobs on). */
  readonly onSleep?: (ms: number, n: number) => void;
}

export interface CliHarness extends EmulatorHarness {
  run(args: readonly string[], options?: RunOptions): Promise<CliRun>;
  /** Starts a job as a construct of `stack` at `path` would (its provenance tags), or untagged. */
  startJob(overrides: Partial<CreateModelCustomizationJobCommandInput>, provenance?: { stack: string; path: string }): Promise<string>;
}

/** Emulated time starts here and moves only when a test or a sleep moves it: every time printed is known. */
export const START = new Date('2026-12-01T09:00:00Z');

export function useCli(options: HarnessOptions = {}): CliHarness {
  const env = useEmulator({ clock: { start: START, acceleration: 0 }, ...options });
  const saved = { ...process.env };
  beforeAll(() => {
    Object.assign(process.env, emulatorEnvironment(env.emulator), { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    // No profile or instance role of the machine running the tests may answer instead of the environment.
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    delete process.env.AWS_PROFILE;
  });
  afterAll(() => {
    process.env = saved;
  });
  return {
    get emulator() {
      return env.emulator;
    },
    client: (config) => env.client(config),
    async run(args, runOptions = {}) {
      let stdout = '';
      let stderr = '';
      const sleeps: number[] = [];
      const output = (write: (s: string) => void): Output => ({ write, isTTY: runOptions.columns !== undefined, columns: runOptions.columns });
      const context: CliContext = {
        stdout: output((s) => { stdout += s; }),
        stderr: output((s) => { stderr += s; }),
        clients: sdkClients,
        now: () => env.emulator.clock.now(),
        sleep: async (ms) => {
          sleeps.push(ms);
          runOptions.onSleep?.(ms, sleeps.length);
          env.emulator.clock.advance(ms / 1000);
        },
      };
      const code = await run(args, context);
      return { code, stdout, stderr, sleeps };
    },
    async startJob(overrides, provenance) {
      const tags = provenance
        ? [{ key: PROVENANCE_TAG_KEYS.stack, value: provenance.stack }, { key: PROVENANCE_TAG_KEYS.constructPath, value: provenance.path }]
        : undefined;
      const request = jobRequest({ jobTags: tags, customModelTags: tags, ...overrides });
      return (await env.client().send(new CreateModelCustomizationJobCommand(request))).jobArn!;
    },
  };
}
