/*
 * A job's VPC and custom model key in the emulator (the requests it rejects
 * are in bedrock-jobs.test.ts), and tags changed on jobs and their models
 * after the job was created.
 */
import {
  CreateModelCustomizationJobCommand,
  CreateModelCustomizationJobCommandInput,
  GetCustomModelCommand,
  GetModelCustomizationJobCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { jobRequest } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const VPC = { subnetIds: ['subnet-0a1b', 'subnet-0c2d'], securityGroupIds: ['sg-0e3f'] };

async function createJob(overrides: Partial<CreateModelCustomizationJobCommandInput> = {}): Promise<string> {
  const { jobArn } = await env.client().send(new CreateModelCustomizationJobCommand(jobRequest(overrides)));
  return jobArn!;
}

async function tagsOf(resourceARN: string) {
  return (await env.client().send(new ListTagsForResourceCommand({ resourceARN }))).tags;
}

describe('VPC and custom model key', () => {
  test('a job keeps its vpcConfig, and its model the key', async () => {
    const jobArn = await createJob({ vpcConfig: VPC, customModelKmsKeyId: KEY_ARN });
    const job = await env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(job).toMatchObject({ vpcConfig: VPC, outputModelKmsKeyArn: KEY_ARN });
    env.emulator.jobs.complete(jobArn);
    const model = await env.client().send(new GetCustomModelCommand({ modelIdentifier: env.emulator.jobs.get(jobArn).outputModelArn! }));
    expect(model.modelKmsKeyArn).toBe(KEY_ARN);
  });

  test('a key id or an alias is accepted', async () => {
    await expect(createJob({ customModelKmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })).resolves.toBeDefined();
    await expect(createJob({ jobName: 'tune-2', customModelName: 'tuned-2', customModelKmsKeyId: 'alias/models' })).resolves.toBeDefined();
  });
});

describe('tags after create', () => {
  test('a running job is tagged and untagged in place; its model, once it exists, gets the create-time model tags', async () => {
    const jobArn = await createJob({ jobTags: [{ key: 'team', value: 'ml' }], customModelTags: [{ key: 'stage', value: 'dev' }] });
    await env.client().send(new UntagResourceCommand({ resourceARN: jobArn, tagKeys: ['team'] }));
    await env.client().send(new TagResourceCommand({ resourceARN: jobArn, tags: [{ key: 'owner', value: 'ai' }] }));
    expect(await tagsOf(jobArn)).toEqual([{ key: 'owner', value: 'ai' }]);

    env.emulator.jobs.complete(jobArn);
    const modelArn = env.emulator.jobs.get(jobArn).outputModelArn!;
    expect(await tagsOf(modelArn)).toEqual([{ key: 'stage', value: 'dev' }]);
    await env.client().send(new TagResourceCommand({ resourceARN: modelArn, tags: [{ key: 'stage', value: 'prod' }] }));
    expect(await tagsOf(modelArn)).toEqual([{ key: 'stage', value: 'prod' }]);
  });

  test('the model of a running job does not exist yet; a 51st tag is a TooManyTagsException naming the resource', async () => {
    const jobArn = await createJob({ jobTags: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' })) });
    const error = await rejectionOf(env.client().send(new TagResourceCommand({ resourceARN: jobArn, tags: [{ key: 'one-more', value: 'v' }] })));
    expect(error).toBeInstanceOf(TooManyTagsException);
    expect((error as TooManyTagsException).resourceName).toBe(jobArn);
    const notYet = jobArn.replace(':model-customization-job/', ':custom-model/');
    expect(await rejectionOf(tagsOf(notYet))).toBeInstanceOf(ResourceNotFoundException);
  });
});
