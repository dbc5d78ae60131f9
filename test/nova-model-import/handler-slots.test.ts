/*
 * An import and the stack's slot queue (one model import at a time per
 * account): a create Bedrock refuses for capacity is queued with its request
 * (token and name), its resource gets a queued physical id, and isComplete
 * waits for the watcher's start, then for the model to be Active; a Delete
 * of a queued import removes it, so it never starts; the import watcher
 * starts it with its own request, and undoes a start whose item was deleted
 * meanwhile.
 */
import {
  CreateCustomModelCommand, DeleteCustomModelCommand, GetCustomModelCommand, ServiceQuotaExceededException,
} from '@aws-sdk/client-bedrock';
import { DisableRuleCommand, EnableRuleCommand } from '@aws-sdk/client-eventbridge';
import 'aws-sdk-client-mock-jest';
import { importProperties } from './handler-fixtures';
import { novaImportWatcher as watch } from '../../lambda/index';
import { isComplete } from '../../lambda/nova-model-import/is-complete';
import { onEvent } from '../../lambda/nova-model-import/on-event';
import { IMPORT } from '../../lambda/nova-model-import/properties';
import type { QueueItem } from '../../lambda/shared/slot-queue';
import { createEvent, deleteEvent, IMPORTED_MODEL_ARN, LOGICAL_ID, useMockedBedrock, waitEventOf } from '../lambda/fixtures';
import { FALLBACK_RULE, useSlotQueue } from '../lambda/slot-queue-fixture';

const { bedrock } = useMockedBedrock();
const queue = useSlotQueue();

const IMPORTED_ARN = IMPORTED_MODEL_ARN;
const NO_SLOT = () => new ServiceQuotaExceededException({ message: 'The number of requests exceeds the service quota. Resubmit your request later.', $metadata: {} });
const FALLBACK = { 'detail-type': 'Scheduled Event', 'source': 'aws.events', 'detail': {} };


/** The one item of the queue. */
function onlyItem() {
  expect(queue.items.size).toBe(1);
  return [...queue.items.values()][0];
}

/** A Create refused for capacity: its request and onEvent's result, the mock reset. */
async function queuedCreate(props = importProperties()) {
  bedrock.on(CreateCustomModelCommand).rejects(NO_SLOT());
  const request = createEvent(props);
  const result = await onEvent(request);
  const [create] = bedrock.commandCalls(CreateCustomModelCommand).map((c) => c.args[0].input);
  bedrock.reset();
  return { request, result, create };
}

describe('Create', () => {
  test('no free slot: the create is queued (its request, token and name), the fallback enabled; a queued id, and no ARN yet', async () => {
    const { result, create } = await queuedCreate();

    const id = IMPORT.physicalId.parse(result.PhysicalResourceId)!;
    expect(id.arn).toBe(`queued:${result.Data?.ModelName}`);
    expect(id.pending).toBe(true);
    expect(result.Data?.ModelArn).toBe('');
    const item = onlyItem();
    expect(item).toMatchObject({ key: `${LOGICAL_ID}#${id.seed}`, kind: 'novaImport', name: result.Data?.ModelName, state: 'queued' });
    // The refused create itself, its token included: the watcher's start is the same create.
    expect(item.request).toEqual(create);
    expect(create).toMatchObject({ modelName: result.Data?.ModelName, clientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(queue.events).toHaveReceivedCommandWith(EnableRuleCommand, { Name: FALLBACK_RULE });
  });
});

describe('isComplete of a queued import', () => {
  test('waits while queued, without a Bedrock call; once the watcher started it and the model is Active, completes with its ARN', async () => {
    const { request, result } = await queuedCreate();
    const event = waitEventOf(request, result.PhysicalResourceId, { Deadline: result.Deadline, Data: result.Data });
    await expect(isComplete(event as never)).resolves.toEqual({ IsComplete: false });
    expect(bedrock.calls()).toHaveLength(0);

    Object.assign(onlyItem(), { state: 'started', arn: IMPORTED_ARN });
    bedrock.on(GetCustomModelCommand, { modelIdentifier: IMPORTED_ARN }).resolves({ modelArn: IMPORTED_ARN, modelStatus: 'Active' });
    const id = IMPORT.physicalId.parse(result.PhysicalResourceId)!;
    await expect(isComplete(event as never)).resolves.toEqual({
      IsComplete: true, PhysicalResourceId: IMPORT.physicalId.confirmed({ ...id, arn: IMPORTED_ARN }), Data: { ModelArn: IMPORTED_ARN },
    });
  });
});

describe('Delete', () => {
  test('of a queued import: removed from the queue, no Bedrock call; it never starts', async () => {
    const { result } = await queuedCreate(importProperties({ removalPolicy: 'destroy' }));
    await onEvent(deleteEvent(result.PhysicalResourceId, importProperties({ removalPolicy: 'destroy' })));
    expect(queue.items.size).toBe(0);
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('of a queued import the watcher has started meanwhile (the rollback of its create): found by its name and deleted, whatever the removal policy', async () => {
    const { result } = await queuedCreate();
    Object.assign(onlyItem(), { state: 'started', arn: IMPORTED_ARN });
    bedrock.on(GetCustomModelCommand, { modelIdentifier: result.Data?.ModelName }).resolves({ modelArn: IMPORTED_ARN, modelStatus: 'Active' });
    bedrock.on(DeleteCustomModelCommand).resolves({});
    await onEvent(deleteEvent(result.PhysicalResourceId, importProperties()));
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: IMPORTED_ARN });
    expect(queue.items.size).toBe(0);
  });
});

describe('the import watcher', () => {
  /** An import that waits for a slot, as onEvent queued it. */
  function queued(name: string): QueueItem {
    return {
      key: `${name}Resource#0a1b2c3d`,
      kind: 'novaImport',
      name,
      queuedAt: 100,
      request: {
        modelName: name,
        clientRequestToken: `token-${name}`,
        modelSourceConfig: { s3DataSource: { s3Uri: 's3://sagemaker-us-east-1-123456789012/nova/output/model/' } },
        roleArn: 'arn:aws:iam::123456789012:role/ImportRole',
      },
      context: { name, generated: true },
      state: 'queued',
    };
  }

  test('starts a queued import with the item\'s own request and token, records its ARN, and then disables the fallback', async () => {
    const item = queued('support-model');
    queue.put(item);
    bedrock.on(CreateCustomModelCommand).resolves({ modelArn: IMPORTED_ARN });
    await watch(FALLBACK);
    expect(bedrock.commandCalls(CreateCustomModelCommand).map((c) => c.args[0].input)).toEqual([item.request]);
    expect(onlyItem()).toMatchObject({ state: 'started', arn: IMPORTED_ARN });
    expect(queue.events).toHaveReceivedCommandWith(DisableRuleCommand, { Name: FALLBACK_RULE });
  });

  test('an item deleted while its start was under way: the model just made is deleted', async () => {
    queue.put(queued('gone-model'));
    bedrock.on(CreateCustomModelCommand).callsFake(() => {
      queue.items.delete('gone-modelResource#0a1b2c3d');
      return { modelArn: IMPORTED_ARN };
    });
    bedrock.on(DeleteCustomModelCommand).resolves({});
    await watch(FALLBACK);
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: IMPORTED_ARN });
    expect(queue.items.size).toBe(0);
  });
});
