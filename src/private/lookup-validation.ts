import { CustomModelLookupResourceProperties } from './contract/lookup';
import { checkValue } from './validation';

/** The requests whose constraints the lookups' props must meet. */
export const LOOKUP_REQUEST = 'ListCustomModelsRequest';
export const NAME_REQUEST = 'GetCustomModelRequest';

/** Where each lookup prop lands in ListCustomModelsRequest. */
export const LOOKUP_PROP_PATHS = {
  nameContains: 'nameContains',
  baseModel: 'baseModelArnEquals',
  foundationModel: 'foundationModelArnEquals',
} as const;

/** Where the name of CustomModel.fromCustomModelName lands in GetCustomModelRequest. */
export const NAME_PROP_PATHS = {
  customModelName: 'modelIdentifier',
} as const;

/** What is wrong with the request a lookup will send. */
export function validateLookupRequest(p: CustomModelLookupResourceProperties): string[] {
  const errors = [
    ...checkValue(NAME_REQUEST, NAME_PROP_PATHS.customModelName, p.modelIdentifier, 'customModelName'),
    ...checkValue(LOOKUP_REQUEST, LOOKUP_PROP_PATHS.nameContains, p.nameContains, 'nameContains'),
    ...checkValue(LOOKUP_REQUEST, LOOKUP_PROP_PATHS.baseModel, p.baseModelArnEquals, 'baseModel (its ARN)'),
    ...checkValue(LOOKUP_REQUEST, LOOKUP_PROP_PATHS.foundationModel, p.foundationModelArnEquals, 'foundationModel (its ARN)'),
  ];
  if (p.creationTimeAfter && p.creationTimeBefore && p.creationTimeAfter >= p.creationTimeBefore) {
    errors.push(`createdAfter (${p.creationTimeAfter}) must be before createdBefore (${p.creationTimeBefore})`);
  }
  return errors;
}
