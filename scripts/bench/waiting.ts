/*
 * What waiting for a job costs: the Get calls on the job per emulated hour
 * of waiting, in each tier (the custom resource polling up to 55 minutes; a
 * wait condition signalled by the watcher above), measured by deploying a
 * one-job stack with the local engine against the Bedrock emulator on one
 * emulated time; a fleet of waited jobs that queue for the account's two
 * slots (its makespan, and every Bedrock call per job and hour of waiting);
 * and the resources a job waited for by a condition adds.
 */
import { App, Duration, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { BENCH_ENV, BENCH_STACK_NAME, HYPER_PARAMETERS, BASE_MODEL } from './stacks';
import { BedrockEmulator, jobPlanInHours } from '../../emulator/bedrock';
import { ExternalClock, LocalCloudFormation, synthesize } from '../../emulator/cloudformation';
import { BaseModel, ModelCustomizationJob, OutputData, TrainingData } from '../../src';

export interface TierMeasurement {
  readonly completionTimeoutMinutes: number;
  readonly jobMinutes: number;
  /** GetModelCustomizationJob calls from the job's creation to the end of the wait. */
  readonly getCalls: number;
  /** The rate of those reads: the reads after the first, over the emulated hours from the first to the last. */
  readonly getCallsPerHour: number;
  readonly status: string;
}

/** A fleet of waited jobs in an account that runs two at a time: they queue for slots. */
export interface FleetMeasurement {
  readonly jobs: number;
  readonly jobMinutes: number;
  /** The most jobs in progress at once (at most the account's two). */
  readonly peakInProgress: number;
  /** From the first job's start to the last one's end, and the shortest possible (each job started as soon as a slot frees). */
  readonly makespanHours: number;
  readonly idealHours: number;
  /** Every Bedrock call of the stack's handlers and watcher, per waited job and hour of its wait (queueing and training). */
  readonly callsPerJobHour: number;
  readonly status: string;
}

export interface WaitingMeasurement {
  readonly polled: TierMeasurement;
  readonly condition: TierMeasurement;
  readonly fleet: FleetMeasurement;
  /** Resources a job waited for by a condition adds, beside those of a job not waited for. */
  readonly resourcesPerWaitedJob: {
    readonly perJob: number;
    readonly byType: Record<string, number>;
    readonly perStack: number;
    /** All a waited job brings: its resource, its wait, and its service role and policy (or none of those, with a shared role). */
    readonly withOwnRole: number;
    readonly withSharedRole: number;
    /** The resources of a stack of 75 waited jobs, each with its own role (CloudFormation takes 500). */
    readonly stackOf75: number;
  };
}

/** Runs `measure` with the local engine and a Bedrock emulator on one emulated time, jobs of `jobMinutes`. */
async function onEmulatedTime<T>(jobMinutes: number, measure: (emulator: BedrockEmulator, engine: LocalCloudFormation) => Promise<T>): Promise<T> {
  const emulator = await BedrockEmulator.start({ clock: { acceleration: 0 }, jobPlan: jobPlanInHours(jobMinutes / 60) });
  const engine = new LocalCloudFormation({
    ...emulator.engineOptions(),
    clock: new ExternalClock(emulator.clock),
  });
  try {
    return await measure(emulator, engine);
  } finally {
    await engine.close();
    await emulator.stop();
  }
}

/** Deploys one job of `jobMinutes` waited for at most `timeoutMinutes`, and counts its reads. */
async function measureTier(timeoutMinutes: number, jobMinutes: number): Promise<TierMeasurement> {
  return onEmulatedTime(jobMinutes, async (emulator, engine) => {
    const { stack } = jobStack(1, Duration.minutes(timeoutMinutes));
    const result = await engine.deploy(synthesize(stack));
    // The reads while waiting: the deletion below reads the job too.
    const gets = emulator.callsTo('GetModelCustomizationJob').map((c) => c.time.getTime());
    await engine.destroy();
    const first = gets[0];
    const last = gets[gets.length - 1];
    return {
      completionTimeoutMinutes: timeoutMinutes,
      jobMinutes,
      getCalls: gets.length,
      getCallsPerHour: gets.length > 1 ? round(((gets.length - 1) * 3600_000) / (last - first)) : 0,
      status: result.status,
    };
  });
}

/** Deploys `jobs` jobs of `jobMinutes`, all waited for, under the emulator's default limit of two at a time. */
async function measureFleet(jobs: number, jobMinutes: number): Promise<FleetMeasurement> {
  return onEmulatedTime(jobMinutes, async (emulator, engine) => {
    const idealHours = (Math.ceil(jobs / 2) * jobMinutes) / 60;
    const { stack } = jobStack(jobs, Duration.minutes(Math.min(12 * 60, idealHours * 60 + 60)));
    const result = await engine.deploy(synthesize(stack));
    const listed = emulator.jobs.list({ maxResults: 100 }).items;
    const start = Math.min(...listed.map((j) => j.creationTime!.getTime()));
    const end = Math.max(...listed.map((j) => (j.endTime ?? emulator.clock.now()).getTime()));
    // Each job's wait, from the first start (every job of the fleet queues as the deployment begins) to its end.
    const waitHours = listed.reduce((sum, j) => sum + ((j.endTime ?? emulator.clock.now()).getTime() - start) / 3600_000, 0);
    return {
      jobs,
      jobMinutes,
      peakInProgress: emulator.capacity.peak('customizationJobs'),
      makespanHours: round((end - start) / 3600_000),
      idealHours,
      callsPerJobHour: round(emulator.calls.length / waitHours),
      status: result.status,
    };
  });
}

/** A bench stack of `jobs` jobs, each waited for `timeout` (or not), each with its own role or one `shared`. */
function jobStack(jobs: number, timeout?: Duration, shared = false): { stack: Stack } {
  const stack = new Stack(new App(), BENCH_STACK_NAME, { env: BENCH_ENV });
  const data = new s3.Bucket(stack, 'Data');
  const role = shared ? new iam.Role(stack, 'JobRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }) : undefined;
  for (let i = 0; i < jobs; i++) {
    new ModelCustomizationJob(stack, `Job${i}`, {
      baseModel: BaseModel.fromFoundationModel(BASE_MODEL),
      trainingData: TrainingData.fromBucket(data, `jobs/${i}/train.jsonl`),
      outputData: OutputData.fromBucket(data, `jobs/${i}/output/`),
      hyperParameters: HYPER_PARAMETERS,
      completionTimeout: timeout,
      role,
    });
  }
  return { stack };
}

function resourceTypes(stack: Stack): Record<string, number> {
  const resources = Object.values<{ Type: string }>(synthesize(stack).template.Resources);
  const byType: Record<string, number> = {};
  for (const { Type } of resources) byType[Type] = (byType[Type] ?? 0) + 1;
  return byType;
}

/** The resources of one, then two waited jobs, against the same without waiting. */
function resourcesPerWaitedJob(): WaitingMeasurement['resourcesPerWaitedJob'] {
  const [plain1, plain2, waited1, waited2] = [
    resourceTypes(jobStack(1).stack), resourceTypes(jobStack(2).stack),
    resourceTypes(jobStack(1, Duration.hours(5)).stack), resourceTypes(jobStack(2, Duration.hours(5)).stack),
  ];
  const total = (t: Record<string, number>) => Object.values(t).reduce((a, b) => a + b, 0);
  const byType: Record<string, number> = {};
  for (const type of new Set([...Object.keys(waited2), ...Object.keys(plain2)])) {
    const extra = ((waited2[type] ?? 0) - (waited1[type] ?? 0)) - ((plain2[type] ?? 0) - (plain1[type] ?? 0));
    if (extra !== 0) byType[type] = extra;
  }
  const waitedShared = [1, 2].map((n) => total(resourceTypes(jobStack(n, Duration.hours(5), true).stack)));
  return {
    perJob: (total(waited2) - total(waited1)) - (total(plain2) - total(plain1)),
    byType,
    // The job result provider, once per stack.
    perStack: (total(waited1) - total(plain1)) - ((total(waited2) - total(waited1)) - (total(plain2) - total(plain1))),
    withOwnRole: total(waited2) - total(waited1),
    withSharedRole: waitedShared[1] - waitedShared[0],
    stackOf75: total(resourceTypes(jobStack(75, Duration.hours(5)).stack)),
  };
}

export async function measureWaiting(log: (line: string) => void = () => {}): Promise<WaitingMeasurement> {
  const polled = await measureTier(55, 50);
  log(`polled tier: ${polled.getCalls} Get calls for a ${polled.jobMinutes}-minute job, ${polled.getCallsPerHour} an hour`);
  const condition = await measureTier(6 * 60, 5 * 60);
  log(`wait condition tier: ${condition.getCalls} Get calls for a ${condition.jobMinutes / 60}-hour job, ${condition.getCallsPerHour} an hour`);
  const fleet = await measureFleet(6, 60);
  log(`fleet of ${fleet.jobs} one-hour jobs under two slots: ${fleet.makespanHours} h (shortest ${fleet.idealHours} h), `
    + `${fleet.callsPerJobHour} Bedrock calls per job and hour of waiting, at most ${fleet.peakInProgress} in progress`);
  return { polled, condition, fleet, resourcesPerWaitedJob: resourcesPerWaitedJob() };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
