/*
 * What Bedrock checks in a CreateModelCustomizationJob request beyond the
 * model's constraints: the base model exists here and supports the
 * customization, and the customization's configuration fits its type.
 */
import type { CreateModelCustomizationJobRequest, CustomizationType } from '@aws-sdk/client-bedrock';
import { FoundationModelCatalog, FoundationModelEntry } from './catalog';
import { validationError } from './errors';
import { checkTagCount } from './tags';

export interface CheckedJobRequest {
  readonly baseModel: FoundationModelEntry;
  readonly customizationType: CustomizationType;
}

/** Throws the error Bedrock answers with, or returns what the request resolves to. */
export function checkJobRequest(catalog: FoundationModelCatalog, request: CreateModelCustomizationJobRequest): CheckedJobRequest {
  const identifier = request.baseModelIdentifier!;
  const baseModel = catalog.find(identifier);
  if (!baseModel) throw validationError(`The provided base model identifier ${identifier} is not a foundation model available in this region.`);
  const customizationType = request.customizationType ?? 'FINE_TUNING';
  if (!catalog.supports(baseModel, customizationType)) {
    throw validationError(`The base model ${baseModel.modelId} does not support the customization type ${customizationType}.`);
  }
  checkCustomizationConfig(catalog, request, customizationType);
  checkTrainingData(request, customizationType);
  checkTagCount(request.jobTags?.length ?? 0);
  checkTagCount(request.customModelTags?.length ?? 0);
  return { baseModel, customizationType };
}

function checkCustomizationConfig(catalog: FoundationModelCatalog, request: CreateModelCustomizationJobRequest, type: CustomizationType): void {
  const config = request.customizationConfig;
  if (type === 'DISTILLATION') {
    const teacher = config?.distillationConfig?.teacherModelConfig?.teacherModelIdentifier;
    if (teacher === undefined) throw validationError('A DISTILLATION job needs customizationConfig.distillationConfig.');
    if (!findTeacher(catalog, teacher)) throw validationError(`The teacher model ${teacher} is not available in this region.`);
  } else if (type === 'REINFORCEMENT_FINE_TUNING') {
    if (config?.rftConfig === undefined) throw validationError('A REINFORCEMENT_FINE_TUNING job needs customizationConfig.rftConfig.');
  } else if (config !== undefined) {
    throw validationError(`customizationConfig does not apply to the customization type ${type}.`);
  }
}

function checkTrainingData(request: CreateModelCustomizationJobRequest, type: CustomizationType): void {
  const { s3Uri, invocationLogsConfig } = request.trainingDataConfig ?? {};
  if ((s3Uri === undefined) === (invocationLogsConfig === undefined)) {
    throw validationError('trainingDataConfig needs exactly one of s3Uri and invocationLogsConfig.');
  }
  if (invocationLogsConfig !== undefined && type !== 'DISTILLATION') {
    throw validationError('Training data from invocation logs is only for DISTILLATION jobs.');
  }
}

/** A teacher is a foundation model, by id or ARN, or a cross-region inference profile of one (us.amazon.nova-pro-v1:0). */
function findTeacher(catalog: FoundationModelCatalog, identifier: string): FoundationModelEntry | undefined {
  const id = identifier.replace(/^arn:[^:]+:bedrock:[^:]*:[0-9]{12}:inference-profile\//, '');
  return catalog.find(id) ?? catalog.find(id.replace(/^[a-z-]+\./, ''));
}
