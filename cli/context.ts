/*
 * What a command runs with: where it writes, the AWS clients, the clock.
 * The entry point builds the real one; tests build theirs (the emulator's
 * clients, clock and sleep), so every command runs the same code in both.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { S3Client } from '@aws-sdk/client-s3';

/** Where a command writes: stdout or stderr, or a test's buffer. */
export interface Output {
  /** A terminal: a watch redraws in place. */
  readonly isTTY?: boolean;
  /** Its width in characters, when it is a terminal. */
  readonly columns?: number;
  write(text: string): void;
}

export interface Clients {
  readonly bedrock: BedrockClient;
  readonly s3: S3Client;
}

/** The options every command takes that shape its clients. */
export interface ClientOptions {
  readonly region?: string;
  readonly profile?: string;
}

export interface CliContext {
  readonly stdout: Output;
  readonly stderr: Output;
  /** The AWS clients, made once the command line has been read (--region, --profile). */
  clients(options: ClientOptions): Clients;
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/**
 * Attempts per call, the first one included: the SDK's standard retry mode
 * backs off exponentially with jitter on throttling and transient errors
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 */
export const MAX_ATTEMPTS = 5;

/** The SDK's standard credential chain and region resolution, with --region and --profile over them. */
export function sdkClients(options: ClientOptions): Clients {
  const config = { region: options.region, profile: options.profile, maxAttempts: MAX_ATTEMPTS, retryMode: 'standard' };
  return { bedrock: new BedrockClient(config), s3: new S3Client(config) };
}

/** The process's own streams, clients and clock. */
export function processContext(): CliContext {
  const stream = (s: NodeJS.WriteStream): Output => ({
    write: (text) => s.write(text),
    get isTTY() {
      return s.isTTY === true;
    },
    get columns() {
      return s.columns;
    },
  });
  return {
    stdout: stream(process.stdout),
    stderr: stream(process.stderr),
    clients: sdkClients,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
