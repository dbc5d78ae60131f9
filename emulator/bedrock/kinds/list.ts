/*
 * Every resource kind the emulator serves, one line each: the name is the
 * kind's key in the state and on the emulator (`emulator.jobs`), the folder
 * holds its registration (`KIND`, kind.ts). Nothing else names the kinds.
 */
export * as customModels from './custom-models';
export * as jobs from './jobs';
export * as deployments from './deployments';
export * as throughputs from './throughputs';
export * as loggingConfig from './logging-config';
export * as modelImportJobs from './model-import-jobs';
