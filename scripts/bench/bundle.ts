/*
 * The shipped handler bundle: its size, and the time Node takes to load it
 * (what a cold start of the handler's Lambda function pays before the first
 * event), each load in a fresh process.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { median, ms } from './stats';
import { HANDLER_CODE_DIR } from '../../src/private/handler-code';

export const HANDLER_BUNDLE = path.join(HANDLER_CODE_DIR, 'index.js');

export interface BundleMeasurement {
  /** Relative to the repository root. */
  readonly path: string;
  readonly bytes: number;
  /** Median of the runs: `require` of the bundle in a fresh Node.js process, in ms. */
  readonly loadMs: number;
  readonly loadMsRuns: readonly number[];
}

export function measureBundle(runs: number): BundleMeasurement {
  if (!fs.existsSync(HANDLER_BUNDLE)) throw new Error(`${HANDLER_BUNDLE} is missing: run npx projen bundle:handlers`);
  const loadMsRuns = Array.from({ length: runs }, () => ms(loadTime(HANDLER_BUNDLE)));
  return {
    path: path.relative(path.resolve(__dirname, '..', '..'), HANDLER_BUNDLE),
    bytes: fs.statSync(HANDLER_BUNDLE).size,
    loadMs: ms(median(loadMsRuns)),
    loadMsRuns,
  };
}

/** Milliseconds that `require(file)` takes in a new Node.js process (the process's own start not counted). */
function loadTime(file: string): number {
  const script = [
    'const start = process.hrtime.bigint();',
    `require(${JSON.stringify(file)});`,
    'process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const value = Number(output);
  if (!Number.isFinite(value)) throw new Error(`Loading ${file} printed ${JSON.stringify(output)}`);
  return value;
}
