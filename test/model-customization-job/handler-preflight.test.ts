/*
 * The check of a foundation base model before a create: GetFoundationModel,
 * and a clear refusal only when the model's list of customizations can name
 * the requested type and does not.
 */
import {
  AccessDeniedException, CreateModelCustomizationJobCommand, GetFoundationModelCommand, ModelCustomization,
  ResourceNotFoundException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { distillationProperties, rawProperties, rftProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/model-customization-job/on-event';
import { isFoundationModelIdentifier, LISTED_CUSTOMIZATIONS } from '../../lambda/model-customization-job/preflight';
import { generatedName, nameSeed } from '../../lambda/shared/names';
import { createEvent, CREATE_REQUEST_ID, JOB_ARN, LOGICAL_ID, STACK_ID, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const $metadata = {};
const jobName = generatedName(STACK_ID, LOGICAL_ID, nameSeed({ stackId: STACK_ID, logicalResourceId: LOGICAL_ID, requestId: CREATE_REQUEST_ID }));
const CUSTOM_MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';

beforeEach(() => {
  bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
});

function modelSupports(customizationsSupported: ModelCustomization[] | undefined) {
  bedrock.on(GetFoundationModelCommand).resolves({
    modelDetails: { modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/x.y', modelId: 'x.y', customizationsSupported },
  });
}

describe('a foundation base model', () => {
  test('that lists the customization: the job starts', async () => {
    modelSupports(['FINE_TUNING', 'CONTINUED_PRE_TRAINING']);
    const result = await onEvent(createEvent(rawProperties({ customizationType: 'CONTINUED_PRE_TRAINING' })));
    expect(result.Data?.JobArn).toBe(JOB_ARN);
    expect(bedrock).toHaveReceivedCommandWith(GetFoundationModelCommand, { modelIdentifier: 'amazon.titan-text-express-v1:0:8k' });
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
  });

  test('that lists other customizations: a clear refusal, and no create', async () => {
    modelSupports(['FINE_TUNING', 'CONTINUED_PRE_TRAINING']);
    await expect(onEvent(createEvent(distillationProperties({ baseModelIdentifier: 'amazon.titan-text-express-v1:0:8k' })))).rejects.toThrow(
      `Cannot create model customization job '${jobName}': the base model amazon.titan-text-express-v1:0:8k does not support DISTILLATION `
      + '(GetFoundationModel says it supports only FINE_TUNING, CONTINUED_PRE_TRAINING). '
      + 'Choose a base model that supports DISTILLATION, or another customization.',
    );
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 0);
  });

  test('that lists none (an on-demand variant): a refusal that says so', async () => {
    modelSupports([]);
    await expect(onEvent(createEvent(rawProperties({ baseModelIdentifier: 'amazon.nova-micro-v1:0' })))).rejects.toThrow(
      /the base model amazon\.nova-micro-v1:0 does not support FINE_TUNING \(GetFoundationModel says it supports no customization\)/,
    );
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 0);
  });

  test('by ARN: the ARN is what is read', async () => {
    modelSupports(['FINE_TUNING']);
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k';
    await onEvent(createEvent(rawProperties({ baseModelIdentifier: arn })));
    expect(bedrock).toHaveReceivedCommandWith(GetFoundationModelCommand, { modelIdentifier: arn });
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
  });

  test.each<[string, () => void]>([
    ['lists nothing at all (no customizationsSupported)', () => modelSupports(undefined)],
    ['is not found', () => bedrock.on(GetFoundationModelCommand).rejects(new ResourceNotFoundException({ message: 'no such model', $metadata }))],
    ['answers with no details', () => bedrock.on(GetFoundationModelCommand).resolves({})],
  ])('that %s: CreateModelCustomizationJob decides', async (_, answer) => {
    answer();
    await expect(onEvent(createEvent(rawProperties()))).resolves.toMatchObject({ Data: { JobArn: JOB_ARN } });
    expect(bedrock).toHaveReceivedCommandTimes(GetFoundationModelCommand, 1);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
  });

  test('a failed read fails the create, before any job exists', async () => {
    bedrock.on(GetFoundationModelCommand).rejects(new AccessDeniedException({ message: 'not authorized to perform bedrock:GetFoundationModel', $metadata }));
    await expect(onEvent(createEvent(rawProperties()))).rejects.toThrow(
      new RegExp(`^Reading base model 'amazon\\.titan-text-express-v1:0:8k' of model customization job '${jobName}' failed: the handler role lacks permission`),
    );
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 0);
  });
});

describe('no check', () => {
  test.each<[string, Record<string, unknown>]>([
    ['reinforcement fine-tuning, which the list cannot name', rftProperties()],
    ['a custom base model by ARN', rawProperties({ baseModelIdentifier: CUSTOM_MODEL_ARN })],
    ['a custom base model by name', rawProperties({ baseModelIdentifier: 'my_tuned-model' })],
  ])('for %s', async (_, props) => {
    await expect(onEvent(createEvent(props))).resolves.toMatchObject({ Data: { JobArn: JOB_ARN } });
    expect(bedrock).toHaveReceivedCommandTimes(GetFoundationModelCommand, 0);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
  });
});

test('the types a model can list are the values of the API\'s ModelCustomization enum', () => {
  expect([...LISTED_CUSTOMIZATIONS].sort()).toEqual(Object.values(ModelCustomization).sort());
  expect(LISTED_CUSTOMIZATIONS).not.toContain('REINFORCEMENT_FINE_TUNING');
});

test.each<[string, boolean]>([
  ['amazon.nova-micro-v1:0:128k', true],
  ['meta.llama3-1-8b-instruct-v1:0:128k', true],
  ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k', true],
  ['arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.titan-text-express-v1:0:8k', true],
  [CUSTOM_MODEL_ARN, false],
  ['my_tuned-model', false],
])('%s is a foundation model identifier: %s', (identifier, expected) => {
  expect(isFoundationModelIdentifier(identifier)).toBe(expected);
});
