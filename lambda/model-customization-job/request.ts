/*
 * The CreateModelCustomizationJob request for decoded properties. Pure (no
 * I/O, no clock), so the demo script can print exactly what a handler sends.
 */
import type {
  CreateModelCustomizationJobCommandInput, CustomizationConfig, RequestMetadataFilters, TrainingDataConfig,
} from '@aws-sdk/client-bedrock';
import { JOB, JobProperties } from './properties';
import { clientRequestToken, nameSeed, RequestIdentity } from '../shared/names';
import { NameSource } from '../shared/resource-kind';
import { tagsField } from '../shared/tags';

/** The job and custom model names of one job resource: the properties when the user set them, else generated. */
export interface ResolvedJobNames {
  readonly jobName: string;
  readonly customModelName: string;
  /** True when the handler generated jobName (so a job of that name is ours). */
  readonly jobNameGenerated: boolean;
  readonly customModelNameGenerated: boolean;
}

export function resolveJobNames(props: JobProperties, source: NameSource): ResolvedJobNames {
  const job = JOB.name(props, 'jobName', source);
  const model = JOB.name(props, 'customModelName', source);
  return { jobName: job.name, customModelName: model.name, jobNameGenerated: job.generated, customModelNameGenerated: model.generated };
}

/** The names and idempotency token of one create (see shared/names.ts). */
export interface JobNames {
  readonly jobName: string;
  readonly customModelName: string;
  readonly clientRequestToken: string;
}

/** Everything a Create decides before calling Bedrock. */
export interface PlannedCreate {
  readonly seed: string;
  readonly names: ResolvedJobNames;
  readonly request: CreateModelCustomizationJobCommandInput;
}

/** The request a Create sends for `props`: the RequestId fixes the token, the seed and generated names. */
export function planCreate(id: RequestIdentity, props: JobProperties): PlannedCreate {
  const seed = nameSeed(id);
  const names = resolveJobNames(props, { ...id, seed });
  const request = buildCreateJobRequest(props, { ...names, clientRequestToken: clientRequestToken(id) });
  return { seed, names, request };
}

export function buildCreateJobRequest(props: JobProperties, names: JobNames): CreateModelCustomizationJobCommandInput {
  const validators = props.validationDataS3Uris ?? [];
  return {
    jobName: names.jobName,
    customModelName: names.customModelName,
    clientRequestToken: names.clientRequestToken,
    roleArn: props.roleArn,
    baseModelIdentifier: props.baseModelIdentifier,
    customizationType: props.customizationType,
    trainingDataConfig: trainingDataConfig(props),
    ...(validators.length > 0 ? { validationDataConfig: { validators: validators.map(s3Uri => ({ s3Uri })) } } : {}),
    outputDataConfig: { s3Uri: props.outputDataS3Uri },
    ...(nonEmpty(props.hyperParameters) ? { hyperParameters: { ...props.hyperParameters } } : {}),
    ...tagsField('jobTags', props.jobTags),
    ...tagsField('customModelTags', props.customModelTags),
    ...(props.vpcConfig ? { vpcConfig: { subnetIds: [...props.vpcConfig.subnetIds], securityGroupIds: [...props.vpcConfig.securityGroupIds] } } : {}),
    ...(props.customModelKmsKeyId !== undefined ? { customModelKmsKeyId: props.customModelKmsKeyId } : {}),
    ...customizationConfig(props),
  };
}

function trainingDataConfig(props: JobProperties): TrainingDataConfig {
  const logs = props.invocationLogs;
  if (!logs) return { s3Uri: props.trainingDataS3Uri };
  return {
    invocationLogsConfig: {
      invocationLogSource: { s3Uri: logs.s3Uri },
      ...(logs.usePromptResponse !== undefined ? { usePromptResponse: logs.usePromptResponse } : {}),
      // The decoded filter has the union's shape: one member set, lists of flat conditions.
      ...(logs.requestMetadataFilters ? { requestMetadataFilters: logs.requestMetadataFilters as RequestMetadataFilters } : {}),
    },
  };
}

/** customizationConfig: the distillation or reinforcement fine-tuning settings, for those types only. */
function customizationConfig(props: JobProperties): { customizationConfig?: CustomizationConfig } {
  const { distillation, reinforcementFineTuning: rft } = props;
  if (distillation) {
    return {
      customizationConfig: {
        distillationConfig: {
          teacherModelConfig: {
            teacherModelIdentifier: distillation.teacherModelIdentifier,
            ...(distillation.maxResponseLengthForInference !== undefined
              ? { maxResponseLengthForInference: distillation.maxResponseLengthForInference } : {}),
          },
        },
      },
    };
  }
  if (rft) {
    return {
      customizationConfig: {
        rftConfig: {
          graderConfig: { lambdaGrader: { lambdaArn: rft.graderLambdaArn } },
          ...(rft.hyperParameters && Object.keys(rft.hyperParameters).length > 0 ? { hyperParameters: { ...rft.hyperParameters } } : {}),
        },
      },
    };
  }
  return {};
}


function nonEmpty(map: Record<string, string> | undefined): map is Record<string, string> {
  return map !== undefined && Object.keys(map).length > 0;
}
