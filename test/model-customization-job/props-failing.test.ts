/*
 * Synth-time validation of ModelCustomizationJob props: props that break a
 * rule fail with one error naming the job, each prop and the rule.
 */
import { App, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import {
  ENV, KEY_ARN_PREFIX, TEACHER, bound, errorOf, expectedLine, longRoleArn, makeJob, manyTags, rft, ruleOf, tooLong,
} from './props-helpers';
import { FAILING_CASES } from './props-table';
import { Customization, MetadataFilter, TrainingData } from '../../src';
import { MAX_TAGS_PER_RESOURCE } from '../../src/contract/constraints';

describe('failing cases', () => {
  test.each(Object.keys(FAILING_CASES))('%s', (id) => {
    const { label, props } = FAILING_CASES[id];
    const prop = id.slice(0, id.indexOf(':')).replace(/[.[].*$/, '');
    expect(label.startsWith(prop)).toBe(true);
    const error = errorOf(() => makeJob(props));
    expect(error.message).toMatch(/^Stack\/Job: invalid props:\n/);
    expect(error.message).toMatch(expectedLine(label, ruleOf(id)));
  });

  test('the role cases get past fromRoleArn, so the job\'s validation is what rejects them', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => iam.Role.fromRoleArn(stack, 'User', `arn:aws:iam::${ENV.account}:user/x`, { mutable: false })).not.toThrow();
    expect(() => iam.Role.fromRoleArn(stack, 'Long', longRoleArn('role:length.max'), { mutable: false })).not.toThrow();
  });

  test('the key cases get past fromKeyArn, and an empty key ARN does not', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => kms.Key.fromKeyArn(stack, 'Short', `${KEY_ARN_PREFIX}short`)).not.toThrow();
    expect(() => kms.Key.fromKeyArn(stack, 'Long', KEY_ARN_PREFIX + 'k'.repeat(3000))).not.toThrow();
    expect(() => kms.Key.fromKeyArn(stack, 'Empty', '')).toThrow();
  });

  // The tag list is checked shallowly, so a tag is reported once, by its key (not by its index in the sorted list).
  test('a bad tag key or value is reported once, under the label naming the key', () => {
    const error = errorOf(() => makeJob(() => ({ jobTags: { 'team#1': 'ok' }, customModelTags: { k: 'ml#1' } })));
    const lines = error.message.split('\n').slice(1);
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}jobTags key "team#1" must match the pattern /),
      expect.stringMatching(/^ {2}customModelTags\["k"\] must match the pattern /),
    ]);
  });
});

describe('customizations and invocation logs', () => {
  test('integer hyperparameters and maxResponseLength must be integers', () => {
    const error = errorOf(() => makeJob((st) => rft(st, { epochCount: 2.5, batchSize: 32 })));
    expect(error.message.split('\n').slice(1)).toEqual(['  customization.hyperParameters.epochCount must be an integer (got 2.5)']);
    const customization = Customization.distillation({ teacherModel: TEACHER, maxResponseLength: 0.5 });
    const distillation = errorOf(() => makeJob(() => ({ customization })));
    expect(distillation.message).toMatch(/^ {2}customization\.maxResponseLength must be an integer \(got 0\.5\)$/m);
  });

  test('invocation logs train a distillation or a reinforcement fine-tuning only', () => {
    const error = errorOf(() => makeJob((_, bucket) => ({ trainingData: TrainingData.fromInvocationLogs(bucket, 'logs/') })));
    expect(error.message).toContain(
      'trainingData from invocation logs needs Customization.distillation() or Customization.reinforcementFineTuning() (got FINE_TUNING)',
    );
    expect(() => makeJob((st, bucket) => ({ ...rft(st), trainingData: TrainingData.fromInvocationLogs(bucket, 'logs/') }))).not.toThrow();
  });

  test('filters are flat: andAll and orAll take conditions only', () => {
    const inner = MetadataFilter.orAll([MetadataFilter.stringEquals('a', 'b')]);
    expect(() => MetadataFilter.andAll([MetadataFilter.stringEquals('k', 'v'), inner])).toThrow(
      'MetadataFilter.andAll: filters[1] combines filters itself; Bedrock\'s filters are flat, so andAll and orAll take only stringEquals and stringNotEquals filters. Give ',
    );
    expect(() => MetadataFilter.orAll([MetadataFilter.andAll([MetadataFilter.stringEquals('a', 'b')])])).toThrow(/^MetadataFilter\.orAll: filters\[0\]/);
  });

});

describe('rules the model does not state', () => {
  test('at most 50 tags per resource, though the model allows lists of 200: 48 of the props and the 2 provenance tags', () => {
    expect(bound('jobTags:length.max')).toBeGreaterThan(MAX_TAGS_PER_RESOURCE);
    const error = errorOf(() => makeJob(() => ({ customModelTags: manyTags(MAX_TAGS_PER_RESOURCE - 1) })));
    expect(error.message).toContain(`customModelTags must have at most ${MAX_TAGS_PER_RESOURCE - 2} tags: Bedrock accepts ${MAX_TAGS_PER_RESOURCE} on one resource, `
      + 'and the construct adds the 2 tags cdk-bedrock-customization:stack and cdk-bedrock-customization:construct-path (got 49)');
  });
});

test('all violations are reported together in one error', () => {
  const error = errorOf(() => makeJob((_, bucket) => ({
    jobName: tooLong('jobName:length.max'),
    trainingData: TrainingData.fromBucket(bucket, 'bad key#.jsonl'),
  })));
  expect(error.message).toMatch(/^ {2}jobName must be at most 63 characters \(got 64\)$/m);
  expect(error.message).toMatch(/^ {2}trainingData must match the pattern /m);
  expect(error.message.split('\n')).toHaveLength(3);
});
