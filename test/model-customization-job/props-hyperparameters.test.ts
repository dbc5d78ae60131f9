/*
 * Synth-time warnings of hyperparameters: a name the base model's family
 * does not document for the customization type, a value outside the
 * documented range; never for what cannot be known at synthesis.
 */
import { Annotations as CoreAnnotations, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { TEACHER, makeJob } from './props-helpers';
import { buildExampleApp } from '../../examples/app';
import { BaseModel, Customization, CustomModel, ModelCustomizationJobProps } from '../../src';
import { HYPERPARAMETER_WARNINGS } from '../../src/model-customization-job/hyperparameter-check';
import { MODEL_FAMILIES } from '../../src/model-customization-job/hyperparameter-table';

const NOVA_MICRO = 'amazon.nova-micro-v1:0:128k';

/** A job on `modelId` with these hyperparameters (and `overrides`), and the warnings of its stack. */
function warningsOf(
  modelId: string, hyperParameters: Record<string, string>, overrides: (stack: Stack) => Partial<ModelCustomizationJobProps> = () => ({}),
) {
  const { stack } = makeJob((s) => ({ baseModel: BaseModel.fromModelId(modelId), hyperParameters, ...overrides(s) }));
  return { stack, annotations: Annotations.fromStack(stack), messages: hyperParameterWarnings(stack) };
}

/** The text of every hyperparameter warning of `stack`. */
function hyperParameterWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('hyperParameters\\.'))
    .map((m) => String(m.entry.data));
}

describe('the table', () => {
  test.each(MODEL_FAMILIES.map((f) => [f.name, f] as const))('%s cites a page of the AWS documentation and documents something', (_, family) => {
    expect(family.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/bedrock\/latest\/userguide\/[\w-]+\.html$/);
    expect(Object.keys(family.hyperParameters).length).toBeGreaterThan(0);
    for (const specs of Object.values(family.hyperParameters)) {
      for (const spec of Object.values(specs!)) expect(spec.min).toBeLessThanOrEqual(spec.max);
    }
  });

  test('no model id prefix is claimed by two families', () => {
    const prefixes = MODEL_FAMILIES.flatMap((f) => f.modelIdPrefixes);
    for (const a of prefixes) {
      expect(prefixes.filter((b) => b.startsWith(a))).toEqual([a]);
    }
  });
});

describe('warnings', () => {
  test('a name the family does not document for the customization type', () => {
    const { annotations } = warningsOf(NOVA_MICRO, { epochCount: '2', batchSize: '1' });
    annotations.hasWarning('/Stack/Job', Match.stringLikeRegexp(
      '^Stack/Job: hyperParameters\\.batchSize is not documented for Amazon Nova Micro, Lite and Pro fine-tuning '
      + '\\(documented: epochCount, learningRate, learningRateWarmupSteps\\)\\. Remove it or correct its name '
      + '\\(https://docs\\.aws\\.amazon\\.com/bedrock/latest/userguide/cm-hp-nova-mm\\.html\\) '
      + `\\[ack: ${HYPERPARAMETER_WARNINGS.undocumented}\\]$`));
  });

  test.each([
    ['above the range', { epochCount: '6' }, 'epochCount must be an integer from 1 to 5', "'6'"],
    ['below the range', { learningRate: '0.0000001' }, 'learningRate must be a number from 0.000001 to 0.0001', "'0.0000001'"],
    ['not a number', { learningRateWarmupSteps: 'ten' }, 'learningRateWarmupSteps must be an integer from 0 to 100', "'ten'"],
    ['not an integer', { epochCount: '2.5' }, 'epochCount must be an integer from 1 to 5', "'2.5'"],
    ['empty', { epochCount: '' }, 'epochCount must be an integer from 1 to 5', "''"],
  ])('a value %s', (_, hyperParameters, rule, got) => {
    const { annotations, messages } = warningsOf(NOVA_MICRO, hyperParameters);
    expect(messages).toHaveLength(1);
    annotations.hasWarning('/Stack/Job', Match.stringLikeRegexp(
      `^Stack/Job: hyperParameters\\.${rule.replace(/\./g, '\\.')} for Amazon Nova Micro, Lite and Pro fine-tuning \\(got ${got}\\)\\. `
      + 'Give a value in the documented range \\(https://docs\\.aws\\.amazon\\.com/bedrock/latest/userguide/cm-hp-nova-mm\\.html\\) '
      + `\\[ack: ${HYPERPARAMETER_WARNINGS.outOfRange}\\]$`));
  });

  test('each problem is one warning, for the family of the continued pre-training', () => {
    const { messages } = warningsOf('amazon.titan-text-express-v1:0:8k', { epochCount: '11', batchSize: '65', warmup: '1' },
      () => ({ customization: Customization.continuedPreTraining() }));
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).toContain('hyperParameters.epochCount must be an integer from 1 to 10 for Amazon Titan Text Lite and Express continued pre-training');
  });

  test('a foundation model given by ARN', () => {
    const { messages } = warningsOf(`arn:aws:bedrock:us-east-1::foundation-model/${NOVA_MICRO}`, { batchSize: '8' });
    expect(messages).toHaveLength(1);
  });

  test('acknowledged, the warning is gone and the synthesis goes on', () => {
    const { stack } = makeJob(() => ({ baseModel: BaseModel.fromModelId(NOVA_MICRO), hyperParameters: { epochCount: '9' } }));
    CoreAnnotations.of(stack).acknowledgeWarning(HYPERPARAMETER_WARNINGS.outOfRange, 'more epochs under a raised quota');
    expect(hyperParameterWarnings(stack)).toEqual([]);
  });
});

describe('no warnings', () => {
  test.each([
    ['Nova Micro fine-tuning at the bounds', NOVA_MICRO, { epochCount: '5', learningRate: '1e-6', learningRateWarmupSteps: '0' }],
    ['Nova Lite fine-tuning', 'amazon.nova-lite-v1:0:300k', { epochCount: '1', learningRate: '0.0001', learningRateWarmupSteps: '100' }],
    ['Titan Text Express', 'amazon.titan-text-express-v1:0:8k', { epochCount: '10', batchSize: '64', learningRate: '0.00001', learningRateWarmupSteps: '250' }],
    ['Titan Multimodal Embeddings with epochCount Auto', 'amazon.titan-embed-image-v1:0', { epochCount: 'Auto', batchSize: '576' }],
    ['Claude 3 Haiku', 'anthropic.claude-3-haiku-20240307-v1:0:200k', { epochCount: '2', batchSize: '32', learningRateMultiplier: '1' }],
    ['Llama 3.1 8B', 'meta.llama3-1-8b-instruct-v1:0:128k', { epochCount: '5', batchSize: '1', learningRate: '0.0001' }],
  ])('documented values: %s', (_, modelId, hyperParameters) => {
    expect(warningsOf(modelId, hyperParameters).messages).toEqual([]);
  });

  test.each([
    ['a family the guide does not document (Nova 2 Lite)', 'amazon.nova-2-lite-v1:0:256k'],
    ['an unknown model id', 'example.unknown-model-v1:0'],
    ['a custom model by name', 'my-tuned-model'],
    ['a custom model by ARN', 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl'],
  ])('%s', (_, modelId) => {
    expect(warningsOf(modelId, { anything: 'goes', epochCount: '99' }).messages).toEqual([]);
  });

  test('a custom model as base model', () => {
    const { stack } = makeJob((s) => ({
      baseModel: BaseModel.fromCustomModel(CustomModel.fromCustomModelName(s, 'Tuned', 'tuned')),
      hyperParameters: { batchSize: '1000' },
    }));
    expect(hyperParameterWarnings(stack)).toEqual([]);
  });

  test('a base model known only at deploy time', () => {
    expect(warningsOf(Lazy.string({ produce: () => NOVA_MICRO }), { batchSize: '1' }).messages).toEqual([]);
  });

  test('values and names known only at deploy time', () => {
    const { messages } = warningsOf(NOVA_MICRO, {
      epochCount: Lazy.string({ produce: () => '99' }),
      [Lazy.string({ produce: () => 'batchSize' })]: '1',
    });
    expect(messages).toEqual([]);
  });

  test('a customization type the family documents nothing for', () => {
    const { messages } = warningsOf(NOVA_MICRO, { epochCount: '99' }, () => ({ customization: Customization.distillation({ teacherModel: TEACHER }) }));
    expect(messages).toEqual([]);
  });

  test('no hyperparameters', () => {
    const { stack } = makeJob(() => ({ baseModel: BaseModel.fromModelId(NOVA_MICRO) }));
    expect(hyperParameterWarnings(stack)).toEqual([]);
  });

  test('the example app', () => {
    const { stack } = buildExampleApp();
    expect(hyperParameterWarnings(stack)).toEqual([]);
  });
});
