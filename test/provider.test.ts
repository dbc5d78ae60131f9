/*
 * The provider a kind's descriptor derives: its statements granted on use
 * appear only once something uses them, once per stack, and grow by resources.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CustomModel, CustomModelLookup } from '../src';
import { BedrockProvider } from '../src/private/provider-base';

const ENV = { account: '123456789012', region: 'us-east-1' };
const stackOf = () => new Stack(new App(), 'Stack', { env: ENV });

/** The Bedrock actions of the lookup provider's handler role, statement by statement. */
function lookupActions(stack: Stack): unknown[] {
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p: any) => String(p.Properties.PolicyName).startsWith('BedrockCustomModelLookupProviderHandlerRole'));
  return (policy as any).Properties.PolicyDocument.Statement.map((s: any) => s.Action).filter((a: unknown) => String(a).startsWith('bedrock:'));
}

test('a stack that references models by name only may not list them; one that looks up by filters only may not read them by name', () => {
  const byName = stackOf();
  CustomModel.fromCustomModelName(byName, 'A', 'triage-assistant');
  CustomModel.fromCustomModelName(byName, 'B', 'support-assistant');
  expect(lookupActions(byName)).toEqual(['bedrock:GetCustomModel']);

  const byFilters = stackOf();
  new CustomModelLookup(byFilters, 'A', { nameContains: 'support' });
  new CustomModelLookup(byFilters, 'B', { nameContains: 'triage' });
  expect(lookupActions(byFilters)).toEqual(['bedrock:ListCustomModels']);

  const both = stackOf();
  new CustomModelLookup(both, 'A', { nameContains: 'support' });
  CustomModel.fromCustomModelName(both, 'B', 'triage-assistant');
  expect(lookupActions(both)).toEqual(['bedrock:ListCustomModels', 'bedrock:GetCustomModel']);
});

test('a grant on use extends its one statement with the resources each use adds; a key the descriptor lacks is an error', () => {
  const stack = stackOf();
  const provider = BedrockProvider.of(stack, 'job');
  provider.grantOnUse('baseModelCheck', 'arn:aws:bedrock:us-east-1::foundation-model/a');
  provider.grantOnUse('baseModelCheck', 'arn:aws:bedrock:us-east-1::foundation-model/b');
  const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
    .filter((s: any) => s.Action === 'bedrock:GetFoundationModel');
  expect(statements).toEqual([{
    Action: 'bedrock:GetFoundationModel',
    Effect: 'Allow',
    Resource: [
      'arn:aws:bedrock:us-east-1::foundation-model/a', 'arn:aws:bedrock:us-east-1::foundation-model/b',
    ],
  }]);
  expect(() => BedrockProvider.of(stack, 'lookup').grantOnUse('create')).toThrow("Custom::BedrockCustomModelLookup grants nothing on use 'create'");
});
