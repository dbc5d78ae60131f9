/*
 * The job result after a wait condition: the completed job's output model
 * and metrics; the custom model tags wanted since the job was created.
 */
import { GetModelCustomizationJobCommand, ListTagsForResourceCommand, TagResourceCommand } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { jobPhysicalId, rawProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/model-customization-job-result/on-event';
import { SEED_LENGTH } from '../../lambda/shared/names';
import { createEvent, deleteEvent, JOB_ARN, MODEL_ARN, updateEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
/** A job created without custom model tags. */
const PHYSICAL_ID = jobPhysicalId(JOB_ARN, '0123456789abcdef'.slice(0, SEED_LENGTH), rawProperties({ customModelTags: undefined }));

/** The job's name: the result reads the job by it (a job that waited for a slot had no ARN when its resource completed). */
const JOB_NAME = 'FineTuneStack-TuneJob1A2B3C4D-0a1b2c3d';

const completed = {
  jobArn: JOB_ARN,
  status: 'Completed' as const,
  outputModelArn: MODEL_ARN,
  trainingMetrics: { trainingLoss: 0.42 },
  validationDataConfig: { validators: [{ s3Uri: 's3://b/v.jsonl' }] },
  validationMetrics: [{ validationLoss: 0.47 }],
};

test('a completed job, read by its name: its ARN, output model and metrics, under the job ARN', async () => {
  bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: JOB_NAME }).resolves(completed);
  await expect(onEvent(createEvent({ jobName: JOB_NAME, jobPhysicalId: PHYSICAL_ID }))).resolves.toEqual({
    PhysicalResourceId: JOB_ARN,
    Data: { JobArn: JOB_ARN, OutputModelArn: MODEL_ARN, TrainingLoss: '0.42', ValidationLoss0: '0.47' },
  });
  // The model has the tags the job was created with (none): nothing to read.
  expect(bedrock).not.toHaveReceivedCommand(ListTagsForResourceCommand);
});

test('custom model tags wanted since the job was created are applied', async () => {
  bedrock.on(GetModelCustomizationJobCommand).resolves(completed);
  bedrock.on(ListTagsForResourceCommand).resolves({ tags: [] });
  bedrock.on(TagResourceCommand).resolves({});
  await onEvent(createEvent({ jobName: JOB_NAME, jobPhysicalId: PHYSICAL_ID, customModelTags: [{ key: 'team', value: 'ml' }] }));
  expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: MODEL_ARN, tags: [{ key: 'team', value: 'ml' }] });
});

describe('a job that has not completed fails the resource, saying why', () => {
  const properties = { jobName: JOB_NAME, jobPhysicalId: PHYSICAL_ID };
  const update = () => onEvent(updateEvent(PHYSICAL_ID, properties, properties));

  test('failed: Bedrock\'s failure message starts the reason', async () => {
    const failureMessage = 'The training data has 4 records; at least 8 are required.';
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Failed', failureMessage });
    await expect(update()).rejects.toThrow(/^The training data has 4 records; at least 8 are required\. \(model customization job \S+ Failed\)$/);
  });

  test('still running after its condition: the one step that gives it a condition of its own', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'InProgress' });
    await expect(update()).rejects.toThrow(`Model customization job ${JOB_ARN} is InProgress, not Completed, after its wait condition, `
      + 'which waited for an earlier job. Deploy again with another completionTimeout for the job');
  });
});

test('Delete calls nothing', async () => {
  await expect(onEvent(deleteEvent(JOB_ARN, { jobName: JOB_NAME, jobPhysicalId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: JOB_ARN });
  expect(bedrock.calls()).toHaveLength(0);
});
