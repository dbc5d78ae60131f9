/*
 * Everything the emulated Bedrock holds for one account and region, wired
 * together. reset() builds a fresh one.
 */
import { Account } from './arns';
import { Capacity, CapacityOptions } from './capacity';
import { DEFAULT_FOUNDATION_MODELS, FoundationModelCatalog, FoundationModelEntry } from './catalog';
import { ClockOptions, EmulatedClock } from './clock';
import { CustomModelPlan, CustomModels } from './custom-models';
import { DeploymentPlan, Deployments } from './deployments';
import { BedrockEvents } from './events';
import { IamPropagation } from './iam-propagation';
import type { JobPlan } from './job-record';
import { ArtifactStore, Jobs } from './jobs';
import { LoggingConfigStore } from './logging-config';
import { TagStore } from './tags';
import { ThroughputPlan, Throughputs } from './throughputs';

export interface StateOptions {
  readonly clock?: ClockOptions;
  /** The plan of every job that has no plan of its own (see Jobs.planFor). */
  readonly jobPlan?: JobPlan;
  /** The plan of every imported model that has no plan of its own. */
  readonly customModelPlan?: CustomModelPlan;
  /** The plan of every custom model deployment that has no plan of its own. */
  readonly deploymentPlan?: DeploymentPlan;
  /** The plan of every provisioned throughput that has no plan of its own. */
  readonly throughputPlan?: ThroughputPlan;
  /** How many creates with a role never used before fail with "Could not assume provided IAM role.". Default 0. */
  readonly iamPropagationFailures?: number;
  /** The account's concurrency limits and their rules (capacity.ts). Default: 2 customization jobs, 1 import. */
  readonly capacity?: CapacityOptions;
  /** The foundation models of the region. Default: foundation-models.json. */
  readonly foundationModels?: readonly FoundationModelEntry[];
}

export interface EmulatorState {
  readonly account: Account;
  readonly clock: EmulatedClock;
  readonly catalog: FoundationModelCatalog;
  readonly tags: TagStore;
  readonly capacity: Capacity;
  readonly customModels: CustomModels;
  readonly jobs: Jobs;
  readonly deployments: Deployments;
  readonly throughputs: Throughputs;
  readonly events: BedrockEvents;
  readonly loggingConfig: LoggingConfigStore;
  readonly iam: IamPropagation;
}

/** `artifacts`: where completed jobs write their metrics files (the emulated S3). */
export function createState(account: Account, options: StateOptions = {}, artifacts?: ArtifactStore): EmulatorState {
  const clock = new EmulatedClock(options.clock);
  const catalog = new FoundationModelCatalog(account, options.foundationModels ?? DEFAULT_FOUNDATION_MODELS);
  const tags = new TagStore();
  const capacity = new Capacity(() => clock.now(), options.capacity);
  // Jobs reserve the name of the model they will create, so imports check them too.
  const customModels = new CustomModels(account, clock, catalog, tags, capacity,
    (name): boolean => jobs.reservesModelName(name), options.customModelPlan);
  // Events settle the jobs to find the changes that time made, which no poll has seen.
  const events = new BedrockEvents(account, (): void => jobs.settleAll());
  const jobs = new Jobs(account, clock, catalog, customModels, tags, capacity, options.jobPlan,
    (job, time) => events.jobStatusChanged(job, time), artifacts);
  return {
    account,
    clock,
    catalog,
    tags,
    capacity,
    customModels,
    jobs,
    deployments: new Deployments(account, clock, customModels, tags, options.deploymentPlan),
    throughputs: new Throughputs(account, clock, catalog, customModels, tags, options.throughputPlan),
    events,
    loggingConfig: new LoggingConfigStore(),
    iam: new IamPropagation(options.iamPropagationFailures),
  };
}
