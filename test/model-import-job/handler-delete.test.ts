/*
 * Delete of a `Custom::BedrockModelImportJob`: an import job cannot be
 * stopped or deleted, so a Delete is about its imported model: kept under
 * retain, deleted under destroy and by the rollback of a create that never
 * completed; a job still InProgress is waited for (bounded), in isComplete.
 */
import { ConflictException, DeleteImportedModelCommand, GetModelImportJobCommand, ResourceNotFoundException } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { IMPORT_JOB_ARN, IMPORTED_ARN, importJob, importJobPhysicalId, modelImportProperties } from './handler-fixtures';
import { isComplete, ModelImportWaitEvent } from '../../lambda/model-import-job/is-complete';
import { onEvent } from '../../lambda/model-import-job/on-event';
import { DELETE_WAIT_SECONDS } from '../../lambda/shared/lifecycle';
import { CREATE_FAILED_PLACEHOLDER, deleteEvent, passedDeadline, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const $metadata = {};
const destroy = modelImportProperties({ removalPolicy: 'destroy' });

test('retain (the default) keeps the model: no Bedrock call', async () => {
  await expect(onEvent(deleteEvent(importJobPhysicalId(), modelImportProperties()))).resolves.toEqual({ PhysicalResourceId: importJobPhysicalId() });
  expect(bedrock.calls()).toHaveLength(0);
});

test('destroy deletes the model the completed job made', async () => {
  bedrock.on(GetModelImportJobCommand, { jobIdentifier: IMPORT_JOB_ARN }).resolves(importJob('Completed'));
  bedrock.on(DeleteImportedModelCommand).resolves({});
  await expect(onEvent(deleteEvent(importJobPhysicalId(), destroy))).resolves.toEqual({ PhysicalResourceId: importJobPhysicalId() });
  expect(bedrock).toHaveReceivedCommandWith(DeleteImportedModelCommand, { modelIdentifier: IMPORTED_ARN });
});

test('whatever is gone counts as deleted: a job that no longer exists, a model deleted already', async () => {
  bedrock.on(GetModelImportJobCommand).rejects(new ResourceNotFoundException({ message: 'no such job', $metadata }));
  await expect(onEvent(deleteEvent(importJobPhysicalId(), destroy))).resolves.toEqual({ PhysicalResourceId: importJobPhysicalId() });
  expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);

  bedrock.reset();
  bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed'));
  bedrock.on(DeleteImportedModelCommand).rejects(new ResourceNotFoundException({ message: 'no such model', $metadata }));
  await expect(onEvent(deleteEvent(importJobPhysicalId(), destroy))).resolves.toEqual({ PhysicalResourceId: importJobPhysicalId() });
  expect(bedrock).toHaveReceivedCommandTimes(DeleteImportedModelCommand, 1);
});

test('a job that Failed made no model: nothing to delete', async () => {
  bedrock.on(GetModelImportJobCommand).resolves(importJob('Failed', { failureMessage: 'bad weights' }));
  await expect(onEvent(deleteEvent(importJobPhysicalId(), destroy))).resolves.toEqual({ PhysicalResourceId: importJobPhysicalId() });
  expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);
});

test('a refused deletion fails the Delete with Bedrock\'s reason', async () => {
  bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed'));
  bedrock.on(DeleteImportedModelCommand).rejects(new ConflictException({ message: 'The model is in use.', $metadata }));
  await expect(onEvent(deleteEvent(importJobPhysicalId(), destroy))).rejects.toThrow(
    `Deleting imported model '${IMPORTED_ARN}' failed: ConflictException: The model is in use.`,
  );
});

test('the rollback of a create that never completed (a pending id) deletes the model, whatever the removal policy', async () => {
  const pending = importJobPhysicalId(modelImportProperties(), true);
  bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed'));
  bedrock.on(DeleteImportedModelCommand).resolves({});
  await expect(onEvent(deleteEvent(pending, modelImportProperties({ removalPolicy: 'retain' })))).resolves.toEqual({ PhysicalResourceId: pending });
  expect(bedrock).toHaveReceivedCommandWith(DeleteImportedModelCommand, { modelIdentifier: IMPORTED_ARN });
});

describe('a job still InProgress', () => {
  test('the Delete waits in isComplete, bounded, until it has ended, then deletes its model', async () => {
    bedrock.on(GetModelImportJobCommand).resolvesOnce(importJob('InProgress')).resolvesOnce(importJob('InProgress')).resolves(importJob('Completed'));
    bedrock.on(DeleteImportedModelCommand).resolves({});
    const started = Date.now();

    const result = await onEvent(deleteEvent(importJobPhysicalId(), destroy));

    expect(result.PhysicalResourceId).toBe(importJobPhysicalId());
    expect(Date.parse(result.Deadline!) - started).toBeGreaterThanOrEqual(DELETE_WAIT_SECONDS * 1000);
    expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);
    const wait = { ...deleteEvent(importJobPhysicalId(), destroy), ...result } as ModelImportWaitEvent;
    await expect(isComplete(wait)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(wait)).resolves.toEqual({ IsComplete: true });
    expect(bedrock).toHaveReceivedCommandWith(DeleteImportedModelCommand, { modelIdentifier: IMPORTED_ARN });
  });

  test('a job that Failed while the Delete waited leaves nothing to delete', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Failed'));
    const wait = { ...deleteEvent(importJobPhysicalId(), destroy), Deadline: new Date(Date.now() + 60_000).toISOString() } as ModelImportWaitEvent;
    await expect(isComplete(wait)).resolves.toEqual({ IsComplete: true });
    expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);
  });

  test('a job still InProgress when the Delete\'s bound passes fails the Delete, saying what to do', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('InProgress'));
    const wait = { ...deleteEvent(importJobPhysicalId(), destroy), Deadline: passedDeadline() } as ModelImportWaitEvent;
    await expect(isComplete(wait)).rejects.toThrow(
      `Imported model 'llama-support' is not deleted after 55 minutes: its model import job ${IMPORT_JOB_ARN} is still InProgress, `
      + 'and an import job cannot be stopped. Delete it once the job has completed '
      + '(aws bedrock delete-imported-model --model-identifier llama-support), then delete the stack again.',
    );
    expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);
  });

  test('under retain, a completed resource\'s job is not read', async () => {
    const result = await onEvent(deleteEvent(importJobPhysicalId(), modelImportProperties()));
    expect(result.Deadline).toBeUndefined();
    expect(bedrock).not.toHaveReceivedCommand(GetModelImportJobCommand);
  });
});

test('the placeholder of a failed Create needs nothing', async () => {
  await onEvent(deleteEvent(CREATE_FAILED_PLACEHOLDER, destroy));
  expect(bedrock).not.toHaveReceivedAnyCommand();
});
