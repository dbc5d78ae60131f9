/*
 * A job and the stack's slot queue: a create Bedrock refuses for capacity is
 * queued with its request (token and names), its resource gets a queued
 * physical id, and isComplete waits for the watcher's start (a job nobody
 * waits for completes once started; at the deadline it fails naming the jobs
 * that hold the slots); a job a wait condition waits for registers the wait,
 * started or queued; a Delete of a queued job removes it, so it never starts.
 */
import { setTimeout as sleep } from 'timers/promises';
import {
  CreateModelCustomizationJobCommand, GetModelCustomizationJobCommand, ListModelCustomizationJobsCommand,
  ServiceQuotaExceededException, StopModelCustomizationJobCommand,
} from '@aws-sdk/client-bedrock';
import { EnableRuleCommand } from '@aws-sdk/client-eventbridge';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import 'aws-sdk-client-mock-jest';
import { jobPhysicalId, rawProperties } from './handler-fixtures';
import { isComplete } from '../../lambda/model-customization-job/is-complete';
import { onEvent } from '../../lambda/model-customization-job/on-event';
import { JOB } from '../../lambda/model-customization-job/properties';
import { createEvent, deleteEvent, JOB_ARN, JOB_ARN_2, LOGICAL_ID, passedDeadline, SEED, updateEvent, useSleepingHandler, waitEventOf } from '../lambda/fixtures';
import { FALLBACK_RULE, useSlotQueue } from '../lambda/slot-queue-fixture';

// A Delete waits for a stopping job on virtual time.
jest.mock('timers/promises', () => ({ setTimeout: jest.fn() }));

const { bedrock } = useSleepingHandler(sleep);
const queue = useSlotQueue();

const NO_SLOT = () => new ServiceQuotaExceededException({ message: 'The number of requests exceeds the service quota. Resubmit your request later.', $metadata: {} });
const HANDLE_URL = 'https://cloudformation-waitcondition-us-east-1.s3.amazonaws.com/handle?X-Amz-Signature=secret';

/** The one item of the queue. */
function onlyItem() {
  expect(queue.items.size).toBe(1);
  return [...queue.items.values()][0];
}

describe('Create', () => {
  test('no free slot: the create is queued (its request, token and names), the fallback enabled; a queued id, and 55 minutes to start', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(NO_SLOT());
    const started = Date.now();
    const result = await onEvent(createEvent(rawProperties()));

    const id = JOB.physicalId.parse(result.PhysicalResourceId)!;
    expect(id.arn).toBe(`queued:${result.Data?.JobName}`);
    expect(id.pending).toBe(true);
    expect(result.Data?.JobArn).toBe('');
    expect(Date.parse(result.Deadline!) - started).toBeGreaterThanOrEqual(55 * 60_000 - 1000);
    const item = onlyItem();
    const [create] = bedrock.commandCalls(CreateModelCustomizationJobCommand).map((c) => c.args[0].input);
    expect(item).toMatchObject({ key: `${LOGICAL_ID}#${id.seed}`, kind: 'job', name: result.Data?.JobName, state: 'queued', request: create });
    expect(item.request.clientRequestToken).toBe(create.clientRequestToken);
    expect(queue.events).toHaveReceivedCommandWith(EnableRuleCommand, { Name: FALLBACK_RULE });
  });

  test('a job a wait condition waits for: its wait is registered, started or queued, and the resource completes at once', async () => {
    const props = rawProperties({ waitHandleUrl: HANDLE_URL, waitSeconds: '21600' });
    bedrock.on(CreateModelCustomizationJobCommand).resolvesOnce({ jobArn: JOB_ARN }).rejects(NO_SLOT());
    const started = await onEvent(createEvent(props));
    expect(started.Deadline).toBeUndefined();
    expect(onlyItem()).toMatchObject({ state: 'started', arn: JOB_ARN, wait: { handleUrl: HANDLE_URL } });
    queue.items.clear();

    const queued = await onEvent(createEvent(props, '44444444-4444-4444-8444-444444444444'));
    expect(queued.Deadline).toBeUndefined();
    expect(queued.Data?.JobArn).toBe('');
    const item = onlyItem();
    expect(item).toMatchObject({ state: 'queued', wait: { handleUrl: HANDLE_URL } });
    expect(item.wait.deadline - Date.now()).toBeGreaterThan(6 * 3_600_000 - 60_000);
  });

  test('a retried request finds its own item and keeps it', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(NO_SLOT());
    const first = await onEvent(createEvent(rawProperties()));
    // The watcher started it meanwhile: a retry must not put it back in the queue as new.
    Object.assign(onlyItem(), { state: 'started', arn: JOB_ARN, queuedAt: 1 });
    const stored = structuredClone(onlyItem());
    const again = await onEvent(createEvent(rawProperties()));
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(queue.items.size).toBe(1);
    expect(onlyItem()).toEqual(stored);
  });
});

describe('isComplete of a queued job', () => {
  async function queuedCreate(props = rawProperties()) {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(NO_SLOT());
    const request = createEvent(props);
    const result = await onEvent(request);
    bedrock.reset();
    return { request, result };
  }

  test('waits while queued, without a Bedrock call; once the watcher started it, a job nobody waits for completes with its ARN', async () => {
    const { request, result } = await queuedCreate();
    const event = waitEventOf(request, result.PhysicalResourceId, { Deadline: result.Deadline, Data: result.Data });
    await expect(isComplete(event as never)).resolves.toEqual({ IsComplete: false });
    expect(bedrock.calls()).toHaveLength(0);

    const item = onlyItem();
    item.state = 'started';
    item.arn = JOB_ARN;
    const done = await isComplete(event as never);
    const id = JOB.physicalId.parse(result.PhysicalResourceId)!;
    expect(done).toEqual({ IsComplete: true, PhysicalResourceId: JOB.physicalId.confirmed({ ...id, arn: JOB_ARN }), Data: { JobArn: JOB_ARN } });
  });

  test('a polled job, once started, is waited for to its end', async () => {
    const { request, result } = await queuedCreate(rawProperties({ completionTimeoutSeconds: '1800' }));
    Object.assign(onlyItem(), { state: 'started', arn: JOB_ARN });
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'InProgress' });
    const event = waitEventOf(request, result.PhysicalResourceId, { Deadline: result.Deadline, Data: result.Data });
    await expect(isComplete(event as never)).resolves.toEqual({ IsComplete: false });
    expect(bedrock).toHaveReceivedCommandWith(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
  });

  test('a start that failed fails the resource with its reason', async () => {
    const { request, result } = await queuedCreate();
    Object.assign(onlyItem(), { state: 'failed', failure: 'Creating model customization job \'x\' failed: Bedrock rejected the request: bad data.' });
    await expect(isComplete(waitEventOf(request, result.PhysicalResourceId, { Deadline: result.Deadline }) as never))
      .rejects.toThrow('Creating model customization job \'x\' failed: Bedrock rejected the request: bad data.');
  });

  test('no slot by the deadline: fails naming the jobs that hold the slots', async () => {
    const { request, result } = await queuedCreate();
    bedrock.on(ListModelCustomizationJobsCommand).resolves({
      modelCustomizationJobSummaries: [
        { jobName: 'nightly', jobArn: JOB_ARN, status: 'InProgress', baseModelArn: 'b', creationTime: new Date() },
      ],
    });
    await expect(isComplete(waitEventOf(request, result.PhysicalResourceId, { Deadline: passedDeadline() }) as never))
      .rejects.toThrow(/got no free Bedrock slot by .+ \(Bedrock runs two customization jobs at a time per account and Region\): the account's jobs in progress are nightly\. It will not start\.$/);
  });
});

describe('isComplete of a queued replacement at its deadline (no Delete comes for what a failed replacement made)', () => {
  /** An Update that replaces the job, refused for capacity: queued, its deadline passed. */
  async function overdueReplacement() {
    const before = rawProperties();
    const after = rawProperties({ hyperParameters: { epochCount: '3', batchSize: '1', learningRate: '0.00001' } });
    bedrock.on(CreateModelCustomizationJobCommand).rejects(NO_SLOT());
    const request = updateEvent(jobPhysicalId(JOB_ARN, SEED, before), before, after);
    const result = await onEvent(request);
    expect(result.Replacement).toBe(true);
    expect(onlyItem().state).toBe('queued');
    bedrock.reset();
    bedrock.on(ListModelCustomizationJobsCommand).resolves({ modelCustomizationJobSummaries: [] });
    return waitEventOf(request, result.PhysicalResourceId, { ...result, Deadline: passedDeadline() });
  }

  test('still queued: it fails and is taken out of the queue, so that it never starts', async () => {
    const event = await overdueReplacement();
    await expect(isComplete(event as never)).rejects.toThrow(/got no free Bedrock slot by .+ It will not start\.$/);
    expect(queue.items.size).toBe(0);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelCustomizationJobCommand);
  });

  test('started by the watcher just before its removal: the job it started is stopped, and its item removed', async () => {
    const event = await overdueReplacement();
    // The watcher records the start between isComplete's read of the item and its conditional removal.
    queue.documents.on(DeleteCommand, { ConditionExpression: '#state = :queued' }).callsFake(() => {
      Object.assign(onlyItem(), { state: 'started', arn: JOB_ARN_2 });
      throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    });
    bedrock.on(StopModelCustomizationJobCommand).resolves({});
    await expect(isComplete(event as never)).rejects.toThrow(/got no free Bedrock slot by .+ It will not start\.$/);
    expect(bedrock).toHaveReceivedCommandWith(StopModelCustomizationJobCommand, { jobIdentifier: JOB_ARN_2 });
    expect(queue.items.size).toBe(0);
  });
});

describe('Delete', () => {
  test('of a queued job: removed from the queue, no Bedrock call; it never starts', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(NO_SLOT());
    const result = await onEvent(createEvent(rawProperties()));
    bedrock.reset();
    await onEvent(deleteEvent(result.PhysicalResourceId, rawProperties()));
    expect(queue.items.size).toBe(0);
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('of a queued job the watcher has started meanwhile: found by its name and stopped', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(NO_SLOT());
    const result = await onEvent(createEvent(rawProperties()));
    Object.assign(onlyItem(), { state: 'started', arn: JOB_ARN });
    bedrock.reset();
    bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: result.Data?.JobName }).resolves({ jobArn: JOB_ARN, status: 'InProgress' });
    bedrock.on(StopModelCustomizationJobCommand).resolves({});
    bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN }).resolves({ jobArn: JOB_ARN, status: 'Stopped' });
    await onEvent(deleteEvent(result.PhysicalResourceId, rawProperties()));
    expect(bedrock).toHaveReceivedCommandWith(StopModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
    expect(queue.items.size).toBe(0);
  });
});
