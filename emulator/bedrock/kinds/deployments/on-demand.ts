/*
 * Which custom models CreateCustomModelDeployment and
 * UpdateCustomModelDeployment take for on-demand inference, as the user
 * guide's "Deploy a custom model for on-demand inference" lists them: its
 * Regions, its base models, and models customized on or after 2025-07-16.
 * Every limit is switchable per test (reset() makes new rules, with the defaults).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/deploy-custom-model-on-demand.html
 */
import { validationError } from '../../errors';
import type { CustomBaseModel } from '../custom-models/custom-models';

export interface OnDemandRules {
  /** Whether the Regions, base models and dates below are checked. Default true. */
  enforced: boolean;
  /**
   * "You can deploy a custom model for on-demand inference in the following
   * Regions": US East (N. Virginia) and US West (Oregon). An older revision of
   * the page (and of its prerequisites) lists N. Virginia only.
   */
  regions: string[];
  /**
   * "Supported base models": Amazon Nova Lite, Micro and Pro (the Amazon Nova
   * user guide adds Nova Canvas, which the catalog lacks), by the ids jobs
   * customize. Nothing else, Nova 2 Lite included, is listed.
   */
  baseModels: string[];
  /** "You must customize the model on or after 7/16/2025": the model's creationTime. */
  customizedOnOrAfter: Date;
  /**
   * Imported models (CreateCustomModel). The API reference: "To use the model
   * for inference, you must purchase Provisioned Throughput for it. You can't
   * use On-demand inference with these custom models" ('refused', the default:
   * it refuses more). The on-demand page: "import a SageMaker AI-trained
   * custom Amazon Nova model, you can set up on-demand inference for the
   * model" ('deployable': checked as other custom models).
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModel.html
   */
  importedModels: 'refused' | 'deployable';
}

export function defaultOnDemandRules(): OnDemandRules {
  return {
    enforced: true,
    regions: ['us-east-1', 'us-west-2'],
    baseModels: ['amazon.nova-micro-v1:0:128k', 'amazon.nova-lite-v1:0:300k', 'amazon.nova-pro-v1:0:300k'],
    customizedOnOrAfter: new Date('2025-07-16T00:00:00Z'),
    importedModels: 'refused',
  };
}

/**
 * Refuses, with a ValidationException (the operations' only modelled error
 * for a request they cannot serve; the pages quote no wording), a model that
 * the rules do not deploy on demand in `region`. The model's status is checked elsewhere.
 */
export function checkOnDemand(rules: OnDemandRules, region: string, model: CustomBaseModel): void {
  if (model.customizationType === 'IMPORTED' && rules.importedModels === 'refused') {
    throw validationError(`The custom model ${model.arn} is an imported model. Imported models cannot be deployed for on-demand inference; use Provisioned Throughput.`);
  }
  if (!rules.enforced) return;
  if (!rules.regions.includes(region)) {
    throw validationError(`Custom model deployment for on-demand inference isn't supported in ${region}.`);
  }
  const cannot = `The custom model ${model.arn} can't be deployed for on-demand inference`;
  if (!rules.baseModels.includes(model.baseModel.modelId)) {
    throw validationError(`${cannot}: its base model ${model.baseModel.modelId} doesn't support on-demand inference for custom models.`);
  }
  if (model.creationTime < rules.customizedOnOrAfter) {
    throw validationError(`${cannot}: it was customized before ${rules.customizedOnOrAfter.toISOString().slice(0, 10)}.`);
  }
}
