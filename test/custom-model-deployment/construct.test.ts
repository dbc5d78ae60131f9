/*
 * A CustomModelDeployment: the properties it sends, its removal policy, tags,
 * its provider's role, invoking it, and references.
 */
import { App, Duration, RemovalPolicy, Stack, Tags, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DEPLOYMENT as DEPLOYMENT_KIND } from '../../lambda/custom-model-deployment/properties';
import { CustomModel, CustomModelDeployment, NovaModelImport, ModelSource } from '../../src';
import { withProvenance } from '../support/provenance';

const ENV = { account: '123456789012', region: 'us-east-1' };
const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';
const DEPLOYMENT = 'Custom::BedrockCustomModelDeployment';

function setup(props: Partial<ConstructorParameters<typeof CustomModelDeployment>[2]> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const deployment = new CustomModelDeployment(stack, 'Deployment', {
    model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN),
    ...props,
  });
  return { stack, deployment, template: () => Template.fromStack(stack) };
}

describe('CustomModelDeployment', () => {
  test('sends the model, waits up to 55 minutes, and goes with the stack by default', () => {
    setup({ description: 'Runbook answers' }).template().hasResourceProperties(DEPLOYMENT, {
      ServiceToken: Match.anyValue(),
      modelArn: MODEL_ARN,
      description: 'Runbook answers',
      modelDeploymentName: Match.absent(),
      removalPolicy: 'destroy',
      completionTimeoutSeconds: 3300,
    });
  });

  test('a fixed name, RETAIN, and the custom resource itself always deleted', () => {
    const { template } = setup({ deploymentName: 'runbook-assistant', removalPolicy: RemovalPolicy.RETAIN });
    template().hasResource(DEPLOYMENT, {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ modelDeploymentName: 'runbook-assistant', removalPolicy: 'retain' }),
    });
  });

  test('props are checked at synth against the API model, naming the prop', () => {
    expect(() => setup({ deploymentName: 'not a name!' }))
      .toThrow('Stack/Deployment: invalid props:\n  deploymentName must match the pattern ^([0-9a-zA-Z][_-]?){1,63}$ (got "not a name!")');
    expect(() => setup({ description: 'x'.repeat(2049) })).toThrow(/description .*2048/);
    expect(() => setup({ completionTimeout: Duration.hours(2) })).toThrow(/completionTimeout must be between 1 minute and 55 minutes/);
  });

  test('tags of the props and of Tags.of(), in place, and the handler may tag deployments', () => {
    const { deployment, template } = setup({ tags: { team: 'platform' } });
    Tags.of(deployment).add('cost-center', 'ml-42');
    template().hasResourceProperties(DEPLOYMENT, {
      tags: withProvenance('Stack/Deployment', [{ key: 'cost-center', value: 'ml-42' }, { key: 'team', value: 'platform' }]),
    });
    const handlerPolicies = Object.values(template().findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('BedrockCustomModelDeploymentProviderHandlerRole'));
    expect(handlerPolicies).toHaveLength(1);
    expect(JSON.stringify(handlerPolicies)).toContain('bedrock:TagResource');
  });

  test('the handler role: the deployment operations on this account\'s deployments (and its models, for Create and Update)', () => {
    const statements = Object.values(setup().template().findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('BedrockCustomModelDeploymentProviderHandlerRole'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    const bedrock = statements.filter((s: any) => JSON.stringify(s.Action).includes('bedrock:'));
    // Every deployment is tagged (the provenance tags at least): tagging comes without tags of the props.
    expect(bedrock.map((s: any) => [s.Action].flat())).toEqual([
      ['bedrock:TagResource', 'bedrock:UntagResource'],
      ['bedrock:CreateCustomModelDeployment', 'bedrock:UpdateCustomModelDeployment'],
      ['bedrock:GetCustomModelDeployment', 'bedrock:DeleteCustomModelDeployment'],
    ]);
    expect(JSON.stringify(bedrock[0].Resource)).toContain(':custom-model-deployment/*');
    expect(JSON.stringify(bedrock[0].Resource)).not.toContain(':custom-model/*');
    expect(JSON.stringify(bedrock[1].Resource)).toContain(':custom-model-deployment/*');
    expect(JSON.stringify(bedrock[1].Resource)).toContain(':custom-model/*');
    expect(JSON.stringify(bedrock[2].Resource)).not.toContain(':custom-model/*');
  });

  test('modelArn is the deployment\'s ARN (aws_bedrock.IModel), and grantInvoke allows invoking it', () => {
    const { stack, deployment } = setup();
    expect(stack.resolve(deployment.modelArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Deployment/), 'DeploymentArn'] });
    expect(stack.resolve(deployment.deploymentName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Deployment/), 'DeploymentName'] });
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    deployment.grantInvoke(app);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^App') }],
      PolicyDocument: {
        Statement: [{
          Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Deployment'), 'DeploymentArn'] },
        }],
      },
    });
  });

  test('a model encrypted with a key of the app: the handler and the invokers get the key through Bedrock', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const key = new kms.Key(stack, 'Key');
    const model = new NovaModelImport(stack, 'Imported', { modelSource: ModelSource.fromS3Uri('s3://customer-escrow-123456789012-smtj-a1b2c3d4/job/step_100'), encryptionKey: key });
    const deployment = new CustomModelDeployment(stack, 'Deployment', { model });
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    deployment.grantInvoke(app);
    const policies = JSON.stringify(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    for (const role of ['BedrockCustomModelDeploymentProviderHandlerRole', 'App']) {
      const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes(role))!;
      expect(JSON.stringify(policy)).toContain('kms:Decrypt');
      expect(JSON.stringify(policy)).toContain('kms:ViaService');
    }
    expect(policies).toContain('bedrock:InvokeModel');
  });

  test('fromDeploymentArn references a deployment, and refuses another ARN', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const arn = 'arn:aws:bedrock:us-west-2:123456789012:custom-model-deployment/abcdefghijkl';
    const existing = CustomModelDeployment.fromDeploymentArn(stack, 'Existing', arn);
    expect(existing.modelArn).toBe(arn);
    expect(existing.env.region).toBe('us-west-2');
    expect(() => CustomModelDeployment.fromDeploymentArn(stack, 'Model', MODEL_ARN))
      .toThrow(/^CustomModelDeployment\.fromDeploymentArn: deploymentArn must be the ARN of a custom model deployment/);
  });

  test('another model keeps the resource (an update in place, not a new deployment)', () => {
    const first = setup().template();
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    new CustomModelDeployment(stack, 'Deployment', { model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN.replace('abcdefghijkl', 'mnopqrstuvwx')) });
    const second = Template.fromStack(stack).findResources(DEPLOYMENT);
    expect(Object.keys(second)).toEqual(Object.keys(first.findResources(DEPLOYMENT)));
    // Only modelArn differs, which the handler updates in place (the kind's updatable property), whatever the template around it.
    const [before, after] = [Object.values(first.findResources(DEPLOYMENT))[0], Object.values(second)[0]] as any[];
    expect({ ...after.Properties, modelArn: undefined }).toEqual({ ...before.Properties, modelArn: undefined });
    expect(after.Properties.modelArn).not.toEqual(before.Properties.modelArn);
    expect(DEPLOYMENT_KIND.updatable).toEqual(['modelArn']);
  });
});
