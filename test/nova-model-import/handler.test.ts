import {
  ConflictException, CreateCustomModelCommand, DeleteCustomModelCommand, GetCustomModelCommand, ResourceNotFoundException,
  TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { importProperties } from './handler-fixtures';
import { isComplete, ImportWaitEvent } from '../../lambda/nova-model-import/is-complete';
import { onEvent } from '../../lambda/nova-model-import/on-event';
import { IMPORT } from '../../lambda/nova-model-import/properties';
import { DELETE_WAIT_SECONDS } from '../../lambda/shared/lifecycle';
import { createEvent, CREATE_FAILED_PLACEHOLDER, deleteEvent, IMPORTED_MODEL_ARN, RawProperties, seededPhysicalId, updateEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const IMPORTED_ARN = IMPORTED_MODEL_ARN;
const IMPORTED_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/mnopqrstuvwx';
const $metadata = {};


function physicalId(modelArn = IMPORTED_ARN, props: RawProperties = importProperties()): string {
  return seededPhysicalId(IMPORT, modelArn, props);
}

describe('Create', () => {
  test('imports the model with a token and a generated name, and returns its ARN, name and a deadline', async () => {
    bedrock.on(CreateCustomModelCommand).resolves({ modelArn: IMPORTED_ARN });
    const before = Date.now();

    const result = await onEvent(createEvent(importProperties({ modelKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' })));

    const input = bedrock.commandCalls(CreateCustomModelCommand)[0].args[0].input;
    expect(input).toEqual({
      modelName: expect.stringMatching(/^FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}$/),
      clientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      modelSourceConfig: { s3DataSource: { s3Uri: 's3://sagemaker-us-east-1-123456789012/nova/output/model/' } },
      roleArn: 'arn:aws:iam::123456789012:role/ImportRole',
      modelKmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      modelTags: [{ key: 'team', value: 'support' }],
    });
    expect(IMPORT.physicalId.parse(result.PhysicalResourceId)?.arn).toBe(IMPORTED_ARN);
    expect(result.Data).toEqual({ ModelArn: IMPORTED_ARN, ModelName: input.modelName });
    expect(Date.parse(result.Deadline!) - before).toBeGreaterThanOrEqual(1800 * 1000);
  });

  test('a retried Create sends the same token', async () => {
    bedrock.on(CreateCustomModelCommand).resolves({ modelArn: IMPORTED_ARN });
    await onEvent(createEvent(importProperties()));
    await onEvent(createEvent(importProperties()));
    const [first, second] = bedrock.commandCalls(CreateCustomModelCommand).map((c) => c.args[0].input);
    expect(second.clientRequestToken).toBe(first.clientRequestToken);
    expect(second.modelName).toBe(first.modelName);
  });

  test('a name conflict on a fixed modelName says which name to change', async () => {
    bedrock.on(CreateCustomModelCommand).rejects(new ConflictException({ message: 'exists', $metadata }));
    await expect(onEvent(createEvent(importProperties({ modelName: 'support' })))).rejects.toThrow(
      "A custom model named 'support' already exists (modelName is set in your stack). Choose another modelName, or remove it to let the handler generate one.",
    );
  });
});

describe('Update', () => {
  test('a tag change is made in place, on the same model', async () => {
    bedrock.on(UntagResourceCommand).resolves({}).on(TagResourceCommand).resolves({});
    const after = importProperties({ modelTags: [{ key: 'owner', value: 'ops' }], removalPolicy: 'destroy' });

    const result = await onEvent(updateEvent(physicalId(), importProperties(), after));

    expect(result.PhysicalResourceId).toBe(physicalId());
    expect(bedrock).toHaveReceivedCommandWith(UntagResourceCommand, { resourceARN: IMPORTED_ARN, tagKeys: ['team'] });
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: IMPORTED_ARN, tags: [{ key: 'owner', value: 'ops' }] });
    expect(bedrock).not.toHaveReceivedCommand(CreateCustomModelCommand);
    // The id has the model's ARN: nothing to read (only a model that waited for a slot is found by its name).
    expect(bedrock).not.toHaveReceivedCommand(GetCustomModelCommand);
  });

  test('a new model source imports a new model', async () => {
    bedrock.on(CreateCustomModelCommand).resolves({ modelArn: IMPORTED_ARN_2 });
    const after = importProperties({ modelSourceS3Uri: 's3://sagemaker-us-east-1-123456789012/nova-2/' });

    const result = await onEvent(updateEvent(physicalId(), importProperties(), after));

    expect(IMPORT.physicalId.parse(result.PhysicalResourceId)?.arn).toBe(IMPORTED_ARN_2);
    expect(result.Replacement).toBe(true);
  });

  test('a fixed modelName cannot be replaced', async () => {
    const before = importProperties({ modelName: 'support' });
    const after = importProperties({ modelName: 'support', modelSourceS3Uri: 's3://sagemaker-us-east-1-123456789012/nova-2/' });
    await expect(onEvent(updateEvent(physicalId(IMPORTED_ARN, before), before, after))).rejects.toThrow(
      "Cannot replace custom model 'support': changing modelSourceS3Uri requires a new model, and modelName is fixed to 'support'.",
    );
  });
});

describe('Delete', () => {
  test('destroy deletes the model; a model already gone counts as deleted', async () => {
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Active' });
    bedrock.on(DeleteCustomModelCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(onEvent(deleteEvent(physicalId(), importProperties({ removalPolicy: 'destroy' })))).resolves.toEqual({ PhysicalResourceId: physicalId() });
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: IMPORTED_ARN });

    bedrock.reset();
    bedrock.on(GetCustomModelCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(onEvent(deleteEvent(physicalId(), importProperties({ removalPolicy: 'destroy' })))).resolves.toEqual({ PhysicalResourceId: physicalId() });
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);
  });

  test('the rollback of a create that never completed (a pending id) deletes the model, whatever the removal policy', async () => {
    const pending = IMPORT.physicalId.format({ ...IMPORT.physicalId.parse(physicalId())!, pending: true });
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Active' });
    bedrock.on(DeleteCustomModelCommand).resolves({});
    await expect(onEvent(deleteEvent(pending, importProperties({ removalPolicy: 'retain' })))).resolves.toEqual({ PhysicalResourceId: pending });
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: IMPORTED_ARN });
  });

  test('a model still Creating is deleted once it has left Creating: the Delete waits in isComplete, bounded', async () => {
    bedrock.on(GetCustomModelCommand).resolvesOnce({ modelStatus: 'Creating' }).resolvesOnce({ modelStatus: 'Creating' }).resolves({ modelStatus: 'Active' });
    bedrock.on(DeleteCustomModelCommand).resolves({});
    const started = Date.now();
    const result = await onEvent(deleteEvent(physicalId(), importProperties({ removalPolicy: 'destroy' })));
    expect(result.PhysicalResourceId).toBe(physicalId());
    expect(Date.parse(result.Deadline!) - started).toBeGreaterThanOrEqual(DELETE_WAIT_SECONDS * 1000);
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);

    const wait = { ...deleteEvent(physicalId(), importProperties({ removalPolicy: 'destroy' })), ...result } as ImportWaitEvent;
    await expect(isComplete(wait)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(wait)).resolves.toEqual({ IsComplete: true });
    expect(bedrock).toHaveReceivedCommandTimes(DeleteCustomModelCommand, 1);
  });

  test('a model still Creating when the Delete\'s bound passes fails the Delete, saying what to do', async () => {
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Creating' });
    const wait = { ...deleteEvent(physicalId(), importProperties({ removalPolicy: 'destroy' })), Deadline: new Date(Date.now() - 1).toISOString() } as ImportWaitEvent;
    await expect(isComplete(wait)).rejects.toThrow(
      `Custom model ${IMPORTED_ARN} is still Creating after 55 minutes, and a model cannot be deleted while it is Creating. `
      + `Delete it once it is Active or Failed (aws bedrock delete-custom-model --model-identifier ${IMPORTED_ARN}), then delete the stack again.`,
    );
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);
  });

  test('a model in use by a provisioned throughput fails the Delete with a message that says so', async () => {
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Active' });
    bedrock.on(DeleteCustomModelCommand).rejects(new ConflictException({ message: 'The model is in use.', $metadata }));
    await expect(onEvent(deleteEvent(physicalId(), importProperties({ removalPolicy: 'destroy' })))).rejects.toThrow(
      /ConflictException: The model is in use\.\. The model is in use, for example by a provisioned throughput/,
    );
  });

  test('retain keeps an Active model and deletes a Failed one', async () => {
    bedrock.on(GetCustomModelCommand).resolvesOnce({ modelStatus: 'Active' }).resolvesOnce({ modelStatus: 'Failed' });
    bedrock.on(DeleteCustomModelCommand).resolves({});
    await onEvent(deleteEvent(physicalId(), importProperties()));
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);
    await onEvent(deleteEvent(physicalId(), importProperties()));
    expect(bedrock).toHaveReceivedCommandTimes(DeleteCustomModelCommand, 1);
  });

  test('the placeholder of a failed Create needs nothing', async () => {
    await onEvent(deleteEvent(CREATE_FAILED_PLACEHOLDER, importProperties({ removalPolicy: 'destroy' })));
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});

describe('isComplete', () => {
  const waitEvent = (deadline: string, extra: Partial<ImportWaitEvent> = {}) =>
    ({ ...createEvent(importProperties()), PhysicalResourceId: physicalId(), Deadline: deadline, ...extra }) as ImportWaitEvent;
  const later = () => new Date(Date.now() + 60_000).toISOString();

  test('Creating is not complete; Active is', async () => {
    bedrock.on(GetCustomModelCommand).resolvesOnce({ modelStatus: 'Creating' }).resolvesOnce({ modelStatus: 'Active' });
    await expect(isComplete(waitEvent(later()))).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(waitEvent(later()))).resolves.toEqual({ IsComplete: true, PhysicalResourceId: physicalId() });
  });

  test('Failed fails with Bedrock\'s message first', async () => {
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Failed', failureMessage: 'The artifacts are not a Nova model.' });
    await expect(isComplete(waitEvent(later()))).rejects.toThrow(/^The artifacts are not a Nova model\. \(custom model arn:\S+ Failed\)$/);
  });

  test('a passed deadline fails with the ARN and status, and deletes a replacement', async () => {
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Creating' });
    bedrock.on(DeleteCustomModelCommand).resolves({});
    await expect(isComplete(waitEvent(new Date(Date.now() - 1).toISOString(), { Replacement: true }))).rejects.toThrow(
      /^Custom model arn:\S+ did not become Active within the completion timeout \(.+\); it is Creating\.$/,
    );
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: IMPORTED_ARN });
  });

  test('a replacement that Bedrock refuses to delete while it is Creating fails saying what to do', async () => {
    bedrock.on(GetCustomModelCommand).resolves({ modelStatus: 'Creating' });
    bedrock.on(DeleteCustomModelCommand).rejects(new ConflictException({ message: 'The model is being created.', $metadata }));
    await expect(isComplete(waitEvent(new Date(Date.now() - 1).toISOString(), { Replacement: true }))).rejects.toThrow(
      /it is Creating\. Bedrock refused to delete it while it is Creating: delete it once it is Active or Failed \(aws bedrock delete-custom-model --model-identifier arn:\S+\)\.$/,
    );
  });
});
