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
/** The shipped handler bundle, at most 470 KB, loaded in at most 40 ms (the median of fresh processes). */
export const MAX_BUNDLE_BYTES = 470 * 1024;
export const MAX_BUNDLE_LOAD_MS = 40;
/** Reads of a job per hour of waiting: one per 30-second poll in the polled tier; at most 12 with a wait condition. */
export const MAX_POLLED_GETS_PER_HOUR = 120;
export const MAX_CONDITION_GETS_PER_HOUR = 12;
/** Bedrock calls per waited job and hour of its wait, queueing included. */
export const MAX_CALLS_PER_WAITED_JOB_HOUR = 12;
/** A fleet's makespan at most this much longer than starting each job as soon as a slot frees. */
export const MAX_MAKESPAN_RATIO = 1.1;
/** A waited job's resources with its own role, and with a shared one; the waited jobs one stack must hold. */
export const MAX_WAITED_JOB_RESOURCES = { withOwnRole: 6, withSharedRole: 4 };
export const WAITED_JOBS_PER_STACK = 75;
const MAX_STACK_RESOURCES = 500;

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
      description: `The shipped handler bundle is at most ${MAX_BUNDLE_BYTES / 1024} KB`,
      measured: bundle.bytes,
      limit: MAX_BUNDLE_BYTES,
      pass: bundle.bytes <= MAX_BUNDLE_BYTES,
    },
    {
      id: 'handlerBundleLoad',
      description: `Node.js loads the handler bundle in at most ${MAX_BUNDLE_LOAD_MS} ms`,
      measured: bundle.loadMs,
      limit: MAX_BUNDLE_LOAD_MS,
      pass: bundle.loadMs <= MAX_BUNDLE_LOAD_MS,
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
    {
      id: 'queuedCallsPerJobHour',
      description: `At most ${MAX_CALLS_PER_WAITED_JOB_HOUR} Bedrock calls per waited job and hour of waiting, queueing for a slot included`,
      measured: waiting.fleet,
      limit: MAX_CALLS_PER_WAITED_JOB_HOUR,
      pass: waiting.fleet.status === 'CREATE_COMPLETE' && waiting.fleet.callsPerJobHour <= MAX_CALLS_PER_WAITED_JOB_HOUR,
    },
    {
      id: 'fleetMakespan',
      description: `A fleet under two slots done within ${Math.round((MAX_MAKESPAN_RATIO - 1) * 100)}% of starting each job as soon as a slot frees, never more than two in progress`,
      measured: { makespanHours: waiting.fleet.makespanHours, idealHours: waiting.fleet.idealHours, peakInProgress: waiting.fleet.peakInProgress },
      limit: MAX_MAKESPAN_RATIO,
      pass: waiting.fleet.makespanHours <= waiting.fleet.idealHours * MAX_MAKESPAN_RATIO && waiting.fleet.peakInProgress <= 2,
    },
    {
      id: 'resourcesPerWaitedJob',
      description: `A waited job brings at most ${MAX_WAITED_JOB_RESOURCES.withOwnRole} resources with its own role, `
        + `${MAX_WAITED_JOB_RESOURCES.withSharedRole} with a shared one; ${WAITED_JOBS_PER_STACK} fit in one stack`,
      measured: waiting.resourcesPerWaitedJob,
      limit: { ...MAX_WAITED_JOB_RESOURCES, stackOf75: MAX_STACK_RESOURCES },
      pass: waiting.resourcesPerWaitedJob.withOwnRole <= MAX_WAITED_JOB_RESOURCES.withOwnRole
        && waiting.resourcesPerWaitedJob.withSharedRole <= MAX_WAITED_JOB_RESOURCES.withSharedRole
        && waiting.resourcesPerWaitedJob.stackOf75 <= MAX_STACK_RESOURCES,
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
