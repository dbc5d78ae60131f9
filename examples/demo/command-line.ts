/*
 * The package's command line, the bundle users run with
 * `npx cdk-bedrock-customization`, in a process of its own, pointed at the
 * emulator only through the environment (as the SDK reads it anywhere): the
 * demo's last step, and the tests of the bin.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { BedrockEmulator, emulatorEnvironment } from '../../emulator/bedrock';

/** The bundle, as package.json's bin names it. */
export const BIN = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');

export interface CommandLineRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The emulator's endpoints, region and credentials, and nothing else a shell
 * would not pass: no profile or instance role of this machine answers instead.
 */
export function commandLineEnvironment(emulator: BedrockEmulator): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...emulatorEnvironment(emulator),
    AWS_CONFIG_FILE: path.join(__dirname, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(__dirname, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // Charts without colour: the output is compared in tests.
    NO_COLOR: '1',
  };
}

/** Runs the bin with these arguments in exactly this environment. */
export async function spawnCommandLine(args: readonly string[], env: Record<string, string>): Promise<CommandLineRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Runs the command line against the emulator, as the demo shows it; rejects with its error line when it fails. */
export async function runCommandLine(emulator: BedrockEmulator, args: readonly string[]): Promise<{ command: string; output: string }> {
  const command = `npx cdk-bedrock-customization ${args.join(' ')}`;
  const { code, stdout, stderr } = await spawnCommandLine(args, commandLineEnvironment(emulator));
  if (code !== 0) throw new Error(`${command} failed: ${stderr.trim()}`);
  return { command, output: stdout };
}
