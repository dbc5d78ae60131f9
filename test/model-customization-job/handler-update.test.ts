import { CreateModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { createdJob, jobPhysicalId, rawProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/model-customization-job/on-event';
import { clientRequestToken, generatedName, nameSeed } from '../../lambda/shared/names';
import { JOB_ARN, JOB_ARN_2, LOGICAL_ID, RawProperties, STACK_ID, updateEvent, UPDATE_REQUEST_ID, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const updateIdentity = { stackId: STACK_ID, logicalResourceId: LOGICAL_ID, requestId: UPDATE_REQUEST_ID };

/** Creates the first job as CloudFormation would, then lets a later Create return a second job. */
async function created(props: RawProperties) {
  const result = await createdJob(bedrock, props);
  bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN_2 });
  return result;
}

describe('Update', () => {
  test('a library-only change (removalPolicy) calls nothing and keeps the id and Data', async () => {
    const before = rawProperties({ removalPolicy: 'retain' });
    const create = await created(before);

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ removalPolicy: 'destroy' })));

    expect(bedrock).not.toHaveReceivedAnyCommand();
    expect(result).toEqual(create);
  });

  test('keeps user-given names in Data on a library-only change', async () => {
    const before = rawProperties({ jobName: 'my-job', customModelName: 'my-model' });
    const create = await created(before);

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, { ...before, removalPolicy: 'destroy' }));

    expect(bedrock).not.toHaveReceivedAnyCommand();
    expect(result.Data).toEqual({ JobArn: JOB_ARN, JobName: 'my-job', CustomModelName: 'my-model' });
  });

  test('a Bedrock-bound change starts a new job under new names and returns a new id', async () => {
    const before = rawProperties({ hyperParameters: { epochCount: '2' } });
    const create = await created(before);

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ hyperParameters: { epochCount: '3' } })));

    const seed = nameSeed(updateIdentity);
    const name = generatedName(STACK_ID, LOGICAL_ID, seed);
    expect(result).toEqual({
      PhysicalResourceId: jobPhysicalId(JOB_ARN_2, seed, rawProperties({ hyperParameters: { epochCount: '3' } }), true),
      Data: { JobArn: JOB_ARN_2, JobName: name, CustomModelName: name },
      Replacement: true,
    });
    expect(result.Data?.JobName).not.toBe(create.Data?.JobName);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
    expect(bedrock).toHaveReceivedCommandWith(CreateModelCustomizationJobCommand, {
      jobName: name, clientRequestToken: clientRequestToken(updateIdentity), hyperParameters: { epochCount: '3' },
    });
  });

  test('a tag change with a Bedrock-bound change replaces the job, with the new tags', async () => {
    const before = rawProperties();
    const create = await created(before);
    const after = rawProperties({ jobTags: [{ key: 'team', value: 'research' }], hyperParameters: { epochCount: '3' } });
    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, after));
    expect(result.PhysicalResourceId).not.toBe(create.PhysicalResourceId);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
    expect(bedrock).toHaveReceivedCommandWith(CreateModelCustomizationJobCommand, { jobTags: [{ key: 'team', value: 'research' }] });
  });

  test('a replacement with a fixed, unchanged jobName fails naming jobName, before any call', async () => {
    const before = rawProperties({ jobName: 'my-job' });
    const create = await created(before);

    const update = updateEvent(create.PhysicalResourceId, before, rawProperties({ jobName: 'my-job', trainingDataS3Uri: 's3://data-bucket/train-v2.jsonl' }));
    await expect(onEvent(update)).rejects.toThrow(
      "Cannot replace model customization job 'my-job': changing trainingDataS3Uri requires a new job, and jobName is fixed to 'my-job'. "
      + 'Change jobName too, or remove it to let the handler generate names.',
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('a replacement with a fixed, unchanged customModelName fails naming customModelName', async () => {
    const before = rawProperties({ customModelName: 'my-model' });
    const create = await created(before);

    const update = updateEvent(create.PhysicalResourceId, before, rawProperties({ customModelName: 'my-model', roleArn: 'arn:aws:iam::123456789012:role/Other' }));
    await expect(onEvent(update)).rejects.toThrow(
      `Cannot replace model customization job '${create.Data?.JobName}': changing roleArn requires a new job, and customModelName is fixed to 'my-model'. `
      + 'Change customModelName too, or remove it to let the handler generate names.',
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  describe('a job a wait condition waits for (waitGeneration)', () => {
    test('a replacement that keeps the generation (a value the template does not show) fails before any call, naming the step', async () => {
      const before = rawProperties({ waitGeneration: '0A1B2C3D' });
      const create = await created(before);

      const update = updateEvent(create.PhysicalResourceId, before, rawProperties({ waitGeneration: '0A1B2C3D', trainingDataS3Uri: 's3://data-bucket/train-v2.jsonl' }));
      await expect(onEvent(update)).rejects.toThrow(
        `Cannot replace model customization job '${create.Data?.JobName}': trainingDataS3Uri changed at deployment, from a value the template `
        + 'does not show (a parameter, an import from another stack), so the job\'s wait condition, which has waited for this job, cannot wait '
        + 'for a new one. Deploy this change with another completionTimeout for the job: any other value gives it a new wait condition, which waits for the new job.',
      );
      expect(bedrock).not.toHaveReceivedAnyCommand();
    });

    test('a new generation (a new wait condition) lets the job be replaced', async () => {
      const before = rawProperties({ waitGeneration: '0A1B2C3D' });
      const create = await created(before);
      const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ waitGeneration: '4E5F6A7B', hyperParameters: { epochCount: '3' } })));
      expect(result.Replacement).toBe(true);
      expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
    });

    test('a change of the generation alone (another timeout) keeps the job, with no call', async () => {
      const before = rawProperties({ waitGeneration: '0A1B2C3D' });
      const create = await created(before);
      const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ waitGeneration: '4E5F6A7B' })));
      expect(result.PhysicalResourceId).toBe(create.PhysicalResourceId);
      expect(bedrock).not.toHaveReceivedAnyCommand();
    });
  });

  test('changing a fixed jobName along with other properties replaces the job under the new name', async () => {
    const before = rawProperties({ jobName: 'my-job' });
    const create = await created(before);

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ jobName: 'my-job-v2', baseModelIdentifier: 'amazon.nova-micro-v1:0' })));

    expect(result.Data?.JobName).toBe('my-job-v2');
    expect(bedrock).toHaveReceivedCommandWith(CreateModelCustomizationJobCommand, { jobName: 'my-job-v2', baseModelIdentifier: 'amazon.nova-micro-v1:0' });
  });

  test('bad new properties fail the update without calls', async () => {
    const before = rawProperties();
    const create = await created(before);
    await expect(onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ removalPolicy: 'snapshot' })))).rejects.toThrow(
      "Invalid property 'removalPolicy': expected one of 'retain', 'destroy'",
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('an id that names no job (e.g. from an older library) is replaced by a new job', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN_2 });
    const before = rawProperties();
    const result = await onEvent(updateEvent('not-a-job-id', before, { ...before }));
    expect(result.PhysicalResourceId).toBe(jobPhysicalId(JOB_ARN_2, nameSeed(updateIdentity), before, true));
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
  });

  test('unreadable previous properties fail the update rather than guess and start a costly new job', async () => {
    const create = await created(rawProperties());
    await expect(onEvent(updateEvent(create.PhysicalResourceId, rawProperties({ roleArn: undefined }), rawProperties()))).rejects.toThrow(
      "Invalid property 'roleArn': expected a string (missing)",
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('an update rollback sending the old properties back to the job they created keeps that job, with no Bedrock call', async () => {
    const before = rawProperties({ hyperParameters: { epochCount: '2' } });
    const create = await created(before);
    const failedChange = rawProperties({ hyperParameters: { epochCount: '3' } });

    // Rollback: ResourceProperties are the old ones, OldResourceProperties the failed new ones.
    const result = await onEvent(updateEvent(create.PhysicalResourceId, failedChange, before));

    expect(bedrock).not.toHaveReceivedAnyCommand();
    expect(result).toEqual(create);
  });

  test('changing completionTimeoutSeconds is library-only, and a waited-for job gets a new deadline', async () => {
    const before = rawProperties();
    const create = await created(before);

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ completionTimeoutSeconds: '600' })));

    expect(bedrock).not.toHaveReceivedAnyCommand();
    expect(result.PhysicalResourceId).toBe(create.PhysicalResourceId);
    expect(Date.parse(result.Deadline!)).toBeGreaterThan(Date.now() + 590_000);
  });
});
