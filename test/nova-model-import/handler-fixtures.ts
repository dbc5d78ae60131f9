/*
 * The Nova model import's properties, as CloudFormation sends them to its
 * handlers (see ../lambda/fixtures.ts for the events).
 */
import { RawProperties, SERVICE_TOKEN } from '../lambda/fixtures';

/** The properties of a `Custom::BedrockNovaModelImport` as the construct writes them. */
export function importProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    modelSourceS3Uri: 's3://sagemaker-us-east-1-123456789012/nova/output/model/',
    roleArn: 'arn:aws:iam::123456789012:role/ImportRole',
    modelTags: [{ key: 'team', value: 'support' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '1800',
    ...overrides,
  };
}
