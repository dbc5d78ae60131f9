/*
 * A model import job waited for longer than a custom resource can (over 55
 * minutes, up to 12 hours): the kit's wait condition, its handle and the
 * import result resource, as the template holds them.
 */
import { App, Duration, Stack, Tags, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ModelImportJob, ModelImportJobProps, ModelSource } from '../../src';

const JOB = 'Custom::BedrockModelImportJob';
const RESULT = 'Custom::BedrockModelImportJobResult';
const CONDITION = 'AWS::CloudFormation::WaitCondition';
const HANDLE = 'AWS::CloudFormation::WaitConditionHandle';

function importStack(props: Partial<ModelImportJobProps> = {}, prefix = 'llama-3.2-1b-instruct') {
  const stack = new Stack(new App(), 'ImportStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const weights = s3.Bucket.fromBucketName(stack, 'Weights', 'open-weights-123456789012');
  const job = new ModelImportJob(stack, 'Llama', { modelSource: ModelSource.fromBucket(weights, prefix), ...props });
  return { stack, job, template: Template.fromStack(stack) };
}

function ids(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type));
}

test('up to 55 minutes the job resource polls: no condition, no result', () => {
  const { template } = importStack({ completionTimeout: Duration.minutes(55) });
  template.hasResourceProperties(JOB, { completionTimeoutSeconds: 3300, waitHandleUrl: Match.absent() });
  template.resourceCountIs(CONDITION, 0);
  template.resourceCountIs(RESULT, 0);
});

test('above 55 minutes a wait condition waits; the job resource registers its handle and completes at once', () => {
  const { template } = importStack({ completionTimeout: Duration.hours(3) });
  const [handle] = ids(template, HANDLE);
  const [condition] = ids(template, CONDITION);
  const [job] = ids(template, JOB);
  template.hasResourceProperties(JOB, {
    completionTimeoutSeconds: Match.absent(),
    waitHandleUrl: { Ref: handle },
    waitSeconds: 3 * 3600,
    waitGeneration: Match.stringLikeRegexp('^[0-9A-F]{8}$'),
  });
  // The timeout and a margin of 11 minutes: an import job has no events, and the watcher reads it every 10 minutes.
  template.hasResource(CONDITION, { Properties: { Count: 1, Timeout: String(3 * 3600 + 11 * 60), Handle: { Ref: handle } }, DependsOn: [job] });
  template.hasResource(RESULT, {
    Properties: { jobName: { 'Fn::GetAtt': [job, 'JobName'] }, jobPhysicalId: { Ref: job } },
    DependsOn: [condition],
  });
});

test('under a condition, modelArn and jobArn come from the result, the names from the job resource', () => {
  const { stack, job, template } = importStack({ completionTimeout: Duration.hours(2) });
  const [result] = ids(template, RESULT);
  const [resource] = ids(template, JOB);
  expect(stack.resolve(job.modelArn)).toEqual({ 'Fn::GetAtt': [result, 'ImportedModelArn'] });
  expect(stack.resolve(job.jobArn)).toEqual({ 'Fn::GetAtt': [result, 'JobArn'] });
  expect(stack.resolve(job.importedModelName)).toEqual({ 'Fn::GetAtt': [resource, 'ImportedModelName'] });
  expect(stack.resolve(job.jobName)).toEqual({ 'Fn::GetAtt': [resource, 'JobName'] });
});

test('the result\'s handler reads import jobs only: GetModelImportJob on this account\'s import jobs', () => {
  const { template } = importStack({ completionTimeout: Duration.hours(2) });
  const policies = Object.values(template.findResources('AWS::IAM::Policy', {
    Properties: { PolicyName: Match.stringLikeRegexp('^BedrockModelImportJobResultProviderHandlerRole') },
  }));
  expect(policies).toHaveLength(1);
  const bedrock = (policies[0] as any).Properties.PolicyDocument.Statement.filter((s: any) => String(s.Action).startsWith('bedrock:'));
  expect(bedrock).toEqual([{
    Action: 'bedrock:GetModelImportJob',
    Effect: 'Allow',
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:us-east-1:123456789012:model-import-job/*']] },
  }]);
});

test('a wait condition waits once: a new source is a new generation (new logical ids); tags and removal policy are not', () => {
  const generationOf = (template: Template) => [ids(template, HANDLE), ids(template, CONDITION)];
  const first = generationOf(importStack({ completionTimeout: Duration.hours(2) }).template);

  const tagged = importStack({ completionTimeout: Duration.hours(2), importedModelTags: { team: 'ml' }, jobTags: { owner: 'ops' } });
  Tags.of(tagged.stack).add('cost-center', '42');
  expect(generationOf(Template.fromStack(tagged.stack))).toEqual(first);

  expect(generationOf(importStack({ completionTimeout: Duration.hours(2) }, 'llama-v2').template)).not.toEqual(first);
  expect(generationOf(importStack({ completionTimeout: Duration.hours(3) }).template)).not.toEqual(first);
});
