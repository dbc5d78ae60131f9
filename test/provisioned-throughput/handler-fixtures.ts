/*
 * The provisioned throughput's properties and ids, as CloudFormation sends
 * them to its handlers (see ../lambda/fixtures.ts for the events).
 */
import { THROUGHPUT } from '../../lambda/provisioned-throughput/properties';
import { MODEL_ARN, RawProperties, seededPhysicalId, SERVICE_TOKEN } from '../lambda/fixtures';

export const THROUGHPUT_ARN = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';
export const THROUGHPUT_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/mnopqrstuvwx';
/** The name generated for a throughput whose Create had the fixtures' seed (see throughputPhysicalId). */
export const GENERATED_THROUGHPUT_NAME = 'FineTuneStack-TuneJob1A2B3C4D-0a1b2c3d';

/** Provisioned throughput properties the way CloudFormation sends them (numbers as strings). */
export function throughputProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    modelId: MODEL_ARN,
    modelUnits: '1',
    tags: [{ key: 'team', value: 'support' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '1800',
    ...overrides,
  };
}

/** The physical id of a throughput created from `props` (see seededPhysicalId). */
export function throughputPhysicalId(props: RawProperties = throughputProperties(), pending = false, arn = THROUGHPUT_ARN): string {
  return seededPhysicalId(THROUGHPUT, arn, props, pending);
}

/** A throughput as GetProvisionedModelThroughput describes it: THROUGHPUT_ARN, serving MODEL_ARN, under the generated name. */
export function throughputDetails(status: string, extra: object = {}): never {
  return {
    provisionedModelArn: THROUGHPUT_ARN,
    provisionedModelName: GENERATED_THROUGHPUT_NAME,
    modelArn: MODEL_ARN,
    desiredModelArn: MODEL_ARN,
    foundationModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k',
    modelUnits: 1,
    desiredModelUnits: 1,
    status,
    creationTime: new Date(),
    lastModifiedTime: new Date(),
    ...extra,
  } as never;
}
