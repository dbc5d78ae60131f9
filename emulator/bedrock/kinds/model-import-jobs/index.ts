/* Model import jobs (Custom Model Import of open-weight models) and their imported models: the kind's registration. */
import { IMPORTED_MODEL_ARN, MODEL_IMPORT_JOB_ARN } from './arn';
import { importedModelResolver } from './endpoints';
import { ModelImportJobPlan, ModelImportJobs } from './model-import-jobs';
import { MODEL_IMPORT_JOB_OPERATIONS } from './operations';
import type { EmulatedKind } from '../kind';

export interface ModelImportJobOptions {
  /** The plan of every model import job that has no plan of its own. */
  readonly modelImportJobPlan?: ModelImportJobPlan;
}

export const KIND: EmulatedKind<ModelImportJobs, typeof MODEL_IMPORT_JOB_OPERATIONS, ModelImportJobOptions> = {
  // Jobs read their sources from the emulated S3 (state.artifacts) when it holds their bucket.
  create: (state, options) => new ModelImportJobs(state.account, state.clock, state.tags, state.capacity, state.iam, state.artifacts,
    options.modelImportJobPlan, {
      wanted: () => state.events.rules.modelImportJobs,
      ended: (job, time) => state.events.modelImportJobStatusChanged(job, time),
    }),
  operations: MODEL_IMPORT_JOB_OPERATIONS,
  arns: [MODEL_IMPORT_JOB_ARN, IMPORTED_MODEL_ARN],
  // The account's one import at a time ("Concurrent model import jobs" fixed at 1, sagemaker-python-sdk PR 5952),
  // the slot CreateCustomModel's imports hold too while capacity.rules.customModelsHoldImportSlot.
  slots: { CreateModelImportJob: 'modelImports' },
  endpoints: importedModelResolver,
  // Events see the ends that time made, which no poll has seen (only while they send events: events.rules.modelImportJobs).
  settle: (jobs) => jobs.settleForEvents(),
};
