/*
 * The properties contract of `Custom::BedrockModelCustomizationJobResult`
 * (see common.ts): the read-back of a job waited for by a wait condition,
 * once the job has completed.
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceTag, WaitResultProperties } from '../common';
import type { ResourceKindEntry } from '../kind';
import type { CompletedJobResourceAttributes } from './job';

/** Properties of the `Custom::BedrockModelCustomizationJobResult` resource. */
export interface JobResultResourceProperties extends WaitResultProperties {
  /** The custom model tags wanted now: those the model lacks are applied (the job's physical id tells which it was created with). */
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
  notDefining: ['customModelTags'] satisfies Array<keyof JobResultResourceProperties>,
  grants: [
    { operations: ['GetModelCustomizationJob'], on: ['model-customization-job'] },
    // Pending tags are synced to exactly the wanted set: read, then untag and tag.
    { operations: ['ListTagsForResource'], on: ['custom-model'] },
  ],
} as const satisfies ResourceKindEntry;
