/*
 * Synth-time validation of ModelCustomizationJob props: values within the
 * rules, and values known only at deploy time, construct fine.
 */
import { Lazy, aws_iam as iam, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  BUCKET_NAME, ENV, GRADER_ARN, KEY_ARN_PREFIX, bound, errorOf, expectedLine, fromLogs, ids, keyOf, makeJob, manyTags, rft, ruleOf,
  securityGroups, subnets, vpcOf,
} from './props-helpers';
import { Customization, MetadataFilter, OutputData, ReasoningEffort, TeacherModel, TrainingData, ValidationData } from '../../src';
import { PROVENANCE_TAG_KEYS } from '../../src/contract/common';
import { MAX_TAGS_PER_RESOURCE } from '../../src/contract/constraints';

describe('valid props', () => {
  test('props at the fixture\'s bounds construct fine', () => {
    const { stack } = makeJob((s, bucket) => ({
      jobName: 'a'.repeat(bound('jobName:length.max')),
      customModelName: 'm'.repeat(bound('customModelName:length.max')),
      customization: Customization.continuedPreTraining(),
      role: iam.Role.fromRoleArn(s, 'R', `arn:aws:iam::${ENV.account}:role/service-role/bedrock`, { mutable: false }),
      validationData: Array.from({ length: bound('validationData:length.max') }, (_, i) => ValidationData.fromBucket(bucket, `val/v${i}.jsonl`)),
      outputData: OutputData.fromBucket(bucket),
      hyperParameters: { epochCount: '2' },
      // The service accepts 50 tags per resource, fewer than the model's list bound: 48 and the 2 provenance tags.
      jobTags: manyTags(MAX_TAGS_PER_RESOURCE - Object.keys(PROVENANCE_TAG_KEYS).length),
      customModelTags: { ['k'.repeat(bound('customModelTags.key:length.max'))]: 'v'.repeat(bound('customModelTags.value:length.max')), empty: '' },
    }));
    const resource = Object.values(Template.fromStack(stack).findResources('Custom::BedrockModelCustomizationJob'))[0] as any;
    expect(resource.Properties.jobName).toBe('a'.repeat(63));
    expect(resource.Properties.jobTags).toHaveLength(MAX_TAGS_PER_RESOURCE);
    expect(resource.Properties.validationDataS3Uris).toHaveLength(10);
    expect(resource.Properties.outputDataS3Uri).toBe(`s3://${BUCKET_NAME}/`);
  });
});

describe('valid network and key props', () => {
  test('16 subnets, 5 security groups and a key ARN construct fine', () => {
    const { stack } = makeJob((s) => ({
      vpc: vpcOf(s),
      vpcSubnets: { subnets: subnets(s, ids('subnet', bound('vpcSubnets:length.max'))) },
      securityGroups: securityGroups(s, ids('sg', bound('securityGroups:length.max'))),
      customModelEncryptionKey: keyOf(s, `${KEY_ARN_PREFIX}${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`),
    }));
    const resource = Object.values(Template.fromStack(stack).findResources('Custom::BedrockModelCustomizationJob'))[0] as any;
    expect(resource.Properties.vpcConfig.subnetIds).toHaveLength(16);
    expect(resource.Properties.vpcConfig.securityGroupIds).toEqual(ids('sg', 5));
    expect(resource.Properties.customModelKmsKeyId).toBe(`${KEY_ARN_PREFIX}00000000-0000-0000-0000-000000000000`);
  });
});

describe('customizations and invocation logs', () => {
  test('values at the bounds of the API\'s ranges and lists construct fine', () => {
    const { stack } = makeJob((st) => rft(st, {
      epochCount: 50,
      batchSize: 16,
      learningRate: 1e-7,
      trainingSamplePerPrompt: 16,
      evalInterval: 1,
      maxPromptLength: 4096,
      inferenceMaxTokens: 8192,
      reasoningEffort: ReasoningEffort.HIGH,
    }));
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelCustomizationJob', {
      reinforcementFineTuning: { graderLambdaArn: GRADER_ARN, hyperParameters: { epochCount: 50, learningRate: 1e-7, reasoningEffort: 'high' } },
    });
    const conditions = Array.from({ length: bound('trainingData.filter.orAll:length.max') }, (_, i) => MetadataFilter.stringNotEquals(`k${i}`, ''));
    expect(() => makeJob((_, bucket) => fromLogs(bucket, MetadataFilter.orAll(conditions), ''))).not.toThrow();
  });

  test('a grader and a teacher known only at deploy time are skipped', () => {
    expect(() => makeJob((st) => {
      const grader = new lambda.Function(st, 'G', {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      });
      return { customization: Customization.reinforcementFineTuning({ grader }) };
    })).not.toThrow();
    expect(() => makeJob(() => ({
      customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId(Lazy.string({ produce: () => 'x' })) }),
    }))).not.toThrow();
  });
});

describe('values known only at deploy time', () => {
  test('a created bucket and a lazy jobName are skipped', () => {
    const { stack } = makeJob((s) => {
      const created = new s3.Bucket(s, 'Created');
      return {
        jobName: Lazy.string({ produce: () => 'lazy-job' }),
        trainingData: TrainingData.fromBucket(created, 'train/data.jsonl'),
        validationData: [ValidationData.fromBucket(created, 'val/v.jsonl')],
        outputData: OutputData.fromBucket(created, 'out/'),
      };
    });
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelCustomizationJob', {
      jobName: 'lazy-job',
      trainingDataS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Created') }, '/train/data.jsonl']] },
    });
  });

  test('a bad key in a created bucket still throws: the key is checked with a stand-in bucket name', () => {
    const error = errorOf(() => makeJob((s) => ({ trainingData: TrainingData.fromBucket(new s3.Bucket(s, 'Created'), 'bad key#.jsonl') })));
    expect(error.message).toMatch(expectedLine('trainingData', ruleOf('trainingData:pattern')));
    expect(error.message).toMatch(/\(got "s3:\/\/[a-z0-9][-.a-z0-9]+\/bad key#\.jsonl"\)/);
  });
});
