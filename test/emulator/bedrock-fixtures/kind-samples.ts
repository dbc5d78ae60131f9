/*
 * What each kind's test folder brings to the emulator's API tests: valid
 * values and pattern breakers of the string shapes only its operations take
 * (samples.ts holds the shapes several kinds take), and its operations
 * called once each with success. Every folder of test/ with an
 * `api-samples.ts` is read: a new kind adds its own file, and no list here
 * names the kinds.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BedrockEmulator } from '../../../emulator/bedrock';

/** Sends an operation with the real SDK (it fails the test when the call fails). */
export type SendOperation = (operation: string, input: object) => Promise<void>;

/** The `API_SAMPLES` export of a kind's `api-samples.ts`. */
export interface KindApiSamples {
  /** A valid value of each constrained string shape that only this kind's operations take. */
  readonly strings?: Readonly<Record<string, string>>;
  /** A value that breaks each such pattern, within its length bounds (see PATTERN_BREAKERS). */
  readonly breakers?: Readonly<Record<string, string>>;
  /** Calls each of the kind's own operations once with success, in an order that works on an emulator without resources. */
  success(send: SendOperation, emulator: BedrockEmulator): Promise<void>;
}

const TEST_DIR = path.join(__dirname, '..', '..');

/** Each kind folder's samples, by folder name. */
export const KIND_SAMPLES: ReadonlyArray<readonly [string, KindApiSamples]> = fs.readdirSync(TEST_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(TEST_DIR, entry.name, 'api-samples.ts')))
  // A folder's own file, found by its name: no import names the kinds.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .map((entry) => [entry.name, (require(path.join(TEST_DIR, entry.name, 'api-samples')) as { API_SAMPLES: KindApiSamples }).API_SAMPLES] as const);

/** `shared` and every kind's table of `table` merged; a shape given twice is an error: it belongs in the shared table. */
export function withKinds(shared: Readonly<Record<string, string>>, table: 'strings' | 'breakers'): Readonly<Record<string, string>> {
  const all: Record<string, string> = { ...shared };
  for (const [kind, samples] of KIND_SAMPLES) {
    for (const [name, value] of Object.entries(samples[table] ?? {})) {
      if (name in all) throw new Error(`test/${kind}/api-samples.ts gives ${table} of ${name}, which another table gives too: move it to samples.ts`);
      all[name] = value;
    }
  }
  return all;
}
