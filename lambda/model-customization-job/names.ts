/*
 * The job and custom model names of one job resource: the property when the
 * user set it, else generated from the stack, the logical id and the seed.
 */
import type { JobProperties } from './properties';
import { generatedName } from '../shared/names';

export interface ResolvedJobNames {
  readonly jobName: string;
  readonly customModelName: string;
  /** True when the handler generated jobName (so a job of that name is ours). */
  readonly jobNameGenerated: boolean;
  readonly customModelNameGenerated: boolean;
}

export function resolveJobNames(props: JobProperties, stackId: string, logicalResourceId: string, seed: string): ResolvedJobNames {
  const generated = generatedName(stackId, logicalResourceId, seed);
  return {
    jobName: props.jobName ?? generated,
    customModelName: props.customModelName ?? generated,
    jobNameGenerated: props.jobName === undefined,
    customModelNameGenerated: props.customModelName === undefined,
  };
}
