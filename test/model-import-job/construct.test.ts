import { App, CfnParameter, Duration, Fn, RemovalPolicy, Stack, Tags, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ImportedModel, ModelImportJob, ModelSource } from '../../src';
import { withProvenance } from '../support/provenance';

const ENV = { account: '123456789012', region: 'us-east-1' };
const arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:us-east-1:123456789012:${suffix}`]] });

function stackOf() {
  return new Stack(new App(), 'ImportStack', { env: ENV });
}

function importOf(stack: Stack, props: Partial<ConstructorParameters<typeof ModelImportJob>[2]> = {}) {
  const weights = s3.Bucket.fromBucketName(stack, 'Weights', 'open-weights-123456789012');
  return new ModelImportJob(stack, 'Llama', { modelSource: ModelSource.fromBucket(weights, 'llama-3.2-1b-instruct'), ...props });
}

/** The statements of the policy whose name starts with `prefix`. */
function statementsOf(template: Template, prefix: string): any[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp(`^${prefix}`) } }));
  expect(policies).toHaveLength(1);
  return (policies[0] as any).Properties.PolicyDocument.Statement;
}

describe('ModelImportJob', () => {
  test('the custom resource: the model files\' prefix, the service role, provenance tags on the job and the model, the model kept', () => {
    const stack = stackOf();
    importOf(stack, { jobTags: { team: 'ml' } });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('Custom::BedrockModelImportJob', {
      modelDataS3Uri: 's3://open-weights-123456789012/llama-3.2-1b-instruct/',
      roleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LlamaServiceRole'), 'Arn'] },
      jobTags: withProvenance('ImportStack/Llama', [{ key: 'team', value: 'ml' }]),
      importedModelTags: withProvenance('ImportStack/Llama'),
      removalPolicy: 'retain',
      completionTimeoutSeconds: 3300,
      jobName: Match.absent(),
      importedModelName: Match.absent(),
      importedModelKmsKeyArn: Match.absent(),
    });
    template.hasResource('Custom::BedrockModelImportJob', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test('the service role trusts Bedrock for this account\'s import jobs only, and reads exactly the model files', () => {
    const stack = stackOf();
    importOf(stack);
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'Assumed by Amazon Bedrock to import an open-weight model',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Principal: { Service: 'bedrock.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': arn('model-import-job/*') } },
        }],
      },
    });
    expect(statementsOf(template, 'LlamaServiceRole')).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::open-weights-123456789012/llama-3.2-1b-instruct/*']] } },
      {
        Action: 's3:ListBucket',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::open-weights-123456789012']] },
        Condition: { StringLike: { 's3:prefix': ['llama-3.2-1b-instruct/*'] } },
      },
    ]);
  });

  test('the handler role: exactly the kind\'s Bedrock operations, on import jobs and imported models, and PassRole to Bedrock only', () => {
    const stack = stackOf();
    importOf(stack);
    const statements = statementsOf(Template.fromStack(stack), 'BedrockModelImportJobProviderHandlerRole');
    const bedrock = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('bedrock:')));
    expect(bedrock).toEqual([
      { Action: ['bedrock:TagResource', 'bedrock:UntagResource'], Effect: 'Allow', Resource: [arn('model-import-job/*'), arn('imported-model/*')] },
      { Action: 'bedrock:CreateModelImportJob', Effect: 'Allow', Resource: [arn('model-import-job/*'), arn('imported-model/*')] },
      { Action: 'bedrock:GetModelImportJob', Effect: 'Allow', Resource: arn('model-import-job/*') },
      { Action: 'bedrock:DeleteImportedModel', Effect: 'Allow', Resource: arn('imported-model/*') },
      { Action: 'bedrock:ListModelImportJobs', Effect: 'Allow', Resource: '*' },
    ]);
    expect(statements).toContainEqual({
      Action: 'iam:PassRole',
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^LlamaServiceRole/), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    });
  });

  test('one provider for every import job of the stack, its handler role\'s policy the same size for two jobs', () => {
    const stackWith = (jobs: string[]) => {
      const stack = stackOf();
      const weights = s3.Bucket.fromBucketName(stack, 'W', 'open-weights-123456789012');
      const role = new iam.Role(stack, 'ImportRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') });
      for (const id of jobs) new ModelImportJob(stack, id, { modelSource: ModelSource.fromBucket(weights, `${id}/`), role });
      return Template.fromStack(stack);
    };
    const one = stackWith(['A']);
    const two = stackWith(['A', 'B']);
    two.resourceCountIs('Custom::BedrockModelImportJob', 2);
    expect(Object.keys(two.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.modelImportOnEvent' } }))).toHaveLength(1);
    expect(statementsOf(two, 'BedrockModelImportJobProviderHandlerRole')).toEqual(statementsOf(one, 'BedrockModelImportJobProviderHandlerRole'));
  });

  test('names, a key (by ARN, with its grants through Bedrock), DESTROY and a timeout reach the resource', () => {
    const stack = stackOf();
    const key = new kms.Key(stack, 'Key');
    importOf(stack, {
      jobName: 'llama-import-1',
      importedModelName: 'llama-3_2-1b-runbooks',
      importedModelKmsKey: key,
      removalPolicy: RemovalPolicy.DESTROY,
      completionTimeout: Duration.minutes(30),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::BedrockModelImportJob', {
      jobName: 'llama-import-1',
      importedModelName: 'llama-3_2-1b-runbooks',
      importedModelKmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      removalPolicy: 'destroy',
      completionTimeoutSeconds: 1800,
    });
    const keyStatement = expect.objectContaining({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['bedrock.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } } },
    });
    expect(statementsOf(template, 'LlamaServiceRole')).toEqual(expect.arrayContaining([keyStatement]));
    expect(statementsOf(template, 'BedrockModelImportJobProviderHandlerRole')).toEqual(expect.arrayContaining([keyStatement]));
  });

  test('Tags.of() reaches both the job and the imported model', () => {
    const stack = stackOf();
    importOf(stack, { importedModelTags: { stage: 'prod' } });
    Tags.of(stack).add('cost-center', '42');
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelImportJob', {
      jobTags: withProvenance('ImportStack/Llama', [{ key: 'cost-center', value: '42' }]),
      importedModelTags: withProvenance('ImportStack/Llama', [{ key: 'cost-center', value: '42' }, { key: 'stage', value: 'prod' }]),
    });
  });

  test('the attributes are those of the resource', () => {
    const stack = stackOf();
    const job = importOf(stack);
    for (const [value, attribute] of [[job.modelArn, 'ImportedModelArn'], [job.importedModelName, 'ImportedModelName'], [job.jobArn, 'JobArn'], [job.jobName, 'JobName']]) {
      expect(stack.resolve(value)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Llama/), attribute] });
    }
  });

  test('grantInvoke: InvokeModel and its stream on the imported model, with the key through Bedrock', () => {
    const stack = stackOf();
    const key = new kms.Key(stack, 'Key');
    const job = importOf(stack, { importedModelKmsKey: key });
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() });
    job.grantInvoke(app);
    const statements = statementsOf(Template.fromStack(stack), 'AppDefaultPolicy');
    expect(statements[0]).toEqual({
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Llama/), 'ImportedModelArn'] },
    });
    expect(statements[1]).toEqual(expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'] }));
  });

  test('in a VPC: the subnets and a created security group reach the request, and the service role may place the interfaces Bedrock tags for import jobs', () => {
    const stack = stackOf();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-1', 'subnet-2'] });
    const job = importOf(stack, { vpc });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('Custom::BedrockModelImportJob', {
      vpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^LlamaSecurityGroup'), 'GroupId'] }] },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Network interfaces of an Amazon Bedrock model import job' });
    const statements = statementsOf(template, 'LlamaServiceRole');
    expect(statements).toContainEqual(expect.objectContaining({
      Action: 'ec2:CreateNetworkInterface',
      Condition: {
        StringEquals: { 'aws:RequestTag/BedrockManaged': ['true'] },
        ArnEquals: { 'aws:RequestTag/BedrockModelImportJobArn': [arn('model-import-job/*')] },
      },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: 'ec2:CreateTags',
      Condition: { 'StringEquals': { 'ec2:CreateAction': ['CreateNetworkInterface'] }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['BedrockManaged', 'BedrockModelImportJobArn'] } },
    }));
    expect(job.connections.securityGroups).toHaveLength(1);
  });

  test('outside a VPC: no vpcConfig, no connections, and network props without vpc are refused', () => {
    const stack = stackOf();
    const job = importOf(stack);
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelImportJob', { vpcConfig: Match.absent() });
    expect(() => job.connections).toThrow(/connections: the job runs outside any VPC/);
    const other = stackOf();
    const group = ec2.SecurityGroup.fromSecurityGroupId(other, 'G', 'sg-1');
    expect(() => importOf(other, { securityGroups: [group] })).toThrow(/vpcSubnets and securityGroups need vpc/);
  });

  test('names known at deploy time only (tokens) are not checked at synth: a parameter, and a token inside a name', () => {
    const stack = stackOf();
    const name = new CfnParameter(stack, 'ImportName').valueAsString;
    importOf(stack, { jobName: name, importedModelName: `${name}-model` });
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelImportJob', {
      jobName: { Ref: 'ImportName' }, importedModelName: { 'Fn::Join': ['', [{ Ref: 'ImportName' }, '-model']] },
    });
  });

  test('refuses SNAPSHOT and a timeout over 12 hours (a wait condition\'s longest), naming the prop', () => {
    expect(() => importOf(stackOf(), { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/removalPolicy snapshot is not supported/);
    expect(() => importOf(stackOf(), { completionTimeout: Duration.hours(13) })).toThrow(/completionTimeout must be between 1 minute and 12 hours/);
  });
});

describe('ImportedModel.fromImportedModelArn', () => {
  const MODEL = 'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl';

  test('a referenced model is invoked by its ARN', () => {
    const stack = stackOf();
    const model = ImportedModel.fromImportedModelArn(stack, 'Model', MODEL);
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() });
    model.grantInvoke(app);
    expect(model.modelArn).toBe(MODEL);
    expect(statementsOf(Template.fromStack(stack), 'AppDefaultPolicy')).toEqual([
      { Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Effect: 'Allow', Resource: MODEL },
    ]);
  });

  test('an ARN known at deploy time only is taken as it is; a model without a key of this app grants no key actions', () => {
    const stack = stackOf();
    const model = ImportedModel.fromImportedModelArn(stack, 'Model', Fn.importValue('SharedLlamaArn'));
    const app = new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() });
    model.grantInvoke(app);
    expect(statementsOf(Template.fromStack(stack), 'AppDefaultPolicy')).toEqual([
      { Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Effect: 'Allow', Resource: { 'Fn::ImportValue': 'SharedLlamaArn' } },
    ]);
  });

  test('another ARN is refused, naming the form expected', () => {
    expect(() => ImportedModel.fromImportedModelArn(stackOf(), 'Model', 'arn:aws:bedrock:us-east-1:123456789012:custom-model/abc'))
      .toThrow(/importedModelArn must be the ARN of an imported model .*imported-model\/<id>/s);
  });
});
