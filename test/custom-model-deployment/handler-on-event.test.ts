import {
  ConflictException, CreateCustomModelDeploymentCommand, DeleteCustomModelDeploymentCommand, GetCustomModelDeploymentCommand,
  ResourceNotFoundException, TagResourceCommand, UntagResourceCommand, UpdateCustomModelDeploymentCommand, ValidationException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { DEPLOYMENT_ARN, DEPLOYMENT_ARN_2, deploymentPhysicalId, deploymentProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/custom-model-deployment/on-event';
import { DEPLOYMENT } from '../../lambda/custom-model-deployment/properties';
import { DELETE_WAIT_SECONDS } from '../../lambda/shared/lifecycle';
import { createEvent, CREATE_FAILED_PLACEHOLDER, deleteEvent, IMPORTED_MODEL_ARN, MODEL_ARN, updateEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const $metadata = {};
const GENERATED_NAME = /^FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}$/;

/** A deployment as GetCustomModelDeployment describes it. */
function deployment(status: 'Creating' | 'Active' | 'Failed', extra: object = {}) {
  return { customModelDeploymentArn: DEPLOYMENT_ARN, modelDeploymentName: 'd', modelArn: MODEL_ARN, createdAt: new Date(), status, ...extra };
}

describe('Create', () => {
  test('deploys the model with a generated name, a token and the tags, and returns a pending id, the attributes and a deadline', async () => {
    bedrock.on(CreateCustomModelDeploymentCommand).resolves({ customModelDeploymentArn: DEPLOYMENT_ARN });
    const before = Date.now();

    const result = await onEvent(createEvent(deploymentProperties()));

    const input = bedrock.commandCalls(CreateCustomModelDeploymentCommand)[0].args[0].input;
    expect(input).toEqual({
      modelDeploymentName: expect.stringMatching(GENERATED_NAME),
      modelArn: MODEL_ARN,
      clientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      description: 'Support answers',
      tags: [{ key: 'team', value: 'support' }],
    });
    expect(input.modelDeploymentName).toMatch(/^([0-9a-zA-Z][_-]?){1,63}$/);
    expect(DEPLOYMENT.physicalId.parse(result.PhysicalResourceId)).toEqual({
      arn: DEPLOYMENT_ARN, seed: expect.stringMatching(/^[0-9a-f]{8}$/), digest: DEPLOYMENT.digest(DEPLOYMENT.decode(deploymentProperties())), pending: true,
    });
    expect(result.Data).toEqual({ DeploymentArn: DEPLOYMENT_ARN, DeploymentName: input.modelDeploymentName });
    expect(Date.parse(result.Deadline!) - before).toBeGreaterThanOrEqual(1800 * 1000);
    expect(Date.parse(result.Deadline!) - Date.now()).toBeLessThanOrEqual(1800 * 1000);
  });

  test('a given name is used; a retried Create sends the same token', async () => {
    bedrock.on(CreateCustomModelDeploymentCommand).resolves({ customModelDeploymentArn: DEPLOYMENT_ARN });
    const props = deploymentProperties({ modelDeploymentName: 'support-bot', description: undefined, tags: undefined });
    const first = await onEvent(createEvent(props));
    await onEvent(createEvent(props));

    const [a, b] = bedrock.commandCalls(CreateCustomModelDeploymentCommand).map((c) => c.args[0].input);
    expect(a).toEqual({ modelDeploymentName: 'support-bot', modelArn: MODEL_ARN, clientRequestToken: expect.any(String) });
    expect(b.clientRequestToken).toBe(a.clientRequestToken);
    expect(first.Data).toEqual({ DeploymentArn: DEPLOYMENT_ARN, DeploymentName: 'support-bot' });
  });

  test('a name taken says whose name it is and what to do', async () => {
    bedrock.on(CreateCustomModelDeploymentCommand).rejects(new ConflictException({ message: 'exists', $metadata }));
    await expect(onEvent(createEvent(deploymentProperties({ modelDeploymentName: 'support-bot' })))).rejects.toThrow(
      "A custom model deployment named 'support-bot' already exists (modelDeploymentName is set in your stack). "
      + 'Choose another modelDeploymentName, or remove it to let the handler generate one.',
    );
    await expect(onEvent(createEvent(deploymentProperties()))).rejects.toThrow(
      /^A custom model deployment named 'FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}' already exists, and the handler generated that modelDeploymentName\. Deploy again/,
    );
  });

  test('another refusal keeps Bedrock\'s message', async () => {
    bedrock.on(CreateCustomModelDeploymentCommand).rejects(new ValidationException({ message: 'The model is not Active.', $metadata }));
    await expect(onEvent(createEvent(deploymentProperties()))).rejects.toThrow(
      /^Creating custom model deployment 'FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}' failed: Bedrock rejected the request: The model is not Active\.$/,
    );
  });
});

describe('Update', () => {
  test('a new model updates the deployment in place, keeping its id, and waits for the update', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Active'));
    bedrock.on(UpdateCustomModelDeploymentCommand).resolves({ customModelDeploymentArn: DEPLOYMENT_ARN });
    const started = Date.now();

    const after = deploymentProperties({ modelArn: IMPORTED_MODEL_ARN });
    const result = await onEvent(updateEvent(deploymentPhysicalId(), deploymentProperties(), after));

    expect(bedrock).toHaveReceivedCommandWith(UpdateCustomModelDeploymentCommand, {
      customModelDeploymentIdentifier: DEPLOYMENT_ARN, modelArn: IMPORTED_MODEL_ARN,
    });
    expect(bedrock).not.toHaveReceivedCommand(CreateCustomModelDeploymentCommand);
    expect(result.PhysicalResourceId).toBe(deploymentPhysicalId());
    expect(result.Replacement).toBeUndefined();
    expect(result.Data).toEqual({ DeploymentArn: DEPLOYMENT_ARN, DeploymentName: expect.stringMatching(/-0a1b2c3d$/) });
    expect(Date.parse(result.Deadline!) - started).toBeGreaterThanOrEqual(1800 * 1000);
  });

  test('the rollback of an update sends the old model back: an update to it, unless the deployment still serves it', async () => {
    const rollback = updateEvent(deploymentPhysicalId(), deploymentProperties({ modelArn: IMPORTED_MODEL_ARN }), deploymentProperties());
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Active', { modelArn: IMPORTED_MODEL_ARN }));
    bedrock.on(UpdateCustomModelDeploymentCommand).resolves({ customModelDeploymentArn: DEPLOYMENT_ARN });
    await expect(onEvent(rollback)).resolves.toMatchObject({ PhysicalResourceId: deploymentPhysicalId(), Deadline: expect.any(String) });
    expect(bedrock).toHaveReceivedCommandWith(UpdateCustomModelDeploymentCommand, { modelArn: MODEL_ARN });

    // The update failed: the deployment kept the old model, which is what the rollback wants.
    bedrock.reset();
    const failed = { updateDetails: { modelArn: IMPORTED_MODEL_ARN, updateStatus: 'UpdateFailed' } };
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Active', failed));
    await expect(onEvent(rollback)).resolves.toMatchObject({ PhysicalResourceId: deploymentPhysicalId(), Deadline: expect.any(String) });
    expect(bedrock).not.toHaveReceivedCommand(UpdateCustomModelDeploymentCommand);
  });

  test('a refused update fails with Bedrock\'s message', async () => {
    bedrock.on(GetCustomModelDeploymentCommand).resolves(deployment('Active'));
    bedrock.on(UpdateCustomModelDeploymentCommand).rejects(new ValidationException({ message: 'The model is not supported.', $metadata }));
    const after = deploymentProperties({ modelArn: IMPORTED_MODEL_ARN });
    await expect(onEvent(updateEvent(deploymentPhysicalId(), deploymentProperties(), after))).rejects.toThrow(
      `Updating custom model deployment '${DEPLOYMENT_ARN}' to model '${IMPORTED_MODEL_ARN}' failed: Bedrock rejected the request: The model is not supported.`,
    );
  });

  test('tags change in place, with no wait', async () => {
    bedrock.on(UntagResourceCommand).resolves({}).on(TagResourceCommand).resolves({});
    const after = deploymentProperties({ tags: [{ key: 'owner', value: 'ops' }] });

    const result = await onEvent(updateEvent(deploymentPhysicalId(), deploymentProperties(), after));

    expect(result.PhysicalResourceId).toBe(deploymentPhysicalId());
    expect(result.Deadline).toBeUndefined();
    expect(bedrock).toHaveReceivedCommandWith(UntagResourceCommand, { resourceARN: DEPLOYMENT_ARN, tagKeys: ['team'] });
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: DEPLOYMENT_ARN, tags: [{ key: 'owner', value: 'ops' }] });
    expect(bedrock).not.toHaveReceivedCommand(UpdateCustomModelDeploymentCommand);
    expect(bedrock).not.toHaveReceivedCommand(CreateCustomModelDeploymentCommand);
  });

  test('a library-only change calls no Bedrock API and does not wait', async () => {
    const after = deploymentProperties({ removalPolicy: 'destroy', completionTimeoutSeconds: '3000' });
    const result = await onEvent(updateEvent(deploymentPhysicalId(), deploymentProperties(), after));
    expect(result).toEqual({
      PhysicalResourceId: deploymentPhysicalId(), Data: { DeploymentArn: DEPLOYMENT_ARN, DeploymentName: expect.any(String) },
    });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('a new description creates a new deployment (a replacement), with a name generated for this request', async () => {
    bedrock.on(CreateCustomModelDeploymentCommand).resolves({ customModelDeploymentArn: DEPLOYMENT_ARN_2 });
    const after = deploymentProperties({ description: 'Support answers, v2', modelArn: IMPORTED_MODEL_ARN });

    const result = await onEvent(updateEvent(deploymentPhysicalId(), deploymentProperties(), after));

    expect(result.Replacement).toBe(true);
    expect(DEPLOYMENT.physicalId.parse(result.PhysicalResourceId)).toMatchObject({ arn: DEPLOYMENT_ARN_2, pending: true });
    expect(result.Deadline).toEqual(expect.any(String));
    expect(bedrock).toHaveReceivedCommandWith(CreateCustomModelDeploymentCommand, {
      modelDeploymentName: expect.stringMatching(GENERATED_NAME), modelArn: IMPORTED_MODEL_ARN, description: 'Support answers, v2',
    });
    expect(bedrock).not.toHaveReceivedCommand(UpdateCustomModelDeploymentCommand);
  });

  test('a fixed name blocks a replacement, naming only what needs one', async () => {
    const before = deploymentProperties({ modelDeploymentName: 'support-bot' });
    const after = deploymentProperties({ modelDeploymentName: 'support-bot', description: 'v2', modelArn: IMPORTED_MODEL_ARN });
    await expect(onEvent(updateEvent(deploymentPhysicalId(before), before, after))).rejects.toThrow(
      "Cannot replace custom model deployment 'support-bot': changing description requires a new deployment, "
      + "and modelDeploymentName is fixed to 'support-bot'. Change modelDeploymentName too, or remove it to let the handler generate names.",
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});

describe('Delete', () => {
  test('retain keeps the deployment, with no Bedrock call', async () => {
    await expect(onEvent(deleteEvent(deploymentPhysicalId(), deploymentProperties())))
      .resolves.toEqual({ PhysicalResourceId: deploymentPhysicalId() });
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('destroy deletes it and waits, bounded, until it is gone', async () => {
    bedrock.on(DeleteCustomModelDeploymentCommand).resolves({});
    const started = Date.now();
    const result = await onEvent(deleteEvent(deploymentPhysicalId(), deploymentProperties({ removalPolicy: 'destroy' })));
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelDeploymentCommand, { customModelDeploymentIdentifier: DEPLOYMENT_ARN });
    expect(result.PhysicalResourceId).toBe(deploymentPhysicalId());
    expect(Date.parse(result.Deadline!) - started).toBeGreaterThanOrEqual(DELETE_WAIT_SECONDS * 1000);
  });

  test('a deployment already gone is deleted; one Bedrock refuses to delete yet is waited for', async () => {
    bedrock.on(DeleteCustomModelDeploymentCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(onEvent(deleteEvent(deploymentPhysicalId(), deploymentProperties({ removalPolicy: 'destroy' }))))
      .resolves.toEqual({ PhysicalResourceId: deploymentPhysicalId() });

    bedrock.on(DeleteCustomModelDeploymentCommand).rejects(new ConflictException({ message: 'The deployment is being created.', $metadata }));
    await expect(onEvent(deleteEvent(deploymentPhysicalId(), deploymentProperties({ removalPolicy: 'destroy' }))))
      .resolves.toMatchObject({ Deadline: expect.any(String) });
  });

  test('the rollback of a create that never completed (a pending id) deletes it, whatever the removal policy', async () => {
    bedrock.on(DeleteCustomModelDeploymentCommand).resolves({});
    const pending = deploymentPhysicalId(deploymentProperties(), true);
    await expect(onEvent(deleteEvent(pending, deploymentProperties()))).resolves.toMatchObject({ PhysicalResourceId: pending });
    expect(bedrock).toHaveReceivedCommandWith(DeleteCustomModelDeploymentCommand, { customModelDeploymentIdentifier: DEPLOYMENT_ARN });
  });

  test('other errors fail the Delete; the placeholder of a failed Create needs nothing', async () => {
    bedrock.on(DeleteCustomModelDeploymentCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(onEvent(deleteEvent(deploymentPhysicalId(), deploymentProperties({ removalPolicy: 'destroy' })))).rejects.toThrow(
      `Deleting custom model deployment '${DEPLOYMENT_ARN}' failed: the handler role lacks permission`,
    );
    bedrock.reset();
    await onEvent(deleteEvent(CREATE_FAILED_PLACEHOLDER, deploymentProperties({ removalPolicy: 'destroy' })));
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });
});
