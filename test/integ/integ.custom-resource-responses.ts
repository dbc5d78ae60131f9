/*
 * Integration test of what the library's handlers assume of CloudFormation's
 * custom resources: of two answers PUT to a request's ResponseURL, the first
 * counts. A function that is its own custom resource answers its Create with
 * SUCCESS, then with FAILED: the stack deploys, and the resource keeps the
 * first answer's physical id. No Bedrock resource; it costs fractions of a cent.
 */
import * as path from 'path';
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, CfnResource, CustomResource, Stack, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Probe } from './probe';

const app = new App();
const stack = new Stack(app, 'BedrockCustomResourceResponsesInteg');
const answersTwice = new lambda.Function(stack, 'AnswersTwice', {
  runtime: lambda.Runtime.NODEJS_22_X,
  code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'two-responses')),
  handler: 'index.handler',
});
const resource = new CustomResource(stack, 'TwoAnswers', { serviceToken: answersTwice.functionArn, resourceType: 'Custom::TwoAnswers' });

const integ = new IntegTest(app, 'CustomResourceResponses', { testCases: [stack] });
// ledger: L-51 (the first answer PUT to the ResponseURL counts: the stack deployed, and the resource is the first's)
new Probe(stack, 'Probe', integ).expectAnswer(
  { client: 'cloudformation', command: 'DescribeStackResource', input: { StackName: stack.stackName, LogicalResourceId: stack.getLogicalId(resource.node.defaultChild as CfnResource) } },
  new iam.PolicyStatement({ actions: ['cloudformation:DescribeStackResource'], resources: [stack.stackId] }),
  'StackResourceDetail.PhysicalResourceId', '"answer":"first-answer"');

app.synth();
