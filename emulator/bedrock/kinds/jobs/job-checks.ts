/*
 * What Bedrock checks in a CreateModelCustomizationJob request beyond the
 * model's constraints: the base model (a foundation model, or an Active custom
 * model that a job produced) exists here and supports the customization, and
 * the customization's configuration fits its type.
 */
import type { CreateModelCustomizationJobRequest, CustomizationType } from '@aws-sdk/client-bedrock';
import { FoundationModelCatalog, FoundationModelEntry } from '../../catalog';
import { validationError } from '../../errors';
import { checkTagCount } from '../../tags';
import type { CustomModels } from '../custom-models/custom-models';

export interface CheckedJobRequest {
  /** The foundation model, or the one underneath a custom base model. */
  readonly baseModel: FoundationModelEntry;
  readonly customizationType: CustomizationType;
}

/** Throws the error Bedrock answers with, or returns what the request resolves to. */
export function checkJobRequest(
  catalog: FoundationModelCatalog, customModels: CustomModels, request: CreateModelCustomizationJobRequest,
): CheckedJobRequest {
  const baseModel = resolveBaseModel(catalog, customModels, request.baseModelIdentifier!);
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

/** A foundation model of this region, or a custom model by ARN or name: Active, and made by a job (imported models cannot be customized). */
function resolveBaseModel(catalog: FoundationModelCatalog, customModels: CustomModels, identifier: string): FoundationModelEntry {
  const foundationModel = catalog.find(identifier);
  if (foundationModel) return foundationModel;
  const custom = identifier.includes(':custom-model/') || !identifier.includes('.') ? customModels.asBaseModel(identifier) : undefined;
  if (!custom) throw validationError(`The provided base model identifier ${identifier} is not a foundation model available in this region.`);
  if (custom.customizationType === 'IMPORTED') {
    throw validationError(`The base model ${custom.arn} is an imported model. Imported models cannot be customized.`);
  }
  if (custom.status !== 'Active') throw validationError(`The base model ${custom.arn} is ${custom.status}, not Active.`);
  return custom.baseModel;
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
  // Distillation, and reinforcement fine-tuning (https://docs.aws.amazon.com/bedrock/latest/userguide/rft-access-security.html).
  if (invocationLogsConfig !== undefined && type !== 'DISTILLATION' && type !== 'REINFORCEMENT_FINE_TUNING') {
    throw validationError('Training data from invocation logs is only for DISTILLATION and REINFORCEMENT_FINE_TUNING jobs.');
  }
}

/** A teacher is a foundation model, by id or ARN, or a cross-region inference profile of one (us.amazon.nova-pro-v1:0). */
function findTeacher(catalog: FoundationModelCatalog, identifier: string): FoundationModelEntry | undefined {
  const id = identifier.replace(/^arn:[^:]+:bedrock:[^:]*:[0-9]{12}:inference-profile\//, '');
  return catalog.find(id) ?? catalog.find(id.replace(/^[a-z-]+\./, ''));
}
