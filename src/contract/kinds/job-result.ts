/*
 * The properties contract of `Custom::BedrockModelCustomizationJobResult`
 * (see common.ts): the read-back of a job waited for by a wait condition,
 * once the job has completed.
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceTag } from '../common';
import type { ResourceKindEntry } from '../kind';
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

/** The kind's descriptor (see ../kind.ts): it reads the jobs that wait conditions waited for, and tags their models. */
export const JOB_RESULT_KIND = {
  resourceType: 'Custom::BedrockModelCustomizationJobResult',
  providerId: 'BedrockModelCustomizationJobResultProvider',
  onEvent: 'jobResultOnEvent',
  describe: {
    role: 'Reads the completed model customization jobs of this stack and tags their custom models',
    onEvent: 'Reports the output model and metrics of completed Amazon Bedrock model customization jobs',
  },
  tags: ['custom-model'],
  grants: [
    { operations: ['GetModelCustomizationJob'], on: ['model-customization-job'] },
    // Pending tags are synced to exactly the wanted set: read, then untag and tag.
    { operations: ['ListTagsForResource'], on: ['custom-model'] },
  ],
} as const satisfies ResourceKindEntry;
