/*
 * A ProvisionedThroughput: the properties it sends, commitments and the
 * removal policy, tags, its provider's role, invoking it, and references.
 */
import { App, RemovalPolicy, Stack, Tags, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Commitment, CustomModel, NovaModelImport, ModelSource, ProvisionedThroughput, ProvisionedThroughputProps } from '../../src';
import { withProvenance } from '../support/provenance';

const ENV = { account: '123456789012', region: 'us-east-1' };
const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';
const THROUGHPUT = 'Custom::BedrockProvisionedThroughput';

function setup(props: Partial<ProvisionedThroughputProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const throughput = new ProvisionedThroughput(stack, 'Throughput', {
    model: CustomModel.fromCustomModelArn(stack, 'Model', MODEL_ARN),
    ...props,
  });
  return { stack, throughput, template: () => Template.fromStack(stack) };
}

describe('ProvisionedThroughput', () => {
  test('one model unit, no commitment, deleted with the stack by default', () => {
    setup().template().hasResourceProperties(THROUGHPUT, {
      modelId: MODEL_ARN,
      modelUnits: 1,
      commitmentDuration: Match.absent(),
      provisionedModelName: Match.absent(),
      removalPolicy: 'destroy',
      completionTimeoutSeconds: 3300,
      allowReplacementDuringTerm: Match.absent(),
    });
  });

  test('a foundation model, units and a commitment with an explicit removal policy, and consent to a replacement during the term', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    new ProvisionedThroughput(stack, 'Throughput', {
      model: bedrock.FoundationModel.fromFoundationModelId(stack, 'Nova', bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
      modelUnits: 2,
      commitment: Commitment.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
      provisionedModelName: 'support-assistant',
      allowReplacementDuringTerm: true,
    });
    Template.fromStack(stack).hasResourceProperties(THROUGHPUT, {
      modelId: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k$')])] },
      modelUnits: 2,
      commitmentDuration: 'OneMonth',
      removalPolicy: 'retain',
      provisionedModelName: 'support-assistant',
      allowReplacementDuringTerm: true,
    });
  });

  test('a commitment without a removal policy is refused at synth, saying why and what to do', () => {
    expect(() => setup({ commitment: Commitment.SIX_MONTHS })).toThrow(
      'Stack/Throughput: removalPolicy must be set for a throughput with a commitment (SixMonths): Bedrock does not delete a committed throughput '
      + 'before its term ends. Set removalPolicy: RemovalPolicy.RETAIN to keep it when the stack goes (and delete it after the term), or DESTROY to try');
  });

  test('props are checked at synth against the API model', () => {
    expect(() => setup({ modelUnits: 0 })).toThrow(/modelUnits must be at least 1/);
    expect(() => setup({ provisionedModelName: 'bad name!' })).toThrow(/provisionedModelName must match the pattern/);
  });

  test('tags in place, and the handler role: its operations on this account\'s throughputs (and the models, for Create, Update and a base read)', () => {
    const { throughput, template } = setup({ tags: { team: 'support' } });
    Tags.of(throughput).add('cost-center', 'ml-42');
    template().hasResourceProperties(THROUGHPUT, {
      tags: withProvenance('Stack/Throughput', [{ key: 'cost-center', value: 'ml-42' }, { key: 'team', value: 'support' }]),
    });
    const statements = Object.values(template().findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes('BedrockProvisionedThroughputProviderHandlerRole'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => JSON.stringify(s.Action).includes('bedrock:'));
    expect(statements.map((s: any) => [s.Action].flat())).toEqual([
      ['bedrock:TagResource', 'bedrock:UntagResource'],
      ['bedrock:CreateProvisionedModelThroughput', 'bedrock:UpdateProvisionedModelThroughput'],
      ['bedrock:GetProvisionedModelThroughput', 'bedrock:DeleteProvisionedModelThroughput'],
      ['bedrock:GetCustomModel'],
    ]);
    // Tags go on throughputs only.
    expect(JSON.stringify(statements[0].Resource)).toMatch(/provisioned-model\/\*/);
    expect(JSON.stringify(statements[0].Resource)).not.toMatch(/custom-model|foundation-model/);
    expect(JSON.stringify(statements[1].Resource)).toMatch(/provisioned-model\/\*.*custom-model\/\*.*foundation-model\/\*/);
    // A new model's base is read on this account's custom models only.
    expect(JSON.stringify(statements[3].Resource)).toMatch(/:custom-model\/\*"\]\]\}$/);
  });

  test('modelArn is the provisioned model\'s ARN, and grantInvoke allows invoking it; a model key goes with it', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const key = new kms.Key(stack, 'Key');
    const model = new NovaModelImport(stack, 'Imported', { modelSource: ModelSource.fromS3Uri('s3://customer-escrow-123456789012-smtj-a1b2c3d4/job/step_100'), encryptionKey: key });
    const throughput = new ProvisionedThroughput(stack, 'Throughput', { model });
    expect(stack.resolve(throughput.modelArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Throughput/), 'ProvisionedModelArn'] });
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    throughput.grantInvoke(app);
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles).includes('App'))!;
    expect(policy.Properties.PolicyDocument.Statement[0]).toEqual({
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Throughput/), 'ProvisionedModelArn'] },
    });
    expect(JSON.stringify(policy)).toContain('kms:Decrypt');
  });

  test('fromProvisionedModelArn references a throughput, and refuses another ARN', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';
    expect(ProvisionedThroughput.fromProvisionedModelArn(stack, 'Existing', arn).modelArn).toBe(arn);
    expect(() => ProvisionedThroughput.fromProvisionedModelArn(stack, 'Model', MODEL_ARN))
      .toThrow(/^ProvisionedThroughput\.fromProvisionedModelArn: provisionedModelArn must be the ARN of a provisioned model/);
  });
});
