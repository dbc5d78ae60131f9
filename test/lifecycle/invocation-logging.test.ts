/*
 * Custom::BedrockInvocationLogging deployed, updated and deleted as
 * CloudFormation does, against the local Bedrock emulator.
 */
import { aws_kms as kms } from 'aws-cdk-lib';
import { newStack, synthesize, useLifecycle } from './harness';
import { InvocationLogging, InvocationLoggingProps } from '../../src';

const lifecycle = useLifecycle();
const PERMISSION_ERROR = 'Failed to validate permissions for log group: /bedrock/x, with role: arn:aws:iam::123456789012:role/r. Verify the IAM role permissions are correct.';
const FOREIGN = { s3Config: { bucketName: 'someone-elses-bucket' }, textDataDeliveryEnabled: true };

function loggingStack(props: Partial<InvocationLoggingProps> = {}) {
  const stack = newStack();
  const key = new kms.Key(stack, 'Key');
  new InvocationLogging(stack, 'Logging', { s3: { keyPrefix: 'bedrock' }, cloudWatch: {}, encryptionKey: key, videoData: false, ...props });
  return synthesize(stack);
}

test('create puts the configuration with both destinations; update changes it; delete removes it', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();

  expect((await engine.deploy(loggingStack())).status).toBe('CREATE_COMPLETE');
  const created = emulator.loggingConfig.get();
  expect(created).toMatchObject({
    s3Config: { bucketName: expect.any(String), keyPrefix: 'bedrock' },
    cloudWatchConfig: { logGroupName: expect.any(String), roleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//) },
    textDataDeliveryEnabled: true,
    videoDataDeliveryEnabled: false,
  });

  expect((await engine.update(loggingStack({ videoData: true, audioData: false }))).status).toBe('UPDATE_COMPLETE');
  expect(emulator.loggingConfig.get()).toMatchObject({
    videoDataDeliveryEnabled: true, audioDataDeliveryEnabled: false, s3Config: created!.s3Config,
  });
  // The old physical id's Delete found the new configuration and left it.
  expect(emulator.callsTo('DeleteModelInvocationLoggingConfiguration')).toHaveLength(0);

  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.loggingConfig.get()).toBeUndefined();
  expect(emulator.callsTo('DeleteModelInvocationLoggingConfiguration')).toHaveLength(1);
  expect(lifecycle.violations).toEqual([]);
});

test('a configuration made outside the stack is not overwritten: the create fails and says so', async () => {
  const { emulator } = lifecycle;
  emulator.loggingConfig.put(FOREIGN);
  const engine = lifecycle.engine();

  const result = await engine.deploy(loggingStack());

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain('A model invocation logging configuration already exists in this account and region, and this resource did not put it');
  expect(result.reason).toContain('takeOverExistingConfiguration');
  expect(emulator.loggingConfig.get()).toEqual(FOREIGN);
  expect(emulator.callsTo('PutModelInvocationLoggingConfiguration')).toHaveLength(0);
});

test('takeOverExistingConfiguration replaces it; a configuration changed outside the stack later is left on delete', async () => {
  const { emulator } = lifecycle;
  emulator.loggingConfig.put(FOREIGN);
  const engine = lifecycle.engine();

  expect((await engine.deploy(loggingStack({ takeOverExistingConfiguration: true }))).status).toBe('CREATE_COMPLETE');
  expect(emulator.loggingConfig.get()?.s3Config?.keyPrefix).toBe('bedrock');

  emulator.loggingConfig.put(FOREIGN);
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.loggingConfig.get()).toEqual(FOREIGN);
  expect(emulator.callsTo('DeleteModelInvocationLoggingConfiguration')).toHaveLength(0);
});

test('permission-validation errors while new policies propagate are retried until they clear', async () => {
  const { emulator } = lifecycle;
  emulator.faults.error('ValidationException', { operation: 'PutModelInvocationLoggingConfiguration', times: 3 }, PERMISSION_ERROR);
  const engine = lifecycle.engine();

  expect((await engine.deploy(loggingStack())).status).toBe('CREATE_COMPLETE');

  expect(emulator.callsTo('PutModelInvocationLoggingConfiguration').map((c) => c.errorMessage ?? 'ok'))
    .toEqual([PERMISSION_ERROR, PERMISSION_ERROR, PERMISSION_ERROR, 'ok']);
  expect(emulator.loggingConfig.get()).toBeDefined();
  expect(emulator.loggingConfig.get()).toMatchObject({ s3Config: { keyPrefix: 'bedrock' }, videoDataDeliveryEnabled: false });
});

test('permission-validation errors that never clear fail the create after two minutes, with Bedrock\'s message', async () => {
  const { emulator } = lifecycle;
  emulator.faults.error('ValidationException', { operation: 'PutModelInvocationLoggingConfiguration' }, PERMISSION_ERROR);
  const engine = lifecycle.engine();

  const result = await engine.deploy(loggingStack());

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`Putting the model invocation logging configuration failed: Bedrock rejected the request: ${PERMISSION_ERROR}`);
  expect(emulator.loggingConfig.get()).toBeUndefined();
  // Retried (5, 10, 20, 30, 30 s pauses) before giving up within two minutes.
  expect(emulator.callsTo('PutModelInvocationLoggingConfiguration').length).toBeGreaterThan(3);
});

test('throttling is retried by the SDK', async () => {
  const { emulator } = lifecycle;
  emulator.faults.throttle({ operation: ['GetModelInvocationLoggingConfiguration', 'PutModelInvocationLoggingConfiguration'], times: 3 });
  const engine = lifecycle.engine();

  expect((await engine.deploy(loggingStack())).status).toBe('CREATE_COMPLETE');
  expect(emulator.calls.filter((c) => c.errorType === 'ThrottlingException')).toHaveLength(3);
  expect(emulator.loggingConfig.get()).toBeDefined();
  expect(emulator.loggingConfig.get()).toMatchObject({ s3Config: { keyPrefix: 'bedrock' }, videoDataDeliveryEnabled: false });
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
  expect(emulator.loggingConfig.get()).toBeUndefined();
});

// Declared last, so it runs after every scenario above.
describe('the API model', () => {
  test('no request in this file broke one of its rules', () => {
    expect(lifecycle.violations).toEqual([]);
  });
});
