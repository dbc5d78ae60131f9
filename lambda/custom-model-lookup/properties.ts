/* Decoding of `Custom::BedrockCustomModelLookup` properties. */
import type { CustomModelLookupResourceProperties } from '../../src/contract/kinds/lookup';
import { boolean, decodeProperties, Fields, oneOf, optional, PropertyError, string, struct } from '../shared/properties';

export type LookupProperties = CustomModelLookupResourceProperties;

const fields: Fields<LookupProperties> = {
  modelIdentifier: optional(string),
  nameContains: optional(string),
  baseModelArnEquals: optional(string),
  foundationModelArnEquals: optional(string),
  creationTimeAfter: optional(string),
  creationTimeBefore: optional(string),
  modelStatus: optional(oneOf('Active', 'Creating', 'Failed')),
  isOwned: optional(boolean),
};

export function decodeLookupProperties(raw: unknown): LookupProperties {
  const props = decodeProperties(struct(fields), raw);
  for (const key of ['creationTimeAfter', 'creationTimeBefore'] as const) {
    const value = props[key];
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new PropertyError(key, 'an ISO 8601 time', value);
  }
  return props;
}
