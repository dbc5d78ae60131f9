/* Model customization jobs: the kind's registration. */
import { JOB_ARN } from './arn';
import type { JobPlan } from './job-record';
import { Jobs } from './jobs';
import { JOB_OPERATIONS } from './operations';
import type { EmulatedKind } from '../kind';

export interface JobOptions {
  /** The plan of every job that has no plan of its own (see Jobs.planFor). */
  readonly jobPlan?: JobPlan;
}

export const KIND: EmulatedKind<Jobs, typeof JOB_OPERATIONS, JobOptions> = {
  create: (state, options) => new Jobs(state.account, state.clock, state.catalog, state.customModels, state.tags, state.capacity, state.iam,
    options.jobPlan, (job, time) => state.events.jobStatusChanged(job, time), state.artifacts),
  operations: JOB_OPERATIONS,
  arns: [JOB_ARN],
  slots: { CreateModelCustomizationJob: 'customizationJobs' },
  // Events see the changes that time made, which no poll has seen.
  settle: (jobs) => jobs.settleAll(),
};
