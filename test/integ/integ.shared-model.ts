/*
 * Integration test: a custom model another account shares with this one
 * through AWS RAM (https://docs.aws.amazon.com/bedrock/latest/userguide/share-model.html),
 * as this account's Bedrock lists and reads it, and refuses its tags. The
 * model and its share are the other account's: the app reads the model's ARN
 * from an SSM parameter (./account-inputs.ts) and runs apart
 * (`npx projen integ:account:shared`). It makes no Bedrock resource.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, aws_iam as iam, aws_ssm as ssm } from 'aws-cdk-lib';
import { SHARED_MODEL_ARN } from './account-inputs';
import { Probe } from './probe';
import { arnsOf } from '../../src/private/arns';

const app = new App();
const stack = new Stack(app, 'BedrockSharedModelInteg');
const shared = ssm.StringParameter.valueForStringParameter(stack, SHARED_MODEL_ARN);

const integ = new IntegTest(app, 'SharedModel', { testCases: [stack] });
// ledger: L-14 (a shared model is listed with isOwned false, with its owner's account id, and read by its ARN)
integ.assertions.awsApiCall('Bedrock', 'ListCustomModels', { isOwned: false })
  .expect(ExpectedResult.objectLike({ modelSummaries: Match.arrayWith([Match.objectLike({ modelArn: shared, ownerAccountId: Match.stringLikeRegexp('^[0-9]{12}$') })]) }));
integ.assertions.awsApiCall('Bedrock', 'GetCustomModel', { modelIdentifier: shared })
  .expect(ExpectedResult.objectLike({ modelArn: shared, modelStatus: 'Active' }));

const probe = new Probe(stack, 'Probe', integ);
// ledger: L-15 (its tags are refused: AccessDeniedException)
probe.expect({ client: 'bedrock', command: 'ListTagsForResource', input: { resourceARN: shared } },
  new iam.PolicyStatement({ actions: ['bedrock:ListTagsForResource'], resources: [shared] }), 'AccessDeniedException');
// ledger: L-14 (its name finds no model: a name is looked up among the account's own)
probe.expectSequence([
  { client: 'bedrock', command: 'GetCustomModel', input: { modelIdentifier: shared }, answer: 'modelName' },
  { client: 'bedrock', command: 'GetCustomModel', input: { modelIdentifier: '{{0}}' } },
], new iam.PolicyStatement({
  actions: ['bedrock:GetCustomModel'],
  resources: [shared, arnsOf(stack, 'custom-model')],
}), ['ok', 'ResourceNotFoundException']);

app.synth();
