/*
 * The demo's last step: the package's command line, the bundle users run
 * with `npx cdk-bedrock-customization`, in a process of its own, pointed at
 * the emulator only through the environment (as the SDK reads it anywhere).
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { BedrockEmulator, emulatorEnvironment } from '../../emulator/bedrock';

const BIN = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');

export interface CommandRun {
  readonly command: string;
  readonly output: string;
}

/** Runs the command line with these arguments; rejects with its error line when it fails. */
export async function runCommandLine(emulator: BedrockEmulator, args: readonly string[]): Promise<CommandRun> {
  const command = `npx cdk-bedrock-customization ${args.join(' ')}`;
  // Only the emulator's endpoints, region and credentials: no profile or role of this machine answers instead.
  const env = {
    PATH: process.env.PATH ?? '',
    ...emulatorEnvironment(emulator),
    AWS_CONFIG_FILE: path.join(__dirname, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(__dirname, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    // Charts without colour: the demo's output is compared in tests.
    NO_COLOR: '1',
  };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { env });
    return { command, output: stdout };
  } catch (e) {
    const failed = e as { stderr?: string; message: string };
    throw new Error(`${command} failed: ${(failed.stderr ?? failed.message).trim()}`);
  }
}
