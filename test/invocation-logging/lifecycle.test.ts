/*
 * Custom::BedrockInvocationLogging deployed, updated and deleted as
 * CloudFormation does, against the local Bedrock emulator.
 */
import { aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import type { LocalCloudFormation } from '../../emulator/cloudformation';
import { InvocationLogging, InvocationLoggingProps } from '../../src';
import { invocationLogsPath } from '../../src/invocation-logging/logging-paths';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';

const lifecycle = useLifecycle();
const PERMISSION_ERROR = 'Failed to validate permissions for log group: /bedrock/x, with role: arn:aws:iam::123456789012:role/r. Verify the IAM role permissions are correct.';
const FOREIGN = { s3Config: { bucketName: 'someone-elses-bucket' }, textDataDeliveryEnabled: true };

/** The objects each deployed bucket policy lets Bedrock put, by bucket name. */
function bedrockPutResources(engine: LocalCloudFormation): Record<string, unknown> {
  const allowed: Record<string, unknown> = {};
  for (const policy of engine.resources.filter((r) => r.type === 'AWS::S3::BucketPolicy')) {
    const statements = (policy.properties.PolicyDocument as any).Statement as any[];
    const put = statements.find((st) => st.Principal?.Service === 'bedrock.amazonaws.com' && st.Action === 's3:PutObject');
    if (put) allowed[policy.properties.Bucket as string] = put.Resource;
  }
  return allowed;
}

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

test('prefixes given with a trailing slash reach Bedrock without it; the bucket policies allow where Bedrock delivers', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const stack = newStack();
  new InvocationLogging(stack, 'Logging', {
    s3: { keyPrefix: 'logs/' },
    cloudWatch: { largeDataBucket: new s3.Bucket(stack, 'Large'), largeDataKeyPrefix: 'large/' },
  });

  expect((await engine.deploy(synthesize(stack))).status).toBe('CREATE_COMPLETE');

  const received = emulator.loggingConfig.get()!;
  const logsConfig = received.s3Config!;
  const largeConfig = received.cloudWatchConfig!.largeDataDeliveryS3Config!;
  expect([logsConfig.keyPrefix, largeConfig.keyPrefix]).toEqual(['logs', 'large']);
  expect(emulator.callsTo('PutModelInvocationLoggingConfiguration').map((c) => (c.input as any).loggingConfig.s3Config.keyPrefix)).toEqual(['logs']);
  const delivered = (config: typeof logsConfig) => `arn:aws:s3:::${config.bucketName}/${invocationLogsPath(config.keyPrefix, engine.accountId)}*`;
  expect(delivered(logsConfig)).toBe(`arn:aws:s3:::${logsConfig.bucketName}/logs/AWSLogs/${engine.accountId}/BedrockModelInvocationLogs/*`);
  expect(bedrockPutResources(engine)).toEqual({
    [logsConfig.bucketName!]: delivered(logsConfig),
    [largeConfig.bucketName!]: delivered(largeConfig),
  });
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
});

test('without a destination, Bedrock gets the bucket the stack created, with no prefix', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  const stack = newStack();
  const logging = new InvocationLogging(stack, 'Logging');

  expect((await engine.deploy(synthesize(stack))).status).toBe('CREATE_COMPLETE');

  const bucket = engine.resources.find((r) => r.type === 'AWS::S3::Bucket')!;
  expect(stack.resolve((logging.bucket!.node.defaultChild as s3.CfnBucket).logicalId)).toBe(bucket.logicalId);
  expect(emulator.loggingConfig.get()).toEqual({
    s3Config: { bucketName: bucket.physicalId },
    textDataDeliveryEnabled: true,
    imageDataDeliveryEnabled: true,
    embeddingDataDeliveryEnabled: true,
    videoDataDeliveryEnabled: true,
    audioDataDeliveryEnabled: true,
  });
  expect(bedrockPutResources(engine)).toEqual({ [bucket.physicalId]: `arn:aws:s3:::${bucket.physicalId}/${invocationLogsPath(undefined, engine.accountId)}*` });
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
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
