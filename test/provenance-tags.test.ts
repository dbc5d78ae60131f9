/*
 * The provenance tags: every Bedrock resource a construct creates is tagged
 * with the stack name and the construct path (the command line finds a
 * stack's jobs and models by them), whatever the user's tags; values are
 * mapped to what Bedrock accepts; user tags cannot override or remove them.
 */
import { App, Duration, NestedStack, Stack, Stage, Tags, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  BaseModel, CustomModel, CustomModelDeployment, NovaModelImport, ModelCustomizationJob, ModelSource, OutputData,
  ProvisionedThroughput, TrainingData,
} from '../src';
import { addJob, ENV } from './support/job-stack';
import { provenanceTags, withProvenance } from './support/provenance';
import { PROVENANCE_TAG_KEYS } from '../src/contract/common';
import { shape } from '../src/contract/constraints';
import { provenanceTagValue } from '../src/private/resource-tags';
import { shortHash } from '../src/private/short-hash';

const JOB = 'Custom::BedrockModelCustomizationJob';
const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';

const newStack = (id = 'Stack') => new Stack(new App(), id, { env: ENV });
const resourceOf = (stack: Stack, type: string) => {
  const resources = Object.values(Template.fromStack(stack).findResources(type));
  expect(resources).toHaveLength(1);
  return (resources[0] as any).Properties;
};
/** The provenance tags in a tag list, by key. */
const provenanceOf = (tags: Array<{ key: string; value: unknown }>) => Object.fromEntries(
  tags.filter((t) => (Object.values(PROVENANCE_TAG_KEYS) as string[]).includes(t.key)).map((t) => [t.key, t.value]));

/** A job in any construct (addJob needs a stack). */
const jobIn = (scope: Construct, id: string) => {
  const bucket = s3.Bucket.fromBucketName(Stack.of(scope), `${scope.node.addr}Data`, 'training-data-bucket');
  return new ModelCustomizationJob(scope, id, {
    baseModel: BaseModel.fromModelId('amazon.nova-micro-v1:0:128k'),
    trainingData: TrainingData.fromBucket(bucket, 'train.jsonl'),
    outputData: OutputData.fromBucket(bucket, 'output/'),
  });
};

/** Bedrock's rules for a tag value (the constraints fixture). */
const TAG_VALUE = shape('TagValue');

describe('every kind tags what it creates with the stack name and the construct path', () => {
  test('a job: the job and its custom model, with and without tags of your own', () => {
    const stack = newStack();
    addJob(stack, 'Tuning', { jobTags: { team: 'ml' } });
    const properties = resourceOf(stack, JOB);
    expect(properties.jobTags).toEqual(withProvenance('Stack/Tuning', [{ key: 'team', value: 'ml' }]));
    expect(properties.customModelTags).toEqual(provenanceTags('Stack/Tuning'));
    expect(provenanceOf(properties.jobTags)).toEqual({
      'cdk-bedrock-customization:stack': 'Stack',
      'cdk-bedrock-customization:construct-path': 'Stack/Tuning',
    });
  });

  test('a job waited for with a wait condition: its result gives the model the same tags', () => {
    const stack = newStack();
    addJob(stack, 'Tuning', { completionTimeout: Duration.hours(2) });
    expect(resourceOf(stack, 'Custom::BedrockModelCustomizationJobResult').customModelTags).toEqual(provenanceTags('Stack/Tuning'));
  });

  test('an imported model, a deployment and a throughput', () => {
    const stack = newStack();
    new NovaModelImport(stack, 'Imported', { modelSource: ModelSource.fromS3Uri('s3://sagemaker-us-east-1-123456789012/nova/output/model') });
    const model = CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN);
    new CustomModelDeployment(stack, 'Deployment', { model, tags: { team: 'platform' } });
    new ProvisionedThroughput(stack, 'Throughput', { model });
    expect(resourceOf(stack, 'Custom::BedrockNovaModelImport').modelTags).toEqual(provenanceTags('Stack/Imported'));
    expect(resourceOf(stack, 'Custom::BedrockCustomModelDeployment').tags)
      .toEqual(withProvenance('Stack/Deployment', [{ key: 'team', value: 'platform' }]));
    expect(resourceOf(stack, 'Custom::BedrockProvisionedThroughput').tags).toEqual(provenanceTags('Stack/Throughput'));
  });

  test('the stack tag is the stack name, not its construct id; the path is the owning construct\'s, nested', () => {
    const stack = new Stack(new App(), 'Pipeline', { env: ENV, stackName: 'ml-pipeline-prod' });
    jobIn(new Construct(new Construct(stack, 'Training'), 'Nightly'), 'Tuning');
    expect(provenanceOf(resourceOf(stack, JOB).customModelTags)).toEqual({
      'cdk-bedrock-customization:stack': 'ml-pipeline-prod',
      'cdk-bedrock-customization:construct-path': 'Pipeline/Training/Nightly/Tuning',
    });
  });

  test('in a stage, the stack name and the path carry the stage', () => {
    const stack = new Stack(new Stage(new App(), 'Prod'), 'Ml', { env: ENV });
    addJob(stack, 'Tuning');
    expect(provenanceOf(resourceOf(stack, JOB).jobTags)).toEqual({
      'cdk-bedrock-customization:stack': 'Prod-Ml',
      'cdk-bedrock-customization:construct-path': 'Prod/Ml/Tuning',
    });
  });

  test('in a nested stack, the stack name is the nested stack\'s, resolved by CloudFormation', () => {
    const nested = new NestedStack(newStack('Parent'), 'Serving');
    new ProvisionedThroughput(nested, 'Throughput', { model: CustomModel.fromCustomModelArn(nested, 'Model', MODEL_ARN) });
    expect(provenanceOf(resourceOf(nested, 'Custom::BedrockProvisionedThroughput').tags)).toEqual({
      'cdk-bedrock-customization:stack': { Ref: 'AWS::StackName' },
      'cdk-bedrock-customization:construct-path': 'Parent/Serving/Throughput',
    });
  });
});

describe('values Bedrock accepts', () => {
  test('characters outside Bedrock\'s pattern become _, one per character', () => {
    const stack = newStack();
    jobIn(new Construct(stack, 'Team (v2)#1, modèle 🚀\tnext'), 'Tuning');
    const value = provenanceOf(resourceOf(stack, JOB).jobTags)['cdk-bedrock-customization:construct-path'];
    expect(value).toBe('Stack/Team _v2__1_ mod_le __next/Tuning');
    expect(value).toMatch(new RegExp(TAG_VALUE.pattern!));
  });

  test('a path over 256 characters keeps its head, then ... and a hash of the whole path', () => {
    const stack = newStack();
    const parent = new Construct(new Construct(stack, 'A'.repeat(150)), 'B'.repeat(150));
    const job = jobIn(parent, 'Tuning');
    const value = provenanceOf(resourceOf(stack, JOB).jobTags)['cdk-bedrock-customization:construct-path'] as string;
    expect(value).toHaveLength(TAG_VALUE.length!.max!);
    expect(value).toBe(`${job.node.path.slice(0, 245)}...${shortHash(job.node.path, 8)}`);
    expect(value.startsWith(`Stack/${'A'.repeat(150)}/`)).toBe(true);
    expect(value).toMatch(new RegExp(TAG_VALUE.pattern!));
  });

  test('the mapping is deterministic, and long paths with the same head stay apart', () => {
    const head = `Stack/${'x'.repeat(300)}`;
    expect(provenanceTagValue(`${head}/One`)).toBe(provenanceTagValue(`${head}/One`));
    expect(provenanceTagValue(`${head}/One`)).not.toBe(provenanceTagValue(`${head}/Two`));
    expect(provenanceTagValue('Stack/Tuning')).toBe('Stack/Tuning');
    expect(provenanceTagValue('a'.repeat(256))).toBe('a'.repeat(256));
    expect(provenanceTagValue('a'.repeat(257))).toHaveLength(256);
  });
});

describe('user tags cannot override or remove them', () => {
  const STACK_RULE = 'is reserved: the construct sets it to the stack name on every Bedrock resource it creates (the command line reads it); use another key';
  const PATH_RULE = 'is reserved: the construct sets it to the construct path on every Bedrock resource it creates (the command line reads it); use another key';

  test('a prop\'s tag with a provenance key fails at construction, naming the prop and the rule', () => {
    expect(() => addJob(newStack(), 'Tuning', { customModelTags: { 'cdk-bedrock-customization:stack': 'other' } }))
      .toThrow(`Stack/Tuning: invalid props:\n  customModelTags key "cdk-bedrock-customization:stack" ${STACK_RULE}`);
    const stack = newStack();
    expect(() => new CustomModelDeployment(stack, 'Deployment', {
      model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN),
      tags: { 'cdk-bedrock-customization:construct-path': 'elsewhere' },
    })).toThrow(`tags key "cdk-bedrock-customization:construct-path" ${PATH_RULE}`);
  });

  test('a Tags.of() tag with a provenance key fails synthesis', () => {
    const stack = newStack();
    addJob(stack, 'Tuning');
    Tags.of(stack).add('cdk-bedrock-customization:construct-path', 'elsewhere');
    expect(() => Template.fromStack(stack)).toThrow(`Tags.of() key "cdk-bedrock-customization:construct-path" ${PATH_RULE}`);
  });

  test('Tags.of().remove() of a provenance key fails synthesis, saying it cannot', () => {
    const stack = newStack();
    new ProvisionedThroughput(stack, 'Throughput', { model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN) });
    Tags.of(stack).remove('cdk-bedrock-customization:stack');
    expect(() => Template.fromStack(stack)).toThrow(
      'Tags.of().remove() cannot remove "cdk-bedrock-customization:stack": the construct tags every Bedrock resource it creates with the stack name');
  });

  test('Tags.of().remove() of another key leaves them', () => {
    const stack = newStack();
    addJob(stack, 'Tuning', { jobTags: { team: 'ml' } });
    Tags.of(stack).remove('team');
    expect(resourceOf(stack, JOB).jobTags).toEqual(withProvenance('Stack/Tuning', [{ key: 'team', value: 'ml' }]));
  });
});
