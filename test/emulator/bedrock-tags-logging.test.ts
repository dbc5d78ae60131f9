/* Tags per resource ARN, and the one invocation logging configuration per region. */
import {
  DeleteModelInvocationLoggingConfigurationCommand,
  GetModelInvocationLoggingConfigurationCommand,
  ListTagsForResourceCommand,
  LoggingConfig,
  PutModelInvocationLoggingConfigurationCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { rejectionOf } from './bedrock-fixtures/sdk';

const env = useEmulator();

describe('tags', () => {
  const listTags = async (resourceARN: string) => (await env.client().send(new ListTagsForResourceCommand({ resourceARN }))).tags;
  const tag = (resourceARN: string, tags: Array<{ key: string; value: string }>) => env.client().send(new TagResourceCommand({ resourceARN, tags }));

  test('TagResource adds and overwrites, UntagResource removes (unknown keys are ignored)', async () => {
    const modelArn = env.emulator.customModels.add({ modelName: 'm', tags: [{ key: 'team', value: 'ml' }] });
    await tag(modelArn, [{ key: 'team', value: 'research' }, { key: 'stage', value: 'dev' }]);
    expect(await listTags(modelArn)).toEqual([{ key: 'team', value: 'research' }, { key: 'stage', value: 'dev' }]);
    await env.client().send(new UntagResourceCommand({ resourceARN: modelArn, tagKeys: ['team', 'never-set'] }));
    expect(await listTags(modelArn)).toEqual([{ key: 'stage', value: 'dev' }]);
    expect(env.emulator.tags.list(modelArn)).toEqual([{ key: 'stage', value: 'dev' }]);
  });

  test('an ARN the emulator does not hold is ResourceNotFoundException for all three operations', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdefghijkl';
    for (const send of [
      () => listTags(arn),
      () => tag(arn, [{ key: 'a', value: 'b' }]),
      () => env.client().send(new UntagResourceCommand({ resourceARN: arn, tagKeys: ['a'] })),
    ]) {
      const error = await rejectionOf(send());
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      expect(error.message).toContain(arn);
    }
  });

  test('a resource holds at most 50 tags, existing ones included: TooManyTagsException names it', async () => {
    const modelArn = env.emulator.customModels.add({ modelName: 'm', tags: Array.from({ length: 40 }, (_, i) => ({ key: `old${i}`, value: 'v' })) });
    await tag(modelArn, Array.from({ length: 10 }, (_, i) => ({ key: `new${i}`, value: 'v' })));
    const error = await rejectionOf(tag(modelArn, [{ key: 'one-more', value: 'v' }]));
    expect(error).toBeInstanceOf(TooManyTagsException);
    expect((error as TooManyTagsException).resourceName).toBe(modelArn);
    expect(await listTags(modelArn)).toHaveLength(50);
    // Overwriting a key does not add a tag.
    await expect(tag(modelArn, [{ key: 'old0', value: 'w' }])).resolves.toBeDefined();
  });
});

describe('invocation logging configuration', () => {
  const get = () => env.client().send(new GetModelInvocationLoggingConfigurationCommand({}));
  const put = (loggingConfig: LoggingConfig) => env.client().send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig }));
  const s3Only: LoggingConfig = { s3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock/' }, textDataDeliveryEnabled: true };
  const cloudWatch: LoggingConfig = {
    cloudWatchConfig: {
      logGroupName: '/bedrock/invocations',
      roleArn: 'arn:aws:iam::123456789012:role/BedrockLogging',
      largeDataDeliveryS3Config: { bucketName: 'large-bucket' },
    },
    imageDataDeliveryEnabled: false,
  };

  test('without a configuration, Get answers an empty response', async () => {
    const response = await get();
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(response.loggingConfig).toBeUndefined();
  });

  test('one configuration per region: Put replaces it, Delete removes it, and Delete of none succeeds', async () => {
    await put(s3Only);
    expect((await get()).loggingConfig).toEqual(s3Only);
    await put(cloudWatch);
    expect((await get()).loggingConfig).toEqual(cloudWatch);
    expect(env.emulator.loggingConfig.get()).toEqual(cloudWatch);
    await env.client().send(new DeleteModelInvocationLoggingConfigurationCommand({}));
    expect((await get()).loggingConfig).toBeUndefined();
    const again = await env.client().send(new DeleteModelInvocationLoggingConfigurationCommand({}));
    expect(again.$metadata.httpStatusCode).toBe(200);
  });
});
