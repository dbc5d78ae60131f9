/*
 * The whole bench: both variants synthesized at each size, the handler
 * bundle, the cost of waiting, and the targets.
 */
import * as os from 'os';
import { BundleMeasurement, measureBundle } from './bundle';
import { measureSynth, VariantMeasurement } from './synth';
import { evaluateTargets, Target } from './targets';
import { measureWaiting, WaitingMeasurement } from './waiting';

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
  /** Get calls per hour of waiting in each tier, and the resources a waited job adds. */
  readonly waiting: WaitingMeasurement;
  readonly targets: readonly Target[];
  /** Whether every target holds. */
  readonly pass: boolean;
}

export async function runBench({ sizes, runs, log = () => {} }: BenchOptions): Promise<BenchReport> {
  if (sizes.length < 2 || sizes.some((n, i) => i > 0 && n <= sizes[i - 1])) {
    throw new Error(`sizes must be at least two ascending numbers of jobs (got ${sizes.join(', ')})`);
  }
  const { construct, alternative } = measureSynth(sizes, runs, log);
  const bundle = measureBundle(runs);
  log(`handler bundle: ${bundle.bytes} bytes, loads in ${bundle.loadMs} ms`);
  const waiting = await measureWaiting(log);
  const targets = evaluateTargets(construct, alternative, bundle, waiting);
  return {
    sizes,
    runs,
    host: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: os.cpus().length },
    construct,
    alternative,
    bundle,
    waiting,
    targets,
    pass: targets.every((t) => t.pass),
  };
}
