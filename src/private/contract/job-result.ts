/*
 * The properties contract of `Custom::BedrockModelCustomizationJobResult`
 * (see common.ts): the read-back of a job waited for by a wait condition,
 * once the job has completed.
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */
import type { ResourceTag } from './common';
import type { CompletedJobResourceAttributes } from './job';

/** Properties of the `Custom::BedrockModelCustomizationJobResult` resource. */
export interface JobResultResourceProperties {
  /** The job's name: a job that waited for a slot had no ARN when its resource completed. */
  readonly jobName: string;
  /** The job resource's physical id: it tells which custom model tags the job was created with. */
  readonly jobPhysicalId: string;
  /** The custom model tags wanted now: those the model lacks are applied. */
  readonly customModelTags?: ResourceTag[];
}

/** The `Data` a job result resource returns: the completed job's ARN, output model and metrics. */
export type JobResultResourceAttributes = CompletedJobResourceAttributes & { readonly JobArn: string };
