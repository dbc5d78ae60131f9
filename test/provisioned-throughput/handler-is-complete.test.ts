import {
  DeleteProvisionedModelThroughputCommand, GetProvisionedModelThroughputCommand, ResourceNotFoundException, ValidationException,
} from '@aws-sdk/client-bedrock';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import 'aws-sdk-client-mock-jest';
import { GENERATED_THROUGHPUT_NAME, THROUGHPUT_ARN, throughputDetails, throughputPhysicalId, throughputProperties } from './handler-fixtures';
import { isComplete, ThroughputWaitEvent } from '../../lambda/provisioned-throughput/is-complete';
import { MAX_FAILURE_MESSAGE_BYTES } from '../../lambda/shared/bounded-failure';
import { createEvent, deleteEvent, escaped, LOGICAL_ID, logLines, MODEL_ARN, MODEL_ARN_2, passedDeadline, RawProperties, updateEvent, useMockedBedrock, waitEventOf } from '../lambda/fixtures';

const { bedrock, logs } = useMockedBedrock();
const $metadata = {};
const PENDING_ID = throughputPhysicalId(throughputProperties(), true);
const CONFIRMED_ID = throughputPhysicalId();
const earlier = passedDeadline;

/** The event isComplete gets: the request merged with onEvent's result. */
const waitEvent = (request: CloudFormationCustomResourceEvent, result: Partial<ThroughputWaitEvent> = {}) =>
  waitEventOf<ThroughputWaitEvent>(request, PENDING_ID, result);
const creating = (result: Partial<ThroughputWaitEvent> = {}) => waitEvent(createEvent(throughputProperties()), result);
/** An in-place Update of the throughput on the confirmed id, to `after`. */
const updating = (after: RawProperties, result: Partial<ThroughputWaitEvent> = {}) =>
  waitEvent(updateEvent(CONFIRMED_ID, throughputProperties(), throughputProperties(after)), { PhysicalResourceId: CONFIRMED_ID, ...result });
const statuses = () => logLines(logs()).filter((line) => line.message === 'Throughput status').map((line) => [line.logicalResourceId, line.status]);

describe('isComplete: Create', () => {
  test('Creating is not complete; InService is, with the id confirmed; each poll logs the status', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolvesOnce(throughputDetails('Creating')).resolves(throughputDetails('InService'));
    await expect(isComplete(creating())).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(creating())).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(bedrock).toHaveReceivedCommandWith(GetProvisionedModelThroughputCommand, { provisionedModelId: THROUGHPUT_ARN });
    expect(statuses()).toEqual([[LOGICAL_ID, 'Creating'], [LOGICAL_ID, 'InService']]);
  });

  test('a request that does not wait (no Deadline) is complete at once', async () => {
    await expect(isComplete(creating({ Deadline: undefined }))).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('Failed fails with Bedrock\'s message first, then the ARN; the throughput is left to the Delete that follows', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Failed', { failureMessage: 'Insufficient capacity.' }));
    await expect(isComplete(creating())).rejects.toThrow(
      new RegExp(`^Insufficient capacity\\. \\(provisioned throughput ${escaped(THROUGHPUT_ARN)} Failed\\)$`),
    );
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Failed'));
    await expect(isComplete(creating())).rejects.toThrow(/^The throughput failed\. \(provisioned throughput \S+ Failed\)$/);
    expect(bedrock).not.toHaveReceivedCommand(DeleteProvisionedModelThroughputCommand);
  });

  test('a long failure message is quoted from its start, bounded, on one line, the ARN kept', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Failed', { failureMessage: `Capacity: ${'x'.repeat(3000)}\nmore` }));
    const error: Error = await isComplete(creating()).then(() => new Error('resolved'), (e) => e);
    expect(error.message.startsWith(`Capacity: ${'x'.repeat(700)}`)).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
    expect(error.message).toMatch(new RegExp(`… \\(provisioned throughput ${escaped(THROUGHPUT_ARN)} Failed\\)$`));
  });

  test('a passed deadline fails with the ARN, what it waits for and the status', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Creating'));
    await expect(isComplete(creating({ Deadline: earlier() }))).rejects.toThrow(
      new RegExp(`^Provisioned throughput ${escaped(THROUGHPUT_ARN)} did not become InService within the completion timeout \\(.+\\); it is Creating\\.$`),
    );
    expect(bedrock).not.toHaveReceivedCommand(DeleteProvisionedModelThroughputCommand);
  });

  test('a throughput that no longer exists fails the resource', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(isComplete(creating())).rejects.toThrow(`Provisioned throughput ${THROUGHPUT_ARN} no longer exists`);
  });
});

describe('isComplete: a replacing Update', () => {
  const replacing = (result: Partial<ThroughputWaitEvent>) =>
    waitEvent(updateEvent('old-id', throughputProperties({ modelUnits: '2' }), throughputProperties()), { Replacement: true, ...result });

  test('a passed deadline deletes the new throughput, for which no Delete will come', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Creating'));
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await expect(isComplete(replacing({ Deadline: earlier() }))).rejects.toThrow(
      /did not become InService .*; it is Creating\. The new throughput is deleted\.$/,
    );
    expect(bedrock).toHaveReceivedCommandWith(DeleteProvisionedModelThroughputCommand, { provisionedModelId: THROUGHPUT_ARN });
  });

  test('a Failed new throughput is deleted too; a committed one Bedrock refuses to delete says when it can be', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Failed', { failureMessage: 'x'.repeat(3000) }));
    bedrock.on(DeleteProvisionedModelThroughputCommand).resolves({});
    await expect(isComplete(replacing({}))).rejects.toThrow(/^x+… \(provisioned throughput \S+ Failed\) The new throughput is deleted\.$/);
    expect(bedrock).toHaveReceivedCommandTimes(DeleteProvisionedModelThroughputCommand, 1);

    const expires = new Date(Date.now() + 86_400_000);
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolves(throughputDetails('Failed', { failureMessage: 'x'.repeat(3000), commitmentDuration: 'OneMonth', commitmentExpirationTime: expires }));
    bedrock.on(DeleteProvisionedModelThroughputCommand).rejects(new ValidationException({ message: 'Committed.', $metadata }));
    const error: Error = await isComplete(replacing({})).then(() => new Error('resolved'), (e) => e);
    expect(Buffer.byteLength(JSON.stringify(error.message))).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES + 2);
    expect(error.message).toMatch(new RegExp(`Failed\\) The new throughput could not be deleted: delete it after ${escaped(expires.toISOString())}, `
      + `when its commitment ends \\(aws bedrock delete-provisioned-model-throughput --provisioned-model-id ${escaped(THROUGHPUT_ARN)}\\)\\.$`));
  });
});

describe('isComplete: an Update in place', () => {
  test('a new model: Updating is not complete, nor InService on the old model; InService on the new one is', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolvesOnce(throughputDetails('Updating', { desiredModelArn: MODEL_ARN_2 }))
      .resolvesOnce(throughputDetails('InService', { desiredModelArn: MODEL_ARN_2 }))
      .resolves(throughputDetails('InService', { modelArn: MODEL_ARN_2, desiredModelArn: MODEL_ARN_2 }));
    const event = updating({ modelId: MODEL_ARN_2 });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(statuses()).toEqual([[LOGICAL_ID, 'Updating'], [LOGICAL_ID, 'InService'], [LOGICAL_ID, 'InService']]);
  });

  test('a new name is complete once Bedrock shows it; a foundation model given by its id matches its ARN', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand)
      .resolvesOnce(throughputDetails('InService'))
      .resolves(throughputDetails('InService', { provisionedModelName: 'support-pt' }));
    await expect(isComplete(updating({ provisionedModelName: 'support-pt' }))).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(updating({ provisionedModelName: 'support-pt' }))).resolves.toMatchObject({ IsComplete: true });

    const foundation = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k';
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', { modelArn: foundation }));
    await expect(isComplete(updating({ modelId: 'amazon.titan-text-express-v1:0:8k' }))).resolves.toMatchObject({ IsComplete: true });
  });

  test('a passed deadline fails saying which update it waits for and the status; the throughput is kept', async () => {
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('Updating', { desiredModelArn: MODEL_ARN_2 }));
    await expect(isComplete(updating({ modelId: MODEL_ARN_2 }, { Deadline: earlier() }))).rejects.toThrow(
      `Provisioned throughput ${THROUGHPUT_ARN} did not finish updating to name '${GENERATED_THROUGHPUT_NAME}' and model ${MODEL_ARN_2} `
      + 'within the completion timeout',
    );
    await expect(isComplete(updating({ modelId: MODEL_ARN_2 }, { Deadline: earlier() }))).rejects.toThrow(/; it is Updating\.$/);
    expect(bedrock).not.toHaveReceivedCommand(DeleteProvisionedModelThroughputCommand);
  });

  test('the rollback of a model update is complete once the throughput serves the old model again', async () => {
    const rollback = waitEvent(updateEvent(CONFIRMED_ID, throughputProperties({ modelId: MODEL_ARN_2 }), throughputProperties()),
      { PhysicalResourceId: CONFIRMED_ID });
    bedrock.on(GetProvisionedModelThroughputCommand).resolves(throughputDetails('InService', { modelArn: MODEL_ARN }));
    await expect(isComplete(rollback)).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
  });
});

describe('isComplete: Delete', () => {
  test('a Delete is complete at once: Bedrock deletes a throughput at once', async () => {
    const deleting = waitEvent(deleteEvent(CONFIRMED_ID, throughputProperties({ removalPolicy: 'destroy' })), { PhysicalResourceId: CONFIRMED_ID, Deadline: undefined });
    await expect(isComplete(deleting)).resolves.toEqual({ IsComplete: true });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});
