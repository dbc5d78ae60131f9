/*
 * A ModelCustomizationJob: the properties it sends, its removal policy,
 * waiting for the job and its outputs, references and events. Its roles are
 * in job-roles.test.ts.
 */
import * as path from 'path';
import { App, Duration, RemovalPolicies, RemovalPolicy, Stack, aws_events_targets as targets, aws_iam as iam, aws_s3 as s3, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BaseModel, Customization, ModelCustomizationJob, TrainingData, ValidationData } from '../../src';
import { jobOnBucketSetup as setup } from '../support/job-stack';
import { provenanceTags, withProvenance } from '../support/provenance';

const JOB = 'Custom::BedrockModelCustomizationJob';

describe('ModelCustomizationJob properties', () => {
  test('sends the properties of the contract, tags sorted', () => {
    const { template } = setup({
      hyperParameters: { epochCount: '2' },
      jobTags: { team: 'ml', env: 'dev' },
      validationData: [ValidationData.fromBucket(s3.Bucket.fromBucketName(new Stack(), 'V', 'validation-bucket'), 'v.jsonl')],
    });
    template().hasResourceProperties(JOB, {
      ServiceToken: Match.anyValue(),
      baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
      customizationType: 'FINE_TUNING',
      roleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('JobServiceRole'), 'Arn'] },
      trainingDataS3Uri: 's3://training-data-bucket/train/data.jsonl',
      validationDataS3Uris: ['s3://validation-bucket/v.jsonl'],
      outputDataS3Uri: 's3://training-data-bucket/output/',
      hyperParameters: { epochCount: '2' },
      // Sorted by key, so the template does not depend on object order; the provenance tags on every resource.
      jobTags: withProvenance('Stack/Job', [{ key: 'env', value: 'dev' }, { key: 'team', value: 'ml' }]),
      customModelTags: provenanceTags('Stack/Job'),
      removalPolicy: 'retain',
    });
    const props = template().findResources(JOB);
    const resource = Object.values(props)[0] as any;
    expect(resource.Properties).not.toHaveProperty('jobName');
  });

  test('continued pre-training and fixed names', () => {
    const { template } = setup({
      customization: Customization.continuedPreTraining(),
      jobName: 'my-job',
      customModelName: 'my-model',
      baseModel: BaseModel.fromModelId('arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k'),
    });
    template().hasResourceProperties(JOB, {
      customizationType: 'CONTINUED_PRE_TRAINING',
      jobName: 'my-job',
      customModelName: 'my-model',
      baseModelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k',
    });
  });

  test('attributes come from the custom resource', () => {
    const { job, stack } = setup();
    expect(stack.resolve(job.jobArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'JobArn'] });
    expect(stack.resolve(job.jobName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'JobName'] });
    expect(stack.resolve(job.customModelName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'CustomModelName'] });
  });

  test('training data from a local file becomes a file asset', () => {
    const { template } = setup({ trainingData: TrainingData.fromAsset(path.join(__dirname, '..', '..', 'examples', 'data', 'train.jsonl')) });
    const resource = Object.values(template().findResources(JOB))[0] as any;
    expect(JSON.stringify(resource.Properties.trainingDataS3Uri)).toMatch(/cdk-hnb659fds-assets-123456789012-us-east-1\/[0-9a-f]{64}\.jsonl/);
  });

  test('a folder asset is rejected: Bedrock cannot read zips', () => {
    expect(() => setup({ trainingData: TrainingData.fromAsset(path.join(__dirname, '..', '..', 'examples', 'data')) }))
      .toThrow(/^Stack\/Job\/TrainingData: TrainingData\.fromAsset path '[^']*' is a directory, which would be uploaded as a zip archive that Bedrock cannot read\. Give a single file$/);
    expect(() => setup({ trainingData: TrainingData.fromAsset('/no/such/file.jsonl') })).toThrow("Stack/Job/TrainingData: TrainingData.fromAsset path '/no/such/file.jsonl' does not exist. Give the path of a JSONL file");
  });
});

describe('removal policy', () => {
  const policyOf = (t: Template) => (Object.values(t.findResources(JOB))[0] as any);

  test('RETAIN by default; the custom resource is always deleted', () => {
    const r = policyOf(setup().template());
    expect(r.Properties.removalPolicy).toBe('retain');
    expect(r.DeletionPolicy).toBe('Delete');
  });

  test('DESTROY deletes the model', () => {
    const r = policyOf(setup({ removalPolicy: RemovalPolicy.DESTROY }).template());
    expect(r.Properties.removalPolicy).toBe('destroy');
    expect(r.DeletionPolicy).toBe('Delete');
  });

  test('SNAPSHOT is rejected', () => {
    expect(() => setup({ removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow(/Stack\/Job: removalPolicy snapshot is not supported\. Use RemovalPolicy\.RETAIN or RemovalPolicy\.DESTROY/);
  });

  test('applyRemovalPolicy sets the model policy, not the DeletionPolicy', () => {
    const { job, template } = setup();
    job.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const r = policyOf(template());
    expect(r.Properties.removalPolicy).toBe('destroy');
    expect(r.DeletionPolicy).toBe('Delete');
  });

  test('RemovalPolicies.of(stack) reaches the model policy and keeps DeletionPolicy Delete', () => {
    const { stack, template } = setup({ removalPolicy: RemovalPolicy.DESTROY });
    RemovalPolicies.of(stack).retain();
    const r = policyOf(template());
    expect(r.Properties.removalPolicy).toBe('retain');
    expect(r.DeletionPolicy).toBe('Delete');
    expect(r.UpdateReplacePolicy).toBe('Delete');
  });

  test('synthesis fails if the DeletionPolicy is changed by hand', () => {
    const { job, stack } = setup();
    (job.node.defaultChild as any).cfnOptions.deletionPolicy = 'Retain';
    expect(() => Template.fromStack(stack)).toThrow(/DeletionPolicy and UpdateReplacePolicy of Stack\/Job\/Resource must stay Delete/);
  });

  test('and if the UpdateReplacePolicy is changed: a replaced job must be stopped', () => {
    const { job, stack } = setup();
    (job.node.defaultChild as any).cfnOptions.updateReplacePolicy = 'Retain';
    expect(() => Template.fromStack(stack)).toThrow(/must stay Delete/);
  });
});

describe('waiting for the job', () => {
  test('completionTimeout reaches the handler in seconds; without it nothing is sent', () => {
    setup({ completionTimeout: Duration.minutes(50) }).template().hasResourceProperties(JOB, { completionTimeoutSeconds: 3000 });
    setup().template().hasResourceProperties(JOB, { completionTimeoutSeconds: Match.absent() });
  });

  test('the provider polls every 30 seconds for at most an hour', () => {
    const definition = JSON.stringify(setup().template().findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).toContain('\\"IntervalSeconds\\":30');
    expect(definition).toContain('\\"MaxAttempts\\":120');
  });

  test.each([
    ['55 minutes', Duration.minutes(55), true],
    ['1 minute', Duration.minutes(1), true],
    ['56 minutes', Duration.minutes(56), true],
    ['12 hours', Duration.hours(12), true],
    ['12 hours and 1 minute', Duration.minutes(12 * 60 + 1), false],
    ['30 seconds', Duration.seconds(30), false],
  ])('a completionTimeout of %s is accepted: %s', (_label, completionTimeout, accepted) => {
    const attempt = () => setup({ completionTimeout });
    if (accepted) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(/^Stack\/Job: completionTimeout must be between 1 minute and 12 hours \(got .+\): a wait condition waits 12 hours at most; for longer jobs, do not wait and react to onStateChange instead\. Set completionTimeout to 12 hours or less$/);
  });

  test('outputModel, trainingLoss and validationLoss come from the resource once the job has completed', () => {
    const { job, stack } = setup({
      completionTimeout: Duration.minutes(30),
      validationData: [ValidationData.fromBucket(s3.Bucket.fromBucketName(new Stack(), 'B', 'validation-bucket'), 'v.jsonl')],
    });
    expect(stack.resolve(job.outputModel.modelArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'OutputModelArn'] });
    expect(stack.resolve(job.outputModel.customModelName)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'CustomModelName'] });
    expect(stack.resolve(job.trainingLoss)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'TrainingLoss'] });
    expect(stack.resolve(job.validationLoss(0))).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Job/), 'ValidationLoss0'] });
    expect(() => job.validationLoss(1)).toThrow('validationLoss(1): the job has 1 validation data sets');
  });

  test('the output model grants management actions on itself', () => {
    const { job, stack } = setup({ completionTimeout: Duration.minutes(30) });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    job.outputModel.grant(role, 'bedrock:GetCustomModel');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Reader') }],
      PolicyDocument: { Statement: [{ Action: 'bedrock:GetCustomModel', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'OutputModelArn'] } }] },
    });
  });

  test('without waiting, outputModel and the metrics explain why they are unknown and what to use instead', () => {
    const { job } = setup();
    expect(() => job.outputModel).toThrow(/^Stack\/Job: outputModel is known only once the job has completed, and this resource does not wait for it\. Set completionTimeout/);
    expect(() => job.trainingLoss).toThrow(/trainingLoss is known only once the job has completed/);
    expect(() => job.validationLoss(0)).toThrow(/validationLoss\(\) is known only once the job has completed/);
  });
});

describe('references and events', () => {
  const JOB_ARN = 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/amazon.nova-micro-v1:0:128k/abcdefghijkl';

  test('fromJobArn references an existing job, in the ARN\'s account and region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const job = ModelCustomizationJob.fromJobArn(stack, 'Existing', JOB_ARN);
    expect(job.jobArn).toBe(JOB_ARN);
    expect(job.env).toEqual({ account: '123456789012', region: 'us-east-1' });
  });

  test('fromJobArn rejects an ARN that is not a job\'s', () => {
    const stack = new Stack();
    expect(() => ModelCustomizationJob.fromJobArn(stack, 'Model', 'arn:aws:bedrock:us-east-1:123456789012:custom-model/x.y/abcdefghijkl'))
      .toThrow(/^Default\/Model: jobArn must be the ARN of a model customization job/);
  });

  test('onStateChange matches the job\'s state change events: a job of the app by its name, a referenced one by its ARN in either form', () => {
    const { job, stack } = setup({ completionTimeout: Duration.hours(5) });
    const topic = new sns.Topic(stack, 'Topic');
    job.onStateChange('Changed', { target: new targets.SnsTopic(topic) });
    ModelCustomizationJob.fromJobArn(stack, 'Existing', JOB_ARN).onStateChange('ExistingChanged');
    const t = Template.fromStack(stack);
    // The name is known once the job resource is (a job waiting for a slot has no ARN yet).
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.bedrock'],
        'detail-type': ['Model Customization Job State Change'],
        'detail': { jobName: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Job'), 'JobName'] }] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('Topic') } })],
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ resources: [JOB_ARN, 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/abcdefghijkl'] }),
    });
  });
});
