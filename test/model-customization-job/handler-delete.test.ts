import { setTimeout as sleep } from 'timers/promises';
import {
  ConflictException, DeleteCustomModelCommand, GetModelCustomizationJobCommand, ModelCustomizationJobStatus,
  ResourceNotFoundException, StopModelCustomizationJobCommand, ThrottlingException, ValidationException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { jobPhysicalId, rawProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/model-customization-job/on-event';
import { STOP_POLL_MS, STOP_WAIT_MS } from '../../lambda/model-customization-job/teardown';
import { CREATE_FAILED_PLACEHOLDER, deleteEvent, JOB_ARN, logLines, MODEL_ARN, useSleepingHandler } from '../lambda/fixtures';

jest.mock('timers/promises', () => ({ setTimeout: jest.fn() }));

const $metadata = {};
const PHYSICAL_ID = jobPhysicalId(JOB_ARN, '0a1b2c3d');
const destroy = rawProperties({ removalPolicy: 'destroy' });
const retain = rawProperties({ removalPolicy: 'retain' });

const { bedrock, logs } = useSleepingHandler(sleep);

function job(status: ModelCustomizationJobStatus, outputModelArn?: string) {
  return { jobArn: JOB_ARN, jobName: 'j', outputModelName: 'm', status, outputModelArn };
}

describe('Delete', () => {
  test('stops a job in progress and waits until it has stopped (and deletes no model, even with destroy)', async () => {
    bedrock.on(GetModelCustomizationJobCommand)
      .resolvesOnce(job('InProgress')).resolvesOnce(job('Stopping')).resolves(job('Stopped'));
    bedrock.on(StopModelCustomizationJobCommand).resolves({});

    const result = await onEvent(deleteEvent(PHYSICAL_ID, destroy));

    expect(result.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).toHaveReceivedCommandWith(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
    expect(bedrock).toHaveReceivedCommandWith(StopModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 3);
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledWith(STOP_POLL_MS);
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);
  });

  test('waits for a job already stopping', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolvesOnce(job('Stopping')).resolves(job('Stopped'));
    await onEvent(deleteEvent(PHYSICAL_ID, destroy));
    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 2);
    expect(bedrock).not.toHaveReceivedCommand(StopModelCustomizationJobCommand);
  });

  test('stops waiting after ten minutes and succeeds, saying the job is still stopping', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolvesOnce(job('InProgress')).resolves(job('Stopping'));
    bedrock.on(StopModelCustomizationJobCommand).resolves({});

    await expect(onEvent(deleteEvent(PHYSICAL_ID, destroy))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });

    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 1 + STOP_WAIT_MS / STOP_POLL_MS);
    expect(logLines(logs())).toContainEqual(expect.objectContaining({ level: 'warn', message: 'The job is still stopping; leaving it to stop on its own' }));
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);
  });

  test('deletes the output model of a completed job when removalPolicy is destroy', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', MODEL_ARN));
    bedrock.on(DeleteCustomModelCommand).resolves({});

    await onEvent(deleteEvent(PHYSICAL_ID, destroy));

    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: MODEL_ARN });
    expect(bedrock).not.toHaveReceivedCommand(StopModelCustomizationJobCommand);
  });

  test('keeps the output model of a completed job when removalPolicy is retain', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', MODEL_ARN));

    await onEvent(deleteEvent(PHYSICAL_ID, retain));

    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 1);
    expect(bedrock.calls()).toHaveLength(1);
  });

  test('keeps the model when removalPolicy is unreadable (the safe side)', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', MODEL_ARN));
    await expect(onEvent(deleteEvent(PHYSICAL_ID, rawProperties({ removalPolicy: 'SNAPSHOT' })))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelCommand);
  });

  test.each<ModelCustomizationJobStatus>(['Stopped', 'Failed'])('does nothing more for a %s job', async status => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job(status));
    await onEvent(deleteEvent(PHYSICAL_ID, destroy));
    expect(bedrock.calls()).toHaveLength(1);
  });

  test('succeeds when the job no longer exists', async () => {
    bedrock.on(GetModelCustomizationJobCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata }));
    await expect(onEvent(deleteEvent(PHYSICAL_ID, destroy))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(bedrock.calls()).toHaveLength(1);
  });

  test('succeeds when the model is already gone', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('Completed', MODEL_ARN));
    bedrock.on(DeleteCustomModelCommand).rejects(new ResourceNotFoundException({ message: 'model not found', $metadata }));
    await expect(onEvent(deleteEvent(PHYSICAL_ID, destroy))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(bedrock).toHaveReceivedCommandTimes(DeleteCustomModelCommand, 1);
  });

  test.each([
    ['the framework placeholder after a failed create', CREATE_FAILED_PLACEHOLDER],
    ['a bare RequestId', 'e3b0c442-98fc-1c14-9afb-f4c8996fb924'],
  ])('calls nothing for %s', async (_label, physicalId) => {
    await expect(onEvent(deleteEvent(physicalId, destroy))).resolves.toEqual({ PhysicalResourceId: physicalId });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test.each([
    ['ValidationException', new ValidationException({ message: 'Job is not in progress', $metadata })],
    ['ConflictException', new ConflictException({ message: 'Job already completed', $metadata })],
  ])('a job that completes between Get and Stop (%s) then follows the removal policy', async (_name, error) => {
    bedrock.on(GetModelCustomizationJobCommand).resolvesOnce(job('InProgress')).resolves(job('Completed', MODEL_ARN));
    bedrock.on(StopModelCustomizationJobCommand).rejects(error);
    bedrock.on(DeleteCustomModelCommand).resolves({});

    await onEvent(deleteEvent(PHYSICAL_ID, destroy));

    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 2);
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelCommand, { modelIdentifier: MODEL_ARN });
  });

  test('a job that vanishes between Get and Stop counts as deleted', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('InProgress'));
    bedrock.on(StopModelCustomizationJobCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(onEvent(deleteEvent(PHYSICAL_ID, destroy))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
  });

  test('a Stop refused while the job still runs fails with the reason', async () => {
    bedrock.on(GetModelCustomizationJobCommand).resolves(job('InProgress'));
    bedrock.on(StopModelCustomizationJobCommand).rejects(new ValidationException({ message: 'cannot stop now', $metadata }));
    await expect(onEvent(deleteEvent(PHYSICAL_ID, destroy))).rejects.toThrow(
      `Stopping model customization job '${JOB_ARN}' failed: Bedrock rejected the request: cannot stop now`,
    );
  });

  test('throttling that outlasts the SDK retries fails with a clear message', async () => {
    bedrock.on(GetModelCustomizationJobCommand).rejects(new ThrottlingException({ message: 'Rate exceeded', $metadata }));
    await expect(onEvent(deleteEvent(PHYSICAL_ID, destroy))).rejects.toThrow(
      `Reading model customization job '${JOB_ARN}' failed: Bedrock kept throttling the request after the SDK's retries (ThrottlingException: Rate exceeded)`,
    );
  });
});
