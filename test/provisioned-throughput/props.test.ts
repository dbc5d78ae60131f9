/*
 * Synth-time validation of ProvisionedThroughput props, driven by the
 * constraints fixture. Every rule reachable from the props (the PROP_PATHS
 * table x rulesAt) must have a failing case below or a written exclusion.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Commitment, CustomModel, ICustomModel, ProvisionedThroughput, ProvisionedThroughputProps } from '../../src';
import { describeRuleCoverage, ENV, FailingCase, kindTable, lengthRules, nameCases, reachableRules, tagMapCoverage } from '../validation/rule-coverage';

const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';

const rules = () => reachableRules(kindTable('throughput'));
const { bound } = lengthRules(rules);

const make = (props: (stack: Stack) => Partial<ProvisionedThroughputProps>) => (stack: Stack) =>
  new ProvisionedThroughput(stack, 'Throughput', { model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN), ...props(stack) });
const modelArn = (arn: string) => make((st) => ({ model: CustomModel.fromCustomModelArn(st, 'Other', arn) }));

const TAGS = tagMapCoverage('tags', (tags) => make(() => ({ tags })), rules);

const FAILING_CASES: Record<string, FailingCase> = {
  ...nameCases('provisionedModelName', (provisionedModelName) => make(() => ({ provisionedModelName })), rules),
  'model:length.min': { label: 'model (its ARN)', make: make(() => ({ model: { modelArn: '' } as ICustomModel })) },
  'model:length.max': { label: 'model (its ARN)', make: modelArn(`arn:aws:bedrock:us-east-1:123456789012:custom-model/${'m'.repeat(bound('model:length.max'))}`) },
  // The API model's pattern has unanchored alternatives: only a value with no model id in it at all breaks it.
  'model:pattern': { label: 'model (its ARN)', make: make(() => ({ model: { modelArn: '@@@' } as ICustomModel })) },
  'modelUnits:range.min': { label: 'modelUnits', make: make(() => ({ modelUnits: 0 })) },
  'commitment:enum': { label: 'commitment', make: make(() => ({ commitment: 'TwoYears' as Commitment, removalPolicy: RemovalPolicy.RETAIN })) },
  ...TAGS.failing,
};

const EXCLUSIONS: Record<string, string> = {
  'provisionedModelName:required': 'the handler generates a name when provisionedModelName is omitted',
  'model:required': 'model is a required prop',
  'modelUnits:required': 'modelUnits defaults to 1',
  ...TAGS.exclusions,
};

describeRuleCoverage(rules, FAILING_CASES, EXCLUSIONS);

test('valid props pass', () => {
  const stack = new Stack(new App(), 'S', { env: ENV });
  expect(() => make(() => ({ provisionedModelName: 'support-assistant', modelUnits: 2, tags: { team: 'a' } }))(stack)).not.toThrow();
});
