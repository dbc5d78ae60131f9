import { setTimeout as sleep } from 'timers/promises';
import {
  AccessDeniedException, DeleteModelInvocationLoggingConfigurationCommand, GetModelInvocationLoggingConfigurationCommand,
  LoggingConfig, PutModelInvocationLoggingConfigurationCommand, ValidationException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { LOG_ROLE_ARN, loggingCreate, loggingDelete, loggingPhysicalId, loggingProperties, loggingUpdate } from './handler-fixtures';
import { onEvent } from '../../lambda/invocation-logging/on-event';
import { decodeLoggingProperties, LOGGING_ID, loggingConfigDigest } from '../../lambda/invocation-logging/properties';
import { PROPAGATION_WAIT_MS } from '../../lambda/shared/propagation-retry';
import { CREATE_FAILED_PLACEHOLDER, useSleepingHandler } from '../lambda/fixtures';

jest.mock('timers/promises', () => ({ setTimeout: jest.fn() }));

const $metadata = {};
const props = loggingProperties();
const PHYSICAL_ID = loggingPhysicalId(props);

/** The configuration of `props` as Bedrock sends it back: false data types left out, booleans real. */
const LIVE: LoggingConfig = {
  s3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock' },
  cloudWatchConfig: { logGroupName: '/bedrock/invocations', roleArn: LOG_ROLE_ARN, largeDataDeliveryS3Config: { bucketName: 'large-bucket', keyPrefix: '' } },
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
};
const FOREIGN: LoggingConfig = { s3Config: { bucketName: 'someone-elses-bucket' }, textDataDeliveryEnabled: true };
const permissionError = () => new ValidationException({
  $metadata,
  message: `Failed to validate permissions for log group: /bedrock/invocations, with role: ${LOG_ROLE_ARN}. Verify the IAM role permissions are correct.`,
});

const { bedrock } = useSleepingHandler(sleep);

describe('the digest', () => {
  test('a configuration as put and as Get answers it give the same digest', () => {
    expect(loggingConfigDigest(LIVE)).toBe(loggingConfigDigest(decodeLoggingProperties(props).loggingConfig));
    expect(loggingConfigDigest(FOREIGN)).not.toBe(loggingConfigDigest(LIVE));
    expect(loggingConfigDigest({ ...LIVE, videoDataDeliveryEnabled: true })).not.toBe(loggingConfigDigest(LIVE));
  });

  test('the physical id carries it, and other ids are not ours', () => {
    expect(LOGGING_ID.parse(PHYSICAL_ID)).toBe(loggingConfigDigest(LIVE));
    expect(LOGGING_ID.parse(CREATE_FAILED_PLACEHOLDER)).toBeUndefined();
    expect(LOGGING_ID.parse('bedrock-invocation-logging#xyz')).toBeUndefined();
  });
});

describe('Create', () => {
  test('puts the configuration with real booleans when none is in place', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});

    const result = await onEvent(loggingCreate(props));

    expect(result.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).toHaveReceivedCommandWith(PutModelInvocationLoggingConfigurationCommand, {
      loggingConfig: expect.objectContaining({ textDataDeliveryEnabled: true, audioDataDeliveryEnabled: false, s3Config: LIVE.s3Config }),
    });
  });

  test('refuses a configuration it did not put, and changes nothing', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: FOREIGN });

    await expect(onEvent(loggingCreate(props))).rejects.toThrow(
      /^A model invocation logging configuration already exists in this account and region, and this resource did not put it \(its destinations: S3 bucket 'someone-elses-bucket'\)\. .*takeOverExistingConfiguration: true/,
    );
    expect(bedrock).not.toHaveReceivedCommand(PutModelInvocationLoggingConfigurationCommand);
  });

  test('takes a configuration over when allowed', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: FOREIGN });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});

    const result = await onEvent(loggingCreate(loggingProperties({}, 'true')));

    expect(result.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).toHaveReceivedCommandTimes(PutModelInvocationLoggingConfigurationCommand, 1);
  });

  test('a live configuration equal to the wanted one is kept as it is (a retried Create)', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: LIVE });

    expect((await onEvent(loggingCreate(props))).PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).not.toHaveReceivedCommand(PutModelInvocationLoggingConfigurationCommand);
  });

  test('retries the permission-validation refusal while new policies propagate', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand)
      .rejectsOnce(permissionError()).rejectsOnce(permissionError()).resolves({});

    expect((await onEvent(loggingCreate(props))).PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).toHaveReceivedCommandTimes(PutModelInvocationLoggingConfigurationCommand, 3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  test('gives up after two minutes with Bedrock\'s message and a hint', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).rejects(permissionError());
    const start = Date.now();

    await expect(onEvent(loggingCreate(props))).rejects.toThrow(
      /^Putting the model invocation logging configuration failed: Bedrock rejected the request: Failed to validate permissions for log group: .* check the bucket policy, the role's trust and permissions, and the KMS key policy\.$/,
    );
    expect(Date.now() - start).toBeLessThanOrEqual(PROPAGATION_WAIT_MS);
    expect(Date.now() - start).toBeGreaterThan(PROPAGATION_WAIT_MS / 2);
  });

  test('other errors are not retried', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).rejects(new AccessDeniedException({ $metadata, message: 'no' }));

    await expect(onEvent(loggingCreate(props))).rejects.toThrow(/^Putting the model invocation logging configuration failed: the handler role lacks permission/);
    expect(bedrock).toHaveReceivedCommandTimes(PutModelInvocationLoggingConfigurationCommand, 1);
    expect(sleep).not.toHaveBeenCalled();
  });

  test('a bad property fails before any call', async () => {
    const bad = loggingProperties({ textDataDeliveryEnabled: 'yes' });
    await expect(onEvent(loggingCreate(bad))).rejects.toThrow('Invalid property \'loggingConfig.textDataDeliveryEnabled\': expected "true" or "false"');
    expect(bedrock.calls()).toHaveLength(0);
  });
});

describe('Update', () => {
  const changed = loggingProperties({ videoDataDeliveryEnabled: 'true' });

  test('puts the new configuration over its own and returns the new digest', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: LIVE });
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});

    const result = await onEvent(loggingUpdate(PHYSICAL_ID, props, changed));

    expect(result.PhysicalResourceId).toBe(loggingPhysicalId(changed));
    expect(bedrock).toHaveReceivedCommandWith(PutModelInvocationLoggingConfigurationCommand, {
      loggingConfig: expect.objectContaining({ videoDataDeliveryEnabled: true }),
    });
  });

  test('puts it again when the configuration was deleted outside the stack', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});
    bedrock.on(PutModelInvocationLoggingConfigurationCommand).resolves({});

    expect((await onEvent(loggingUpdate(PHYSICAL_ID, props, changed))).PhysicalResourceId).toBe(loggingPhysicalId(changed));
    expect(bedrock).toHaveReceivedCommandTimes(PutModelInvocationLoggingConfigurationCommand, 1);
  });

  test('refuses to overwrite a configuration another party put since', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: FOREIGN });

    await expect(onEvent(loggingUpdate(PHYSICAL_ID, props, changed))).rejects.toThrow(/this resource did not put it/);
    expect(bedrock).not.toHaveReceivedCommand(PutModelInvocationLoggingConfigurationCommand);
  });

  test('a library-only update (or an update rollback) leaves another party\'s configuration alone and succeeds', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: FOREIGN });

    const result = await onEvent(loggingUpdate(PHYSICAL_ID, props, props));

    expect(result.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).not.toHaveReceivedCommand(PutModelInvocationLoggingConfigurationCommand);
  });
});

describe('Delete', () => {
  test('deletes the configuration it put', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: LIVE });
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).resolves({});

    expect((await onEvent(loggingDelete(PHYSICAL_ID, props))).PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(bedrock).toHaveReceivedCommandTimes(DeleteModelInvocationLoggingConfigurationCommand, 1);
  });

  test('leaves a configuration it did not put, and succeeds', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: FOREIGN });

    await expect(onEvent(loggingDelete(PHYSICAL_ID, props))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(bedrock).not.toHaveReceivedCommand(DeleteModelInvocationLoggingConfigurationCommand);
  });

  test('succeeds when nothing is configured', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({});

    await expect(onEvent(loggingDelete(PHYSICAL_ID, props))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(bedrock).not.toHaveReceivedCommand(DeleteModelInvocationLoggingConfigurationCommand);
  });

  test('after a failed Create (the placeholder id) calls nothing', async () => {
    await expect(onEvent(loggingDelete(CREATE_FAILED_PLACEHOLDER, props))).resolves.toEqual({ PhysicalResourceId: CREATE_FAILED_PLACEHOLDER });
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('a refused Delete fails with a message', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).resolves({ loggingConfig: LIVE });
    bedrock.on(DeleteModelInvocationLoggingConfigurationCommand).rejects(new AccessDeniedException({ $metadata, message: 'no' }));

    await expect(onEvent(loggingDelete(PHYSICAL_ID, props))).rejects.toThrow(/^Deleting the model invocation logging configuration failed: /);
  });

  test('a Get that fails fails the Delete with a message', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).rejects(new AccessDeniedException({ $metadata, message: 'no' }));

    await expect(onEvent(loggingDelete(PHYSICAL_ID, props))).rejects.toThrow(/^Reading the model invocation logging configuration failed: /);
  });
});
