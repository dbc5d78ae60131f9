/*
 * The whole bench: both variants synthesized at each size, the handler
 * bundle, and the targets.
 */
import * as os from 'os';
import { BundleMeasurement, measureBundle } from './bundle';
import { measureSynth, VariantMeasurement } from './synth';
import { evaluateTargets, Target } from './targets';

export interface BenchOptions {
  /** Numbers of jobs per stack, ascending (the targets at "100 jobs" read the last). */
  readonly sizes: readonly number[];
  /** Runs of each measurement; the report gives their median. */
  readonly runs: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

export interface BenchReport {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly host: { readonly node: string; readonly platform: string; readonly cpus: number };
  readonly construct: VariantMeasurement;
  readonly alternative: VariantMeasurement;
  readonly bundle: BundleMeasurement;
  readonly targets: readonly Target[];
  /** Whether every target holds. */
  readonly pass: boolean;
}

export function runBench({ sizes, runs, log = () => {} }: BenchOptions): BenchReport {
  if (sizes.length < 2 || sizes.some((n, i) => i > 0 && n <= sizes[i - 1])) {
    throw new Error(`sizes must be at least two ascending numbers of jobs (got ${sizes.join(', ')})`);
  }
  const { construct, alternative } = measureSynth(sizes, runs, log);
  const bundle = measureBundle(runs);
  log(`handler bundle: ${bundle.bytes} bytes, loads in ${bundle.loadMs} ms`);
  const targets = evaluateTargets(construct, alternative, bundle);
  return {
    sizes,
    runs,
    host: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus().length },
    construct,
    alternative,
    bundle,
    targets,
    pass: targets.every((t) => t.pass),
  };
}
