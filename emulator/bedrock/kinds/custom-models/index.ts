/* Custom models (imported, or made by jobs): the kind's registration. */
import { CUSTOM_MODEL_ARN } from './arn';
import { CustomModelPlan, CustomModels } from './custom-models';
import { CUSTOM_MODEL_OPERATIONS } from './operations';
import type { EmulatedKind } from '../kind';

export interface CustomModelOptions {
  /** The plan of every imported model that has no plan of its own. */
  readonly customModelPlan?: CustomModelPlan;
}

export const KIND: EmulatedKind<CustomModels, typeof CUSTOM_MODEL_OPERATIONS, CustomModelOptions> = {
  // Jobs reserve the name of the model they will create, so imports check them too (read per call: jobs need models).
  create: (state, options) => new CustomModels(state.account, state.clock, state.catalog, state.tags, state.capacity, state.iam,
    (name) => state.jobs.reservesModelName(name), options.customModelPlan),
  operations: CUSTOM_MODEL_OPERATIONS,
  arns: [CUSTOM_MODEL_ARN],
  // Held while Creating unless capacity.rules.customModelsHoldImportSlot is false.
  slots: { CreateCustomModel: 'modelImports' },
};
