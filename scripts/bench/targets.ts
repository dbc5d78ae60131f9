/*
 * The bench's targets, each with what was measured and whether it holds.
 */
import { BundleMeasurement } from './bundle';
import { IAM_LIMITS } from './iam-policies';
import { StackMeasurement, VariantMeasurement } from './synth';
import { WaitingMeasurement } from './waiting';

export interface Target {
  readonly id: string;
  readonly description: string;
  readonly measured: unknown;
  readonly limit: unknown;
  readonly pass: boolean;
}

/** At most this many more resources per extra job, when each job creates its own role. */
export const MAX_RESOURCES_PER_JOB = 3;
/** The construct's synth time for the most jobs, at most this many times the alternative's. */
export const MAX_SYNTH_RATIO = 1.5;
/** The shipped handler bundle, at most 700 KB. */
export const MAX_BUNDLE_BYTES = 700 * 1024;
/** Reads of a job per hour of waiting: one per 30-second poll in the polled tier; at most 12 with a wait condition. */
export const MAX_POLLED_GETS_PER_HOUR = 120;
export const MAX_CONDITION_GETS_PER_HOUR = 12;

export function evaluateTargets(
  construct: VariantMeasurement,
  alternative: VariantMeasurement,
  bundle: BundleMeasurement,
  waiting: WaitingMeasurement,
): Target[] {
  const stacks = construct.stacks;
  const largest = stacks[stacks.length - 1];
  const largestAlternative = alternative.stacks[alternative.stacks.length - 1];
  const providerCounts = stacks.map((s) => s.providerResources.count);
  const perJob = increments(stacks);
  const maxPerJob = Math.max(...perJob.map((i) => i.resourcesPerJob));
  const synthRatio = Math.round((largest.synthMs / largestAlternative.synthMs) * 100) / 100;
  return [
    {
      id: 'providerResourcesConstant',
      description: 'The provider\'s resources are the same in number for every stack size',
      measured: Object.fromEntries(stacks.map((s) => [s.jobs, s.providerResources.count])),
      limit: 'equal for every size',
      pass: providerCounts.every((c) => c === providerCounts[0]),
    },
    {
      id: 'resourcesPerExtraJob',
      description: `At most ${MAX_RESOURCES_PER_JOB} more resources per extra job when each job creates its own role`,
      measured: { max: maxPerJob, steps: perJob },
      limit: MAX_RESOURCES_PER_JOB,
      pass: maxPerJob <= MAX_RESOURCES_PER_JOB,
    },
    {
      id: 'policiesWithinIamLimits',
      description: `No IAM policy over its size limit at ${largest.jobs} jobs`,
      measured: { largest: largest.iam.largest, overLimit: largest.iam.overLimit },
      limit: IAM_LIMITS,
      pass: largest.iam.overLimit.length === 0,
    },
    {
      id: 'synthTimeVsAlternative',
      description: `Synth time for ${largest.jobs} jobs at most ${MAX_SYNTH_RATIO}x the alternative's`,
      measured: { ratio: synthRatio, constructMs: largest.synthMs, alternativeMs: largestAlternative.synthMs },
      limit: MAX_SYNTH_RATIO,
      pass: synthRatio <= MAX_SYNTH_RATIO,
    },
    {
      id: 'handlerBundleSize',
      description: 'The shipped handler bundle is at most 700 KB',
      measured: bundle.bytes,
      limit: MAX_BUNDLE_BYTES,
      pass: bundle.bytes <= MAX_BUNDLE_BYTES,
    },
    {
      id: 'polledGetsPerHour',
      description: `At most ${MAX_POLLED_GETS_PER_HOUR} Get calls per hour of waiting in the polled tier (completionTimeout up to 55 minutes)`,
      measured: waiting.polled,
      limit: MAX_POLLED_GETS_PER_HOUR,
      pass: waiting.polled.status === 'CREATE_COMPLETE' && waiting.polled.getCallsPerHour <= MAX_POLLED_GETS_PER_HOUR,
    },
    {
      id: 'conditionGetsPerHour',
      description: `At most ${MAX_CONDITION_GETS_PER_HOUR} Get calls per hour of waiting with a wait condition (completionTimeout above 55 minutes)`,
      measured: waiting.condition,
      limit: MAX_CONDITION_GETS_PER_HOUR,
      pass: waiting.condition.status === 'CREATE_COMPLETE' && waiting.condition.getCallsPerHour <= MAX_CONDITION_GETS_PER_HOUR,
    },
  ];
}

/** Resources added per extra job between consecutive stack sizes. */
function increments(stacks: readonly StackMeasurement[]): { from: number; to: number; resourcesPerJob: number }[] {
  return stacks.slice(1).map((s, i) => ({
    from: stacks[i].jobs,
    to: s.jobs,
    resourcesPerJob: Math.round(((s.resources - stacks[i].resources) / (s.jobs - stacks[i].jobs)) * 100) / 100,
  }));
}
