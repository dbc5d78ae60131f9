/*
 * A model import job and the stack's slot queue (one import job at a time
 * per account): a create Bedrock refuses for capacity is queued with its
 * request (token and names), its resource gets a queued physical id, and
 * isComplete waits for the watcher's start, then for the job to complete,
 * or fails at its deadline naming the import jobs in progress; a Delete of
 * a queued job removes it, so it never starts; the watcher starts it with
 * its own request, and a start whose item was deleted meanwhile cannot be
 * stopped: a job already ended has its model deleted.
 */
import {
  CreateModelImportJobCommand, DeleteImportedModelCommand, GetModelImportJobCommand, ListModelImportJobsCommand, ServiceQuotaExceededException,
} from '@aws-sdk/client-bedrock';
import { DisableRuleCommand, EnableRuleCommand } from '@aws-sdk/client-eventbridge';
import 'aws-sdk-client-mock-jest';
import { IMPORT_JOB_ARN, IMPORTED_ARN, importJob, modelImportProperties } from './handler-fixtures';
import { modelImportWatcher as watch } from '../../lambda/index';
import { isComplete, ModelImportWaitEvent } from '../../lambda/model-import-job/is-complete';
import { onEvent } from '../../lambda/model-import-job/on-event';
import { MODEL_IMPORT } from '../../lambda/model-import-job/properties';
import type { QueueItem } from '../../lambda/shared/slot-queue';
import { createEvent, deleteEvent, LOGICAL_ID, passedDeadline, useMockedBedrock, waitEventOf } from '../lambda/fixtures';
import { FALLBACK_RULE, useSlotQueue } from '../lambda/slot-queue-fixture';

const { bedrock } = useMockedBedrock();
const queue = useSlotQueue();

const NO_SLOT = () => new ServiceQuotaExceededException({ message: 'The number of requests exceeds the service quota. Resubmit your request later.', $metadata: {} });
const FALLBACK = { 'detail-type': 'Scheduled Event', 'source': 'aws.events', 'detail': {} };

/** The one item of the queue. */
function onlyItem() {
  expect(queue.items.size).toBe(1);
  return [...queue.items.values()][0];
}

/** A Create refused for capacity: its request and onEvent's result, the mock reset. */
async function queuedCreate(props = modelImportProperties()) {
  bedrock.on(CreateModelImportJobCommand).rejects(NO_SLOT());
  const request = createEvent(props);
  const result = await onEvent(request);
  const [create] = bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input);
  bedrock.reset();
  return { request, result, create };
}

describe('Create', () => {
  test('no free slot: the create is queued (its request, token and names), the fallback enabled; a queued id, and no ARN yet', async () => {
    const { result, create } = await queuedCreate();

    const id = MODEL_IMPORT.physicalId.parse(result.PhysicalResourceId)!;
    expect(id.arn).toBe(`queued:${result.Data?.JobName}`);
    expect(id.pending).toBe(true);
    expect(result.Data).toMatchObject({ JobArn: '', ImportedModelArn: '', ImportedModelName: create.importedModelName });
    const item = onlyItem();
    expect(item).toMatchObject({ key: `${LOGICAL_ID}#${id.seed}`, kind: 'modelImport', name: result.Data?.JobName, state: 'queued' });
    // The refused create itself, its token included: the watcher's start is the same create.
    expect(item.request).toEqual(create);
    expect(create).toMatchObject({ jobName: result.Data?.JobName, clientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(queue.events).toHaveReceivedCommandWith(EnableRuleCommand, { Name: FALLBACK_RULE });
  });
});

describe('isComplete of a queued job', () => {
  test('waits while queued, without a Bedrock call; once the watcher started it and the job Completed, completes with its ARN', async () => {
    const { request, result } = await queuedCreate();
    const event = waitEventOf<ModelImportWaitEvent>(request, result.PhysicalResourceId, { Deadline: result.Deadline, Data: result.Data });
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    expect(bedrock.calls()).toHaveLength(0);

    Object.assign(onlyItem(), { state: 'started', arn: IMPORT_JOB_ARN });
    bedrock.on(GetModelImportJobCommand, { jobIdentifier: IMPORT_JOB_ARN }).resolvesOnce(importJob('InProgress')).resolves(importJob('Completed'));
    await expect(isComplete(event)).resolves.toEqual({ IsComplete: false });
    const id = MODEL_IMPORT.physicalId.parse(result.PhysicalResourceId)!;
    await expect(isComplete(event)).resolves.toEqual({
      IsComplete: true,
      PhysicalResourceId: MODEL_IMPORT.physicalId.confirmed({ ...id, arn: IMPORT_JOB_ARN }),
      Data: { JobArn: IMPORT_JOB_ARN, ImportedModelArn: IMPORTED_ARN, ImportedModelName: 'llama-support' },
    });
  });

  test('no slot by the deadline: fails naming the account\'s import jobs in progress (ListModelImportJobs, InProgress)', async () => {
    const { request, result } = await queuedCreate();
    bedrock.on(ListModelImportJobsCommand).resolves({
      modelImportJobSummaries: [{ jobArn: IMPORT_JOB_ARN, jobName: 'other-stack-import', status: 'InProgress', creationTime: new Date() }],
    });
    const event = waitEventOf<ModelImportWaitEvent>(request, result.PhysicalResourceId, { Deadline: passedDeadline() });
    await expect(isComplete(event)).rejects.toThrow(
      new RegExp(`^Model import job '${result.Data?.JobName}' got no free Bedrock slot by \\S+ \\(Bedrock runs one model import job at a time `
        + 'per account and Region\\): the account\'s import jobs in progress are other-stack-import\\. It will not start\\.$'),
    );
    expect(bedrock).toHaveReceivedCommandWith(ListModelImportJobsCommand, { statusEquals: 'InProgress' });
  });

  test('a list the role may not make is said in the message, not thrown', async () => {
    const { request, result } = await queuedCreate();
    bedrock.on(ListModelImportJobsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const event = waitEventOf<ModelImportWaitEvent>(request, result.PhysicalResourceId, { Deadline: passedDeadline() });
    await expect(isComplete(event)).rejects.toThrow(/the import jobs in progress could not be listed \(bedrock:ListModelImportJobs\)\. It will not start\.$/);
  });
});

describe('Delete', () => {
  test('of a queued job: removed from the queue, no Bedrock call; it never starts', async () => {
    const { result } = await queuedCreate(modelImportProperties({ removalPolicy: 'destroy' }));
    await onEvent(deleteEvent(result.PhysicalResourceId, modelImportProperties({ removalPolicy: 'destroy' })));
    expect(queue.items.size).toBe(0);
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('of a queued job the watcher has started meanwhile (the rollback of its create): found by its name, waited for while InProgress', async () => {
    const { result } = await queuedCreate();
    Object.assign(onlyItem(), { state: 'started', arn: IMPORT_JOB_ARN });
    bedrock.on(GetModelImportJobCommand, { jobIdentifier: result.Data?.JobName }).resolvesOnce(importJob('InProgress')).resolves(importJob('Completed'));
    bedrock.on(DeleteImportedModelCommand).resolves({});

    const deleted = await onEvent(deleteEvent(result.PhysicalResourceId, modelImportProperties()));
    expect(deleted.Deadline).toBeDefined();
    expect(queue.items.size).toBe(0);
    await expect(isComplete({ ...deleteEvent(result.PhysicalResourceId, modelImportProperties()), ...deleted } as ModelImportWaitEvent))
      .resolves.toEqual({ IsComplete: true });
    expect(bedrock).toHaveReceivedCommandWith(DeleteImportedModelCommand, { modelIdentifier: IMPORTED_ARN });
  });
});

describe('the model import watcher', () => {
  /** A job that waits for a slot, as onEvent queued it. */
  function queued(name: string): QueueItem {
    return {
      key: `${name}Resource#0a1b2c3d`,
      kind: 'modelImport',
      name,
      queuedAt: 100,
      request: {
        jobName: name,
        importedModelName: name,
        clientRequestToken: `token-${name}`,
        roleArn: 'arn:aws:iam::123456789012:role/ModelImportRole',
        modelDataSource: { s3DataSource: { s3Uri: 's3://models-bucket/llama-3-8b-support/' } },
      },
      context: { jobName: { name, generated: true }, importedModelName: { name, generated: true } },
      state: 'queued',
    };
  }

  test('starts a queued job with the item\'s own request and token, records its ARN, and then disables the fallback', async () => {
    const item = queued('support-import');
    queue.put(item);
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN });
    await watch(FALLBACK);
    expect(bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input)).toEqual([item.request]);
    expect(onlyItem()).toMatchObject({ state: 'started', arn: IMPORT_JOB_ARN });
    expect(queue.events).toHaveReceivedCommandWith(DisableRuleCommand, { Name: FALLBACK_RULE });
  });

  test('leaves the items of other kinds alone, and a refusal for capacity keeps the job queued', async () => {
    queue.put({ ...queued('a-customization'), kind: 'job' });
    queue.put(queued('support-import'));
    bedrock.on(CreateModelImportJobCommand).rejects(NO_SLOT());
    await watch(FALLBACK);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelImportJobCommand, 1);
    expect(queue.items.get('support-importResource#0a1b2c3d')).toMatchObject({ state: 'queued' });
    expect(queue.items.get('a-customizationResource#0a1b2c3d')).toMatchObject({ state: 'queued' });
  });

  test('an item deleted while its start was under way: a job still running cannot be stopped, and is left to end', async () => {
    queue.put(queued('gone-import'));
    bedrock.on(CreateModelImportJobCommand).callsFake(() => {
      queue.items.delete('gone-importResource#0a1b2c3d');
      return { jobArn: IMPORT_JOB_ARN };
    });
    bedrock.on(GetModelImportJobCommand).resolves(importJob('InProgress'));
    await watch(FALLBACK);
    expect(bedrock).toHaveReceivedCommandWith(GetModelImportJobCommand, { jobIdentifier: IMPORT_JOB_ARN });
    expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);
    expect(queue.items.size).toBe(0);
  });

  test('an item deleted while its start was under way, whose job has already completed: its model is deleted', async () => {
    queue.put(queued('gone-import'));
    bedrock.on(CreateModelImportJobCommand).callsFake(() => {
      queue.items.delete('gone-importResource#0a1b2c3d');
      return { jobArn: IMPORT_JOB_ARN };
    });
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed'));
    bedrock.on(DeleteImportedModelCommand).resolves({});
    await watch(FALLBACK);
    expect(bedrock).toHaveReceivedCommandWith(DeleteImportedModelCommand, { modelIdentifier: IMPORTED_ARN });
  });
});
