import {
  GetModelCustomizationJobCommand, GetModelCustomizationJobCommandOutput, ListTagsForResourceCommand, ModelCustomizationJobStatus,
  ResourceNotFoundException, StopModelCustomizationJobCommand, TagResourceCommand,
} from '@aws-sdk/client-bedrock';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import 'aws-sdk-client-mock-jest';
import { jobPhysicalId, rawProperties } from './handler-fixtures';
import { isComplete, JobWaitEvent } from '../../lambda/model-customization-job/is-complete';
import { createEvent, deleteEvent, JOB_ARN, MODEL_ARN, passedDeadline, updateEvent, useMockedBedrock, waitEventOf } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
/** As onEvent returns it for a Create, and as isComplete confirms it. */
const PHYSICAL_ID = jobPhysicalId(JOB_ARN, '0a1b2c3d', rawProperties(), true);
const CONFIRMED_ID = jobPhysicalId(JOB_ARN, '0a1b2c3d');
/** Two validators, as in rawProperties(). */
const waiting = rawProperties({ completionTimeoutSeconds: '1800' });
const earlier = passedDeadline;

/** The event isComplete gets: the request merged with onEvent's result. */
const waitEvent = (request: CloudFormationCustomResourceEvent, result: Partial<JobWaitEvent> = {}) =>
  waitEventOf<JobWaitEvent>(request, PHYSICAL_ID, result);

/** Two validators, as in rawProperties(): GetModelCustomizationJob returns the job's configuration. */
const validationDataConfig = { validators: [{ s3Uri: 's3://data-bucket/validation-1.jsonl' }, { s3Uri: 's3://data-bucket/validation-2.jsonl' }] };

function job(status: ModelCustomizationJobStatus, extra: Partial<GetModelCustomizationJobCommandOutput> = {}) {
  return { jobArn: JOB_ARN, jobName: 'j', outputModelName: 'm', status, validationDataConfig, ...extra };
}

describe('isComplete', () => {
  test('a job that is not waited for (no Deadline) is complete at once, with no Bedrock call, and its id confirmed', async () => {
    await expect(isComplete(waitEvent(createEvent(rawProperties()), { Deadline: undefined })))
      .resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('a Delete is complete at once (onEvent did the work)', async () => {
    await expect(isComplete(waitEvent(deleteEvent(PHYSICAL_ID, waiting)))).resolves.toEqual({ IsComplete: true });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('a running job before the deadline is not complete yet, after one Get', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('InProgress', { statusDetails: { trainingDetails: { status: 'InProgress' } } }));
    await expect(isComplete(waitEvent(createEvent(waiting)))).resolves.toEqual({ IsComplete: false });
    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 1);
    expect(bedrock).toHaveReceivedCommandWith(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
  });

  test('a completed job completes the resource with the output model and each metric', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', {
      outputModelArn: MODEL_ARN,
      trainingMetrics: { trainingLoss: 0.25 },
      validationMetrics: [{ validationLoss: 0.5 }, { validationLoss: 0.75 }],
    }));
    await expect(isComplete(waitEvent(createEvent(waiting)))).resolves.toEqual({
      IsComplete: true,
      PhysicalResourceId: CONFIRMED_ID,
      Data: { OutputModelArn: MODEL_ARN, TrainingLoss: '0.25', ValidationLoss0: '0.5', ValidationLoss1: '0.75' },
    });
    // The model has the tags the job was created with: nothing is pending.
    expect(bedrock).not.toHaveReceivedCommand(ListTagsForResourceCommand);
  });

  test('a completed job gives its model the custom model tags wanted since it was created', async () => {
    const wanted = [{ key: 'cost-center', value: '43' }];
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', { outputModelArn: MODEL_ARN }));
    bedrock.on(ListTagsForResourceCommand).resolves({ tags: [{ key: 'cost-center', value: '42' }] });
    bedrock.on(TagResourceCommand).resolves({});

    const result = await isComplete(waitEvent(updateEvent(PHYSICAL_ID, waiting, rawProperties({ completionTimeoutSeconds: '1800', customModelTags: wanted }))));

    expect(result.IsComplete).toBe(true);
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: MODEL_ARN, tags: wanted });
  });

  test('pending model tags that cannot be applied never fail a completed job', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', { outputModelArn: MODEL_ARN }));
    bedrock.on(ListTagsForResourceCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));

    const event = waitEvent(updateEvent(PHYSICAL_ID, waiting, rawProperties({ completionTimeoutSeconds: '1800', customModelTags: [{ key: 'k', value: 'v' }] })));
    await expect(isComplete(event)).resolves.toMatchObject({ IsComplete: true, Data: { OutputModelArn: MODEL_ARN } });
  });

  test('a Bedrock failure message is quoted from its start, bounded, on one line', async () => {
    const failureMessage = `Row 1: ${'x'.repeat(2000)}\nmore`;
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Failed', { failureMessage }));
    const error: Error = await isComplete(waitEvent(createEvent(waiting))).then(() => new Error('resolved'), (e) => e);
    expect(error.message.startsWith(`Row 1: ${'x'.repeat(700)}`)).toBe(true);
    expect(error.message).not.toContain('\n');
    // The ARN after the quote survives the handler's bound on the whole reason (1,024 bytes).
    expect(Buffer.byteLength(error.message)).toBeLessThan(1024);
    expect(error.message).toMatch(/… \(model customization job \S+ Failed\)$/);
  });

  test('metrics the job does not report are empty strings, so that Fn::GetAtt never fails', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', { outputModelArn: MODEL_ARN }));
    const result = await isComplete(waitEvent(createEvent(waiting)));
    expect(result.Data).toEqual({ OutputModelArn: MODEL_ARN, TrainingLoss: '', ValidationLoss0: '', ValidationLoss1: '' });
  });

  test('a failed job fails the resource with Bedrock\'s failure message first', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Failed', { failureMessage: 'Training data has 3 rows; at least 8 are required.' }));
    await expect(isComplete(waitEvent(createEvent(waiting)))).rejects.toThrow(
      new RegExp(`^Training data has 3 rows; at least 8 are required\\. \\(model customization job ${JOB_ARN.replace(/[.:/]/g, '\\$&')} Failed\\)$`),
    );
  });

  test('a stopped job fails the resource', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Stopped'));
    await expect(isComplete(waitEvent(createEvent(waiting)))).rejects.toThrow(`Model customization job ${JOB_ARN} was stopped before it completed`);
  });

  test('a job that no longer exists fails the resource', async () => {
    bedrock.on(GetModelCustomizationJobCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    await expect(isComplete(waitEvent(createEvent(waiting)))).rejects.toThrow(`Model customization job ${JOB_ARN} no longer exists`);
  });

  test('a passed deadline fails a Create with the job ARN and its status; the rollback Delete stops the job', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('InProgress', { statusDetails: { trainingDetails: { status: 'InProgress' } } }));
    await expect(isComplete(waitEvent(createEvent(waiting), { Deadline: earlier() }))).rejects.toThrow(
      `Model customization job ${JOB_ARN} did not complete within the completion timeout`,
    );
    await expect(isComplete(waitEvent(createEvent(waiting), { Deadline: earlier() }))).rejects.toThrow('it is InProgress (training InProgress)');
    expect(bedrock).not.toHaveReceivedCommand(StopModelCustomizationJobCommand);
  });

  test('a passed deadline on a replacing Update stops the new job, for which no Delete will come', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('InProgress'));
    bedrock.on(StopModelCustomizationJobCommand).resolves({});
    const update = updateEvent('old-id', rawProperties(), waiting);
    await expect(isComplete(waitEvent(update, { Deadline: earlier(), Replacement: true }))).rejects.toThrow('did not complete within the completion timeout');
    expect(bedrock).toHaveReceivedCommandWith(StopModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
  });
});
