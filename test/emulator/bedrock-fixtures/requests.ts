/* Valid requests to start from; each test overrides what it is about. */
import type { CreateCustomModelCommandInput, CreateModelCustomizationJobCommandInput } from '@aws-sdk/client-bedrock';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockCustomizationRole';
export const BASE_MODEL = 'amazon.titan-text-express-v1:0:8k';

export function jobRequest(overrides: Partial<CreateModelCustomizationJobCommandInput> = {}): CreateModelCustomizationJobCommandInput {
  return {
    jobName: 'tune-1',
    customModelName: 'tuned-1',
    roleArn: ROLE_ARN,
    baseModelIdentifier: BASE_MODEL,
    trainingDataConfig: { s3Uri: 's3://training-bucket/train.jsonl' },
    validationDataConfig: { validators: [{ s3Uri: 's3://training-bucket/validation.jsonl' }] },
    outputDataConfig: { s3Uri: 's3://output-bucket/jobs/' },
    hyperParameters: { epochCount: '2' },
    ...overrides,
  };
}

export function importRequest(overrides: Partial<CreateCustomModelCommandInput> = {}): CreateCustomModelCommandInput {
  return {
    modelName: 'imported-1',
    roleArn: ROLE_ARN,
    modelSourceConfig: { s3DataSource: { s3Uri: 's3://bedrock-escrow/nova-artifacts/' } },
    ...overrides,
  };
}
