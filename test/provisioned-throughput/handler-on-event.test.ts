import {
  ConflictException, CreateProvisionedModelThroughputCommand, DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand, ResourceNotFoundException, ServiceQuotaExceededException, TagResourceCommand, UntagResourceCommand,
  UpdateProvisionedModelThroughputCommand, ValidationException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { GENERATED_THROUGHPUT_NAME, THROUGHPUT_ARN, THROUGHPUT_ARN_2, throughputDetails, throughputPhysicalId, throughputProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/provisioned-throughput/on-event';
import { THROUGHPUT } from '../../lambda/provisioned-throughput/properties';
import { MAX_FAILURE_MESSAGE_BYTES } from '../../lambda/shared/bounded-failure';
import { createEvent, CREATE_FAILED_PLACEHOLDER, deleteEvent, LOGICAL_ID, MODEL_ARN, MODEL_ARN_2, updateEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const $metadata = {};
const GENERATED_NAME = /^FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}$/;
const ID = throughputPhysicalId();
/** The attributes of the throughput of ID, under its generated name. */
const DATA = { ProvisionedModelArn: THROUGHPUT_ARN, ProvisionedModelName: GENERATED_THROUGHPUT_NAME };

describe('Create', () => {
  test('buys the throughput under a generated name, with a token and the tags, and returns a pending id, the attributes and a deadline', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: THROUGHPUT_ARN });
    const before = Date.now();

    const result = await onEvent(createEvent(throughputProperties()));

    const input = bedrock.commandCalls(CreateProvisionedModelThroughputCommand)[0].args[0].input;
    expect(input).toEqual({
      provisionedModelName: expect.stringMatching(GENERATED_NAME),
      modelId: MODEL_ARN,
      modelUnits: 1,
      clientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      tags: [{ key: 'team', value: 'support' }],
    });
    expect(input.provisionedModelName).toMatch(/^([0-9a-zA-Z][_-]?)+$/);
    expect(input.provisionedModelName!.length).toBeLessThanOrEqual(63);
    expect(THROUGHPUT.physicalId.parse(result.PhysicalResourceId)).toEqual({
      arn: THROUGHPUT_ARN, seed: expect.stringMatching(/^[0-9a-f]{8}$/), digest: THROUGHPUT.digest(THROUGHPUT.decode(throughputProperties())), pending: true,
    });
    expect(result.Data).toEqual({ ProvisionedModelArn: THROUGHPUT_ARN, ProvisionedModelName: input.provisionedModelName });
    expect(Date.parse(result.Deadline!) - before).toBeGreaterThanOrEqual(1800 * 1000);
    expect(Date.parse(result.Deadline!) - Date.now()).toBeLessThanOrEqual(1800 * 1000);
  });

  test('a given name and a commitment are sent; a retried Create sends the same token', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: THROUGHPUT_ARN });
    const props = throughputProperties({ provisionedModelName: 'support-pt', modelUnits: '2', commitmentDuration: 'SixMonths', tags: undefined });
    const first = await onEvent(createEvent(props));
    await onEvent(createEvent(props));

    const [a, b] = bedrock.commandCalls(CreateProvisionedModelThroughputCommand).map((c) => c.args[0].input);
    expect(a).toEqual({
      provisionedModelName: 'support-pt', modelId: MODEL_ARN, modelUnits: 2, commitmentDuration: 'SixMonths', clientRequestToken: expect.any(String),
    });
    expect(b.clientRequestToken).toBe(a.clientRequestToken);
    expect(first.Data).toEqual({ ProvisionedModelArn: THROUGHPUT_ARN, ProvisionedModelName: 'support-pt' });
  });

  test('bad properties name the culprit before any call', async () => {
    await expect(onEvent(createEvent(throughputProperties({ modelUnits: '1.5' })))).rejects.toThrow("Invalid property 'modelUnits': expected an integer");
    await expect(onEvent(createEvent(throughputProperties({ commitmentDuration: 'OneYear' })))).rejects.toThrow(
      "Invalid property 'commitmentDuration': expected one of 'OneMonth', 'SixMonths'",
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('a name taken says whose name it is; another refusal keeps Bedrock\'s message', async () => {
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(new ConflictException({ message: 'exists', $metadata }));
    await expect(onEvent(createEvent(throughputProperties({ provisionedModelName: 'support-pt' })))).rejects.toThrow(
      "A provisioned throughput named 'support-pt' already exists (provisionedModelName is set in your stack).",
    );
    bedrock.on(CreateProvisionedModelThroughputCommand).rejects(new ServiceQuotaExceededException({ message: 'No model units.', $metadata }));
    await expect(onEvent(createEvent(throughputProperties()))).rejects.toThrow(
      /^Creating provisioned throughput 'FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}' failed: a Bedrock service quota is exceeded/,
    );
  });
});

describe('Update', () => {
  test('a new name renames the throughput in place, keeping its id, and waits', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService'));
    bedrock.on(UpdateProvisionedModelThroughputCommand).resolves({});
    const started = Date.now();

    const result = await onEvent(updateEvent(ID, throughputProperties(), throughputProperties({ provisionedModelName: 'support-pt' })));

    const calls = bedrock.commandCalls(UpdateProvisionedModelThroughputCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([{ provisionedModelId: THROUGHPUT_ARN, desiredProvisionedModelName: 'support-pt' }]);
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);
    expect(result.PhysicalResourceId).toBe(ID);
    expect(result.Replacement).toBeUndefined();
    expect(result.Data).toEqual({ ProvisionedModelArn: THROUGHPUT_ARN, ProvisionedModelName: 'support-pt' });
    expect(Date.parse(result.Deadline!) - started).toBeGreaterThanOrEqual(1800 * 1000);
  });

  test('a new model updates it in place; a name removed goes back to the generated one', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', { provisionedModelName: 'support-pt' }));
    bedrock.on(UpdateProvisionedModelThroughputCommand).resolves({});
    const before = throughputProperties({ provisionedModelName: 'support-pt' });

    const result = await onEvent(updateEvent(throughputPhysicalId(before), before, throughputProperties({ modelId: MODEL_ARN_2 })));

    expect(bedrock).toHaveReceivedCommandWith(UpdateProvisionedModelThroughputCommand, {
      provisionedModelId: THROUGHPUT_ARN, desiredProvisionedModelName: GENERATED_THROUGHPUT_NAME, desiredModelId: MODEL_ARN_2,
    });
    expect(result).toMatchObject({ PhysicalResourceId: ID, Deadline: expect.any(String) });
  });

  test('a model change alone sends only the model; what Bedrock already shows is not sent again (a rollback)', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService'));
    bedrock.on(UpdateProvisionedModelThroughputCommand).resolves({});
    await onEvent(updateEvent(ID, throughputProperties(), throughputProperties({ modelId: MODEL_ARN_2 })));
    expect(bedrock.commandCalls(UpdateProvisionedModelThroughputCommand)[0].args[0].input)
      .toEqual({ provisionedModelId: THROUGHPUT_ARN, desiredModelId: MODEL_ARN_2 });

    // The rollback of that update, which Bedrock never started: the throughput still serves the old model.
    bedrock.resetHistory();
    const rollback = await onEvent(updateEvent(ID, throughputProperties({ modelId: MODEL_ARN_2 }), throughputProperties()));
    expect(bedrock).not.toHaveReceivedCommand(UpdateProvisionedModelThroughputCommand);
    expect(rollback).toMatchObject({ PhysicalResourceId: ID, Deadline: expect.any(String) });

    // Under way to the new model: the rollback moves it back.
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Updating', { desiredModelArn: MODEL_ARN_2 }));
    await onEvent(updateEvent(ID, throughputProperties({ modelId: MODEL_ARN_2 }), throughputProperties()));
    expect(bedrock).toHaveReceivedCommandWith(UpdateProvisionedModelThroughputCommand, { desiredModelId: MODEL_ARN });
  });

  test('a refused update fails with Bedrock\'s message', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService'));
    bedrock.on(UpdateProvisionedModelThroughputCommand).rejects(new ValidationException({ message: 'Not the same base model.', $metadata }));
    await expect(onEvent(updateEvent(ID, throughputProperties(), throughputProperties({ modelId: MODEL_ARN_2 })))).rejects.toThrow(
      `Updating provisioned throughput '${THROUGHPUT_ARN}' to model '${MODEL_ARN_2}' failed: Bedrock rejected the request: Not the same base model.`,
    );
  });

  test('tags change in place, with no wait', async () => {
    bedrock.on(UntagResourceCommand).resolves({}).on(TagResourceCommand).resolves({});
    const result = await onEvent(updateEvent(ID, throughputProperties(), throughputProperties({ tags: [{ key: 'owner', value: 'ops' }] })));

    expect(result).toEqual({ PhysicalResourceId: ID, Data: DATA });
    expect(bedrock).toHaveReceivedCommandWith(UntagResourceCommand, { resourceARN: THROUGHPUT_ARN, tagKeys: ['team'] });
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: THROUGHPUT_ARN, tags: [{ key: 'owner', value: 'ops' }] });
    expect(bedrock).not.toHaveReceivedCommand(UpdateProvisionedModelThroughputCommand);
    expect(bedrock).not.toHaveReceivedCommand(CreateProvisionedModelThroughputCommand);
  });

  test('a library-only change calls no Bedrock API, does not wait, and keeps the generated name', async () => {
    const after = throughputProperties({ removalPolicy: 'destroy', completionTimeoutSeconds: '3000' });
    const result = await onEvent(updateEvent(ID, throughputProperties(), after, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'));
    expect(result).toEqual({ PhysicalResourceId: ID, Data: DATA });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test.each([
    ['model units', { modelUnits: '2' }, { modelUnits: 2 }],
    ['the commitment', { commitmentDuration: 'OneMonth' }, { commitmentDuration: 'OneMonth' }],
  ])('new %s make a new throughput (a replacement), with a name generated for this request', async (_what, change, sent) => {
    bedrock.on(CreateProvisionedModelThroughputCommand).resolves({ provisionedModelArn: THROUGHPUT_ARN_2 });
    const after = throughputProperties({ ...change, modelId: MODEL_ARN_2 });

    const result = await onEvent(updateEvent(ID, throughputProperties(), after));

    expect(result.Replacement).toBe(true);
    expect(THROUGHPUT.physicalId.parse(result.PhysicalResourceId)).toMatchObject({ arn: THROUGHPUT_ARN_2, pending: true });
    expect(result.Deadline).toEqual(expect.any(String));
    const input = bedrock.commandCalls(CreateProvisionedModelThroughputCommand)[0].args[0].input;
    expect(input).toMatchObject({ modelId: MODEL_ARN_2, ...sent, provisionedModelName: expect.stringMatching(GENERATED_NAME) });
    expect(input.provisionedModelName).not.toBe(GENERATED_THROUGHPUT_NAME);
    expect(bedrock).not.toHaveReceivedCommand(UpdateProvisionedModelThroughputCommand);
  });

  test('a fixed name blocks a replacement, naming only what needs one', async () => {
    const before = throughputProperties({ provisionedModelName: 'support-pt' });
    const after = throughputProperties({ provisionedModelName: 'support-pt', modelUnits: '2', modelId: MODEL_ARN_2 });
    await expect(onEvent(updateEvent(throughputPhysicalId(before), before, after))).rejects.toThrow(
      "Cannot replace provisioned throughput 'support-pt': changing modelUnits requires a new throughput, "
      + "and provisionedModelName is fixed to 'support-pt'. Change provisionedModelName too, or remove it to let the handler generate names.",
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});

describe('Delete', () => {
  const destroy = throughputProperties({ removalPolicy: 'destroy' });
  const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000);

  test('retain keeps the throughput, with no Bedrock call', async () => {
    await expect(onEvent(deleteEvent(ID, throughputProperties()))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('destroy deletes it, with nothing to wait for; one already gone is deleted', async () => {
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await expect(onEvent(deleteEvent(ID, destroy))).resolves.toEqual({ PhysicalResourceId: ID });
    expect(bedrock).toHaveReceivedCommandWith(DeleteProvisionedModelThroughputCommand, { provisionedModelId: THROUGHPUT_ARN });

    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(onEvent(deleteEvent(ID, destroy))).resolves.toEqual({ PhysicalResourceId: ID });
  });

  test('the rollback of a create that never completed (a pending id) deletes it, whatever the removal policy', async () => {
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    const pending = throughputPhysicalId(throughputProperties(), true);
    await expect(onEvent(deleteEvent(pending, throughputProperties()))).resolves.toEqual({ PhysicalResourceId: pending });
    expect(bedrock).toHaveReceivedCommandWith(DeleteProvisionedModelThroughputCommand, { provisionedModelId: THROUGHPUT_ARN });
  });

  test('a committed throughput Bedrock refuses to delete fails saying why, until when, and what to do in each case', async () => {
    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(new ValidationException({ message: 'Cannot delete before the commitment term.', $metadata }));
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolves(throughputDetails('InService', { commitmentDuration: 'OneMonth', commitmentExpirationTime: inAMonth }));
    const until = inAMonth.toISOString();
    await expect(onEvent(deleteEvent(ID, destroy))).rejects.toThrow(
      `Cannot delete provisioned throughput ${THROUGHPUT_ARN}: its OneMonth commitment runs until ${until}, and Bedrock deletes `
      + `no throughput before its term is over (it is billed until then). Delete it after ${until}: aws bedrock `
      + `delete-provisioned-model-throughput --provisioned-model-id ${THROUGHPUT_ARN}. Until then, if the stack is being deleted, `
      + `set removalPolicy to RemovalPolicy.RETAIN and deploy again, or delete the stack with --retain-resources ${LOGICAL_ID}; `
      + 'if an update or its rollback replaced or removed it, CloudFormation leaves it outside the stack. '
      + '(Bedrock: Cannot delete before the commitment term.)',
    );
  });

  test('the commitment message is bounded and keeps what to do; a pending id is not told to retain', async () => {
    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(new ConflictException({ message: `Committed ${'x'.repeat(5000)}`, $metadata }));
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Creating', { commitmentDuration: 'SixMonths' }));
    const error: Error = await onEvent(deleteEvent(throughputPhysicalId(destroy, true), destroy)).then(() => new Error('resolved'), (e) => e);
    expect(Buffer.byteLength(JSON.stringify(error.message))).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES + 2);
    expect(error.message).toContain('its SixMonths commitment runs until the end of its term');
    expect(error.message).toContain(`if the stack is being deleted, delete the stack with --retain-resources ${LOGICAL_ID}; if an update`);
    expect(error.message).not.toContain('removalPolicy');
    expect(error.message).toMatch(/\(Bedrock: Committed x+…\)$/);
  });

  test('a refusal with no commitment in force keeps Bedrock\'s message and the status; other errors fail the Delete', async () => {
    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(new ConflictException({ message: 'Busy.', $metadata }));
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolves(throughputDetails('Updating', { commitmentDuration: 'OneMonth', commitmentExpirationTime: new Date(Date.now() - 1000) }));
    await expect(onEvent(deleteEvent(ID, destroy))).rejects.toThrow(
      `Deleting provisioned throughput '${THROUGHPUT_ARN}' failed: ConflictException: Busy. (it is Updating)`,
    );

    bedrock.reset();
    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(onEvent(deleteEvent(ID, destroy))).rejects.toThrow(
      `Deleting provisioned throughput '${THROUGHPUT_ARN}' failed: the handler role lacks permission`,
    );
    expect(bedrock).not.toHaveReceivedCommand(GetProvisionedModelThroughputCommand);
  });

  test('the placeholder of a failed Create needs nothing', async () => {
    await onEvent(deleteEvent(CREATE_FAILED_PLACEHOLDER, destroy));
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});
