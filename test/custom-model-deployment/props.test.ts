/*
 * Synth-time validation of CustomModelDeployment props, driven by the
 * constraints fixture. Every rule reachable from the props (the PROP_PATHS
 * table x rulesAt) must have a failing case below or a written exclusion.
 */
import { App, Stack } from 'aws-cdk-lib';
import { CustomModel, CustomModelDeployment, CustomModelDeploymentProps, ICustomModel } from '../../src';
import { describeRuleCoverage, ENV, FailingCase, kindTable, lengthRules, nameCases, reachableRules, tagMapCoverage } from '../validation/rule-coverage';

const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';

const rules = () => reachableRules(kindTable('deployment'));
const { bound, tooLong } = lengthRules(rules);

const make = (props: (stack: Stack) => Partial<CustomModelDeploymentProps>) => (stack: Stack) =>
  new CustomModelDeployment(stack, 'Deployment', { model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN), ...props(stack) });
const modelArn = (arn: string) => make((st) => ({ model: CustomModel.fromCustomModelArn(st, 'Other', arn) }));

const TAGS = tagMapCoverage('tags', (tags) => make(() => ({ tags })), rules);

const FAILING_CASES: Record<string, FailingCase> = {
  ...nameCases('deploymentName', (deploymentName) => make(() => ({ deploymentName })), rules),
  'model:length.min': { label: 'model (its ARN)', make: make(() => ({ model: { modelArn: 'arn:aws:bedrock' } as ICustomModel })) },
  'model:length.max': { label: 'model (its ARN)', make: modelArn(`arn:aws:bedrock:us-east-1:123456789012:custom-model/${'m'.repeat(bound('model:length.max'))}`) },
  'model:pattern': { label: 'model (its ARN)', make: modelArn('arn:aws:bedrock:us-east-1:123456789012:custom-model/not a model') },
  'description:length.min': { label: 'description', make: make(() => ({ description: '' })) },
  'description:length.max': { label: 'description', make: make(() => ({ description: tooLong('description:length.max') })) },
  ...TAGS.failing,
};

const EXCLUSIONS: Record<string, string> = {
  'deploymentName:required': 'the handler generates a name when deploymentName is omitted',
  'model:required': 'model is a required prop',
  'description:pattern': '^.*$ matches any one line; a line break is caught by no rule of the API model',
  ...TAGS.exclusions,
};

describeRuleCoverage(rules, FAILING_CASES, EXCLUSIONS);

test('valid props pass', () => {
  const stack = new Stack(new App(), 'S', { env: ENV });
  expect(() => make(() => ({ deploymentName: 'runbook-assistant', description: 'Runbook answers', tags: { team: 'a' } }))(stack)).not.toThrow();
});
