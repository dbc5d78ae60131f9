import { ProvisionedThroughputResourceProperties } from './contract/throughput';
import { checkValue } from './validation';

/** The request whose constraints the throughput's props must meet. */
export const THROUGHPUT_REQUEST = 'CreateProvisionedModelThroughputRequest';

/** Where each prop lands in the request: read by synth-time validation and its coverage test. */
export const THROUGHPUT_PROP_PATHS = {
  'provisionedModelName': 'provisionedModelName',
  'model': 'modelId',
  'modelUnits': 'modelUnits',
  'commitment': 'commitmentDuration',
  'tags': 'tags',
  'tags.key': 'tags[].key',
  'tags.value': 'tags[].value',
} as const;

export type ThroughputProp = keyof typeof THROUGHPUT_PROP_PATHS;

/** What is wrong with the request the throughput will send (the tags aside: ResourceTags checks them). */
export function validateThroughputRequest(p: Omit<ProvisionedThroughputResourceProperties, 'removalPolicy'>): string[] {
  const errors: string[] = [];
  const check = (prop: ThroughputProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(THROUGHPUT_REQUEST, THROUGHPUT_PROP_PATHS[prop], value, label));
  check('provisionedModelName', p.provisionedModelName);
  check('model', p.modelId, 'model (its ARN)');
  check('modelUnits', p.modelUnits);
  check('commitment', p.commitmentDuration);
  return errors;
}
