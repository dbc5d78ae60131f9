/*
 * Recordings of the Bedrock operations the handlers call, written by the unit
 * tests (through the call recorder) and by the lifecycle tests (from the
 * emulator's log), and read once every suite has run by the least-privilege
 * check in test/after-all/.
 */
import * as fs from 'fs';
import * as path from 'path';

export const RECORDINGS_DIR = path.join(__dirname, '..', '..', 'test-reports', 'bedrock-calls');

/** One Bedrock call: the operation and the top-level members its request set. */
export interface RecordedCall {
  readonly operation: string;
  readonly members: readonly string[];
}

export interface Recording {
  /** The test file, relative to the repository. */
  readonly testFile: string;
  /** `unit`: mocked client; `emulator`: HTTP requests the local Bedrock emulator received. */
  readonly source: 'unit' | 'emulator';
  readonly calls: readonly RecordedCall[];
}

export function recordedCall(operation: string, input: unknown): RecordedCall {
  const members = input && typeof input === 'object'
    ? Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => k).sort()
    : [];
  return { operation, members };
}

/** Writes the recording of one test file (replacing an earlier one of the same file and source). */
export function writeRecording(testPath: string, source: Recording['source'], calls: readonly RecordedCall[]): void {
  const testFile = path.relative(path.join(__dirname, '..', '..'), testPath);
  const recording: Recording = { testFile, source, calls };
  fs.mkdirSync(RECORDINGS_DIR, { recursive: true });
  const fileName = `${testFile.replace(/[\\/]/g, '__')}.${source}.json`;
  fs.writeFileSync(path.join(RECORDINGS_DIR, fileName), JSON.stringify(recording, null, 1));
}

export function readRecordings(): Recording[] {
  if (!fs.existsSync(RECORDINGS_DIR)) return [];
  return fs.readdirSync(RECORDINGS_DIR).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(RECORDINGS_DIR, f), 'utf8')) as Recording);
}
