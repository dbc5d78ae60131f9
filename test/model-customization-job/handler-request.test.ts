import { distillationProperties, GRADER_ARN, rawProperties, rftProperties } from './handler-fixtures';
import { JOB } from '../../lambda/model-customization-job/properties';
import { buildCreateJobRequest } from '../../lambda/model-customization-job/request';

const names = { jobName: 'my-job', customModelName: 'my-model', clientRequestToken: 'a'.repeat(64) };

describe('buildCreateJobRequest', () => {
  test('maps every property to its place in CreateModelCustomizationJob', () => {
    const request = buildCreateJobRequest(JOB.decode(rawProperties({ hyperParameters: { epochCount: '2' } })), names);
    expect(request).toEqual({
      jobName: 'my-job',
      customModelName: 'my-model',
      clientRequestToken: 'a'.repeat(64),
      roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomizationRole',
      baseModelIdentifier: 'amazon.titan-text-express-v1:0:8k',
      customizationType: 'FINE_TUNING',
      trainingDataConfig: { s3Uri: 's3://data-bucket/train.jsonl' },
      validationDataConfig: { validators: [{ s3Uri: 's3://data-bucket/validation-1.jsonl' }, { s3Uri: 's3://data-bucket/validation-2.jsonl' }] },
      outputDataConfig: { s3Uri: 's3://output-bucket/jobs/' },
      hyperParameters: { epochCount: '2' },
      jobTags: [{ key: 'team', value: 'ml' }],
      customModelTags: [{ key: 'cost-center', value: '42' }],
    });
  });

  test('omits validation, hyperparameters and tags when absent or empty', () => {
    const props = JOB.decode(rawProperties({
      validationDataS3Uris: [], hyperParameters: {}, jobTags: undefined, customModelTags: [],
    }));
    const request = buildCreateJobRequest(props, names);
    expect(Object.keys(request).sort()).toEqual([
      'baseModelIdentifier', 'clientRequestToken', 'customModelName', 'customizationType', 'jobName',
      'outputDataConfig', 'roleArn', 'trainingDataConfig',
    ]);
  });

  test('sends the VPC and the custom model key when set', () => {
    const vpcConfig = { subnetIds: ['subnet-a'], securityGroupIds: ['sg-1', 'sg-2'] };
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const request = buildCreateJobRequest(JOB.decode(rawProperties({ vpcConfig, customModelKmsKeyId: keyArn })), names);
    expect(request).toMatchObject({ vpcConfig, customModelKmsKeyId: keyArn });
  });

  test('never sends library-only settings', () => {
    const request = buildCreateJobRequest(JOB.decode(rawProperties({ removalPolicy: 'destroy' })), names);
    expect(JSON.stringify(request)).not.toContain('destroy');
    expect(request).not.toHaveProperty('removalPolicy');
  });

  test('is pure: the same input gives an equal request, and the input is not shared', () => {
    const props = JOB.decode(rawProperties());
    const first = buildCreateJobRequest(props, names);
    expect(buildCreateJobRequest(props, names)).toEqual(first);
    first.hyperParameters!.epochCount = '9';
    expect(props.hyperParameters!.epochCount).toBe('2');
  });

  test('a distillation from invocation logs: the teacher, and the logs with their filter, in place of an S3 file', () => {
    const request = buildCreateJobRequest(JOB.decode(distillationProperties()), names);
    expect(request).toMatchObject({
      customizationType: 'DISTILLATION',
      trainingDataConfig: {
        invocationLogsConfig: {
          invocationLogSource: { s3Uri: 's3://logs-bucket/bedrock/' },
          usePromptResponse: true,
          requestMetadataFilters: { andAll: [{ equals: { project: 'runbooks' } }, { notEquals: { stage: 'dev' } }] },
        },
      },
      customizationConfig: {
        distillationConfig: { teacherModelConfig: { teacherModelIdentifier: 'us.amazon.nova-premier-v1:0', maxResponseLengthForInference: 1000 } },
      },
    });
    expect(request.trainingDataConfig).not.toHaveProperty('s3Uri');
    expect(request).not.toHaveProperty('hyperParameters');
  });

  test('a distillation from a prompts file, with neither filter nor response length, sends only what is set', () => {
    const props = JOB.decode(distillationProperties({
      invocationLogs: undefined,
      trainingDataS3Uri: 's3://data-bucket/prompts.jsonl',
      distillation: { teacherModelIdentifier: 'amazon.nova-pro-v1:0' },
    }));
    const request = buildCreateJobRequest(props, names);
    expect(request.trainingDataConfig).toEqual({ s3Uri: 's3://data-bucket/prompts.jsonl' });
    expect(request.customizationConfig).toEqual({ distillationConfig: { teacherModelConfig: { teacherModelIdentifier: 'amazon.nova-pro-v1:0' } } });
    const logsOnly = JOB.decode(distillationProperties({ invocationLogs: { s3Uri: 's3://logs-bucket/' } }));
    expect(buildCreateJobRequest(logsOnly, names).trainingDataConfig).toEqual({ invocationLogsConfig: { invocationLogSource: { s3Uri: 's3://logs-bucket/' } } });
  });

  test('a reinforcement fine-tuning: the grader and the typed hyperparameters, as numbers', () => {
    const request = buildCreateJobRequest(JOB.decode(rftProperties()), names);
    expect(request.customizationConfig).toEqual({
      rftConfig: {
        graderConfig: { lambdaGrader: { lambdaArn: GRADER_ARN } },
        hyperParameters: { epochCount: 2, batchSize: 64, learningRate: 0.00001, trainingSamplePerPrompt: 4, reasoningEffort: 'medium' },
      },
    });
    const noHyperParameters = JOB.decode(rftProperties({ reinforcementFineTuning: { graderLambdaArn: GRADER_ARN, hyperParameters: {} } }));
    expect(buildCreateJobRequest(noHyperParameters, names).customizationConfig).toEqual({
      rftConfig: { graderConfig: { lambdaGrader: { lambdaArn: GRADER_ARN } } },
    });
  });

  test('fine-tuning and continued pre-training send no customizationConfig', () => {
    expect(buildCreateJobRequest(JOB.decode(rawProperties()), names)).not.toHaveProperty('customizationConfig');
  });
});
