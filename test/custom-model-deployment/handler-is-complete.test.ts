import {
  ConflictException, DeleteCustomModelDeploymentCommand, GetCustomModelDeploymentCommand, ResourceNotFoundException,
} from '@aws-sdk/client-bedrock';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import 'aws-sdk-client-mock-jest';
import { DEPLOYMENT_ARN, deploymentPhysicalId, deploymentProperties } from './handler-fixtures';
import { DeploymentWaitEvent, isComplete } from '../../lambda/custom-model-deployment/is-complete';
import { MAX_FAILURE_MESSAGE_BYTES } from '../../lambda/shared/bounded-failure';
import { createEvent, deleteEvent, escaped, IMPORTED_MODEL_ARN, LOGICAL_ID, logLines, MODEL_ARN, passedDeadline, updateEvent, useMockedBedrock, waitEventOf } from '../lambda/fixtures';

const { bedrock, logs } = useMockedBedrock();
const $metadata = {};
const PENDING_ID = deploymentPhysicalId(deploymentProperties(), true);
const CONFIRMED_ID = deploymentPhysicalId();
const earlier = passedDeadline;

/** The event isComplete gets: the request merged with onEvent's result. */
const waitEvent = (request: CloudFormationCustomResourceEvent, result: Partial<DeploymentWaitEvent> = {}) =>
  waitEventOf<DeploymentWaitEvent>(request, PENDING_ID, result);
const creating = (result: Partial<DeploymentWaitEvent> = {}) => waitEvent(createEvent(deploymentProperties()), result);
/** An Update of the model, from MODEL_ARN to IMPORTED_MODEL_ARN, on the confirmed id. */
const remodelling = (result: Partial<DeploymentWaitEvent> = {}) => waitEvent(
  updateEvent(CONFIRMED_ID, deploymentProperties(), deploymentProperties({ modelArn: IMPORTED_MODEL_ARN })),
  { PhysicalResourceId: CONFIRMED_ID, ...result },
);

function deployment(status: string, extra: object = {}) {
  return { customModelDeploymentArn: DEPLOYMENT_ARN, modelDeploymentName: 'd', modelArn: MODEL_ARN, createdAt: new Date(), status, ...extra } as never;
}
const updating = (updateStatus: string, modelArn = IMPORTED_MODEL_ARN, extra: object = {}) =>
  deployment('Active', { updateDetails: { modelArn, updateStatus }, ...extra });

describe('isComplete: Create', () => {
  test('Creating is not complete; Active is, with the id confirmed; each poll logs the status', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolvesOnce(deployment('Creating')).resolves(deployment('Active'));
    await expect(isComplete(creating())).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(creating())).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(bedrock).toHaveReceivedCommandWith(GetCustomModelDeploymentCommand, { customModelDeploymentIdentifier: DEPLOYMENT_ARN });
    const polls = logLines(logs()).filter((line) => line.message === 'Deployment status');
    expect(polls.map((line) => [line.logicalResourceId, line.status])).toEqual([[LOGICAL_ID, 'Creating'], [LOGICAL_ID, 'Active']]);
  });

  test('a request that does not wait (no Deadline) is complete at once', async () => {
    await expect(isComplete(creating({ Deadline: undefined }))).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('Failed fails with Bedrock\'s message first, then the ARN', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Failed', { failureMessage: 'The model is not supported for on-demand inference.' }));
    await expect(isComplete(creating())).rejects.toThrow(
      new RegExp(`^The model is not supported for on-demand inference\\. \\(custom model deployment ${escaped(DEPLOYMENT_ARN)} Failed\\)$`),
    );
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelDeploymentCommand);
  });

  test('a long failure message is quoted from its start, bounded, on one line, the ARN kept', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Failed', { failureMessage: `Capacity: ${'x'.repeat(3000)}\nmore` }));
    const error: Error = await isComplete(creating()).then(() => new Error('resolved'), (e) => e);
    expect(error.message.startsWith(`Capacity: ${'x'.repeat(700)}`)).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(Buffer.byteLength(error.message)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
    expect(error.message).toMatch(new RegExp(`… \\(custom model deployment ${escaped(DEPLOYMENT_ARN)} Failed\\)$`));
  });

  test('a passed deadline fails with the ARN, what it waits for and the status', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Creating'));
    await expect(isComplete(creating({ Deadline: earlier() }))).rejects.toThrow(
      new RegExp(`^Custom model deployment ${escaped(DEPLOYMENT_ARN)} did not become Active within the completion timeout \\(.+\\); it is Creating\\.$`),
    );
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelDeploymentCommand);
  });

  test('a deployment that no longer exists fails the resource', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(isComplete(creating())).rejects.toThrow(`Custom model deployment ${DEPLOYMENT_ARN} no longer exists`);
  });
});

describe('isComplete: a replacing Update', () => {
  const replacing = (result: Partial<DeploymentWaitEvent>) =>
    waitEvent(updateEvent('old-id', deploymentProperties({ description: 'v1' }), deploymentProperties()), { Replacement: true, ...result });

  test('a passed deadline deletes the new deployment, for which no Delete will come', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Creating'));
    bedrock.on(DeleteCustomModelDeploymentCommand).resolves({});
    await expect(isComplete(replacing({ Deadline: earlier() }))).rejects.toThrow(/did not become Active .*; it is Creating\. The new deployment is deleted\.$/);
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelDeploymentCommand, { customModelDeploymentIdentifier: DEPLOYMENT_ARN });
  });

  test('a new deployment Bedrock refuses to delete fails saying what to do', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Creating'));
    bedrock.on(DeleteCustomModelDeploymentCommand).rejects(new ConflictException({ message: 'busy', $metadata }));
    await expect(isComplete(replacing({ Deadline: earlier() }))).rejects.toThrow(
      `Bedrock refused to delete the new deployment while it is Creating: delete it (aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${DEPLOYMENT_ARN}).`,
    );
  });

  test('a Failed new deployment is deleted too', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Failed'));
    bedrock.on(DeleteCustomModelDeploymentCommand).resolves({});
    await expect(isComplete(replacing({}))).rejects.toThrow(/^The deployment failed\. \(custom model deployment \S+ Failed\)$/);
    expect(bedrock).toHaveReceivedCommandTimes(DeleteCustomModelDeploymentCommand, 1);
  });
});

describe('isComplete: an Update of the model', () => {
  test('Updating is not complete; UpdateCompleted to the wanted model is', async () => {
    bedrock.on(GetCustomModelDeploymentCommand)
      .resolvesOnce(updating('Updating'))
      .resolves(updating('UpdateCompleted', IMPORTED_MODEL_ARN, { modelArn: IMPORTED_MODEL_ARN }));
    await expect(isComplete(remodelling())).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(remodelling())).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
    expect(logLines(logs()).filter((line) => line.message === 'Deployment status').map((line) => line.status))
      .toEqual(['Active (update Updating)', 'Active (update UpdateCompleted)']);
  });

  test('UpdateFailed fails with Bedrock\'s message and the ARN, bounded', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(updating('UpdateFailed', IMPORTED_MODEL_ARN, { failureMessage: 'The model is not Active.' }));
    await expect(isComplete(remodelling())).rejects.toThrow(
      new RegExp(`^The model is not Active\\. \\(custom model deployment ${escaped(DEPLOYMENT_ARN)} UpdateFailed\\)$`),
    );
    bedrock.on(GetCustomModelDeploymentCommand).resolves(updating('UpdateFailed', IMPORTED_MODEL_ARN, { failureMessage: `${'é'.repeat(2000)}` }));
    const error: Error = await isComplete(remodelling()).then(() => new Error('resolved'), (e) => e);
    expect(Buffer.byteLength(JSON.stringify(error.message))).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES + 2);
    expect(error.message).toMatch(/^é+… \(custom model deployment \S+ UpdateFailed\)$/);
  });

  test('the rollback after a failed update is complete once the deployment serves the old model again', async () => {
    const rollback = waitEvent(updateEvent(CONFIRMED_ID, deploymentProperties({ modelArn: IMPORTED_MODEL_ARN }), deploymentProperties()),
      { PhysicalResourceId: CONFIRMED_ID });
    bedrock.on(GetCustomModelDeploymentCommand).resolves(updating('UpdateFailed', IMPORTED_MODEL_ARN));
    await expect(isComplete(rollback)).resolves.toEqual({ IsComplete: true, PhysicalResourceId: CONFIRMED_ID });
  });

  test('a passed deadline fails saying which update it waits for and the status; the deployment is kept', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(updating('Updating'));
    await expect(isComplete(remodelling({ Deadline: earlier() }))).rejects.toThrow(
      `Custom model deployment ${DEPLOYMENT_ARN} did not finish updating to model ${IMPORTED_MODEL_ARN} within the completion timeout`,
    );
    await expect(isComplete(remodelling({ Deadline: earlier() }))).rejects.toThrow(/; it is Active \(update Updating\)\.$/);
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelDeploymentCommand);
  });
});

describe('isComplete: Delete', () => {
  const deleting = (result: Partial<DeploymentWaitEvent> = {}) =>
    waitEvent(deleteEvent(CONFIRMED_ID, deploymentProperties({ removalPolicy: 'destroy' })), { PhysicalResourceId: CONFIRMED_ID, ...result });

  test('complete once the deployment is gone; a deletion under way is waited for without asking again', async () => {
    bedrock.on(GetCustomModelDeploymentCommand)
      .resolvesOnce(deployment('Deleting'))
      .rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(isComplete(deleting())).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(deleting())).resolves.toEqual({ IsComplete: true });
    expect(bedrock).not.toHaveReceivedCommand(DeleteCustomModelDeploymentCommand);
  });

  test('a delete Bedrock refused is asked again', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Creating'));
    bedrock.on(DeleteCustomModelDeploymentCommand).rejectsOnce(new ConflictException({ message: 'busy', $metadata })).resolves({});
    await expect(isComplete(deleting())).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(deleting())).resolves.toEqual({ IsComplete: false });
    expect(bedrock).toHaveReceivedCommandTimes(DeleteCustomModelDeploymentCommand, 2);
  });

  test('a deployment still there after the bound fails the Delete, saying what to do', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Deleting'));
    await expect(isComplete(deleting({ Deadline: earlier() }))).rejects.toThrow(
      `Custom model deployment ${DEPLOYMENT_ARN} is not deleted after 55 minutes; it is Deleting. `
      + `Delete it (aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${DEPLOYMENT_ARN}), then delete the stack again.`,
    );
  });

  test('a Delete that does not wait is complete at once', async () => {
    await expect(isComplete(deleting({ Deadline: undefined }))).resolves.toEqual({ IsComplete: true });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});
