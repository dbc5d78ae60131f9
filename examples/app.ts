import * as path from 'path';
import {
  App, Duration, RemovalPolicy, Stack, StackProps, Tags, aws_bedrock as bedrock, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms,
  aws_lambda as lambda, aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { suppressLibraryFindings } from './nag-suppressions';
import {
  BaseModel, Customization, CustomModel, CustomModelDeployment, NovaModelImport, CustomModelLookup, InvocationLogging, MetadataFilter,
  ModelCustomizationJob, ModelImportJob, ModelSource, OutputData, ProvisionedThroughput, ReasoningEffort, TeacherModel, TrainingData, ValidationData,
} from '../src';

/**
 * Where SageMaker AI wrote the artifacts of the model the example imports: the checkpoint in the Amazon-managed
 * escrow bucket, as the training job's manifest.json reports it (`checkpoint_s3_bucket`,
 * https://docs.aws.amazon.com/nova/latest/userguide/nova-iterative-training.html), which CreateCustomModel imports
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/import-with-create-custom-model.html).
 */
export const SAGEMAKER_ARTIFACTS = 's3://customer-escrow-123456789012-smtj-a1b2c3d4/support-assistant-sft-20250601120000/step_100';

/** Where the files of the open-weight model the example imports are, in the data bucket. */
export const OPEN_WEIGHTS_PREFIX = 'open-weights/llama-3.2-1b-instruct/';

/** Where model invocation logging delivers the logs the distillation learns from. */
export const INVOCATION_LOGS_PREFIX = 'invocation-logs/';

/**
 * The example app: a fine-tuning job, a continued pre-training job, a
 * distillation from invocation logs and a reinforcement fine-tuning with its
 * grader; an imported model, an open-weight model import, a lookup and a reference by name.
 */
export class ModelCustomizationExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
    });
    const data = new s3.Bucket(this, 'Data', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data/',
    });

    // Every job is waited for: the deployment ends with the custom models, or fails with the reason. Jobs run for
    // hours, longer than a custom resource may wait, so a wait condition waits (up to 12 hours; see completionTimeout).

    // Fine-tune Amazon Nova Micro on a local file; the custom model is kept when the stack goes.
    const runbookAssistant = new ModelCustomizationJob(this, 'RunbookAssistant', {
      baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
      customization: Customization.fineTuning(),
      trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'train.jsonl')),
      validationData: [ValidationData.fromBucket(data, 'runbooks/validation.jsonl')],
      outputData: OutputData.fromBucket(data, 'output/runbook-assistant/'),
      // Nova's three hyperparameters, at their defaults (https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html).
      hyperParameters: { epochCount: '2', learningRate: '0.00001', learningRateWarmupSteps: '10' },
      jobTags: { team: 'platform' },
      customModelTags: { team: 'platform', purpose: 'runbooks' },
      completionTimeout: Duration.hours(6),
    });
    // Tags.of() tags go to the job and to its custom model (and to the job's service role).
    Tags.of(runbookAssistant).add('cost-center', 'ml-42');

    // Serve the fine-tuned model on demand: applications invoke the deployment's ARN (modelArn). A retrained
    // model updates the deployment in place, so that ARN stays the same.
    const runbookEndpoint = new CustomModelDeployment(this, 'RunbookAssistantEndpoint', {
      model: runbookAssistant.outputModel,
      description: 'Answers from the runbooks, for the on-call assistant',
      tags: { team: 'platform' },
    });

    // A VPC without internet access: the job reaches S3 through a gateway endpoint.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      flowLogs: { ToS3: { destination: ec2.FlowLogDestination.toS3(accessLogs, 'vpc-flow-logs/') } },
    });
    const s3Endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const modelKey = new kms.Key(this, 'ModelKey', { enableKeyRotation: true, description: 'Encrypts the domain adaptation custom model' });

    // Continued pre-training on documents already in S3, in the VPC, with a fixed job name; the custom model
    // is encrypted with a key of this stack and deleted with the stack.
    const domainAdaptation = new ModelCustomizationJob(this, 'DomainAdaptation', {
      baseModel: BaseModel.fromModelId('amazon.titan-text-express-v1:0:8k'),
      customization: Customization.continuedPreTraining(),
      jobName: 'domain-adaptation',
      trainingData: TrainingData.fromBucket(data, 'corpus/handbook.jsonl'),
      outputData: OutputData.fromBucket(data, 'output/domain-adaptation/'),
      // Titan Text Express takes 1 to 10 epochs (https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-titan-text.html).
      hyperParameters: { epochCount: '1' },
      vpc,
      customModelEncryptionKey: modelKey,
      removalPolicy: RemovalPolicy.DESTROY,
      completionTimeout: Duration.hours(8),
    });
    // The job reads its data as soon as it starts: through the endpoint.
    domainAdaptation.node.addDependency(s3Endpoint);

    // Distil Amazon Nova Pro into Nova Micro, from the logged invocations of the
    // runbooks assistant in production (the logged responses train as they are).
    const distillation = new ModelCustomizationJob(this, 'RunbookDistillation', {
      baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
      customization: Customization.distillation({
        teacherModel: TeacherModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_PRO_V1_0),
        maxResponseLength: 1000,
      }),
      trainingData: TrainingData.fromInvocationLogs(data, INVOCATION_LOGS_PREFIX, {
        usePromptResponse: true,
        filter: MetadataFilter.andAll([MetadataFilter.stringEquals('project', 'runbooks'), MetadataFilter.stringNotEquals('stage', 'dev')]),
      }),
      outputData: OutputData.fromBucket(data, 'output/runbook-distillation/'),
      completionTimeout: Duration.hours(10),
    });

    // Reinforcement fine-tuning of Amazon Nova 2 Lite: the grader rewards
    // answers that contain the reference answer.
    new ModelCustomizationJob(this, 'RunbookReasoning', {
      baseModel: BaseModel.fromModelId('amazon.nova-2-lite-v1:0:256k'),
      customization: Customization.reinforcementFineTuning({
        grader: this.createGrader(),
        hyperParameters: {
          epochCount: 2,
          batchSize: 64,
          learningRate: 0.00001,
          trainingSamplePerPrompt: 4,
          reasoningEffort: ReasoningEffort.MEDIUM,
          evalInterval: 10,
        },
      }),
      trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'rft-train.jsonl')),
      validationData: [ValidationData.fromAsset(path.join(__dirname, 'data', 'rft-validation.jsonl'))],
      outputData: OutputData.fromBucket(data, 'output/runbook-reasoning/'),
      completionTimeout: Duration.hours(10),
    });

    // Model invocation logging of this account and region: to the data bucket, where the distillation above
    // reads it, and to CloudWatch Logs, in a log group encrypted with a key of this stack.
    const logging = new InvocationLogging(this, 'InvocationLogging', {
      s3: { bucket: data, keyPrefix: INVOCATION_LOGS_PREFIX },
      cloudWatch: { retention: logs.RetentionDays.THREE_MONTHS, largeDataBucket: data, largeDataKeyPrefix: 'invocation-logs-large-data/' },
      encryptionKey: new kms.Key(this, 'LogsKey', { enableKeyRotation: true, description: 'Encrypts the model invocation logs in CloudWatch Logs' }),
    });
    // The distillation learns from the logs this configuration delivers: configure logging before the job starts.
    distillation.node.addDependency(logging);

    // Import a Nova Micro that SageMaker AI fine-tuned (its artifacts in the Amazon-managed bucket SageMaker wrote),
    // encrypted with the model key; the deployment waits until it is Active.
    const importedModel = new NovaModelImport(this, 'SupportAssistant', {
      modelSource: ModelSource.fromS3Uri(SAGEMAKER_ARTIFACTS),
      encryptionKey: modelKey,
      modelTags: { team: 'support' },
      completionTimeout: Duration.minutes(30),
    });

    // Serve the imported model on provisioned throughput, as the CreateCustomModel API reference says imported models
    // are served (the on-demand deployment guide also lists SageMaker-trained Nova imports): one model unit, no
    // commitment (billed by the hour, deleted with the stack).
    const supportEndpoint = new ProvisionedThroughput(this, 'SupportAssistantThroughput', {
      model: importedModel,
      modelUnits: 1,
      tags: { team: 'support' },
    });

    // Import an open-weight model: Llama 3.2 1B Instruct in the Hugging Face layout (model.safetensors, config.json,
    // the tokenizer files) under open-weights/ in the data bucket. Bedrock runs one model import at a time per account,
    // and the Nova import above may hold it: over 55 minutes, a wait condition waits for the job, a wait for the slot
    // included. Bedrock then serves the imported model on demand, invoked by its ARN.
    const openWeights = new ModelImportJob(this, 'RunbookLlama', {
      modelSource: ModelSource.fromBucket(data, OPEN_WEIGHTS_PREFIX),
      importedModelTags: { team: 'platform', purpose: 'runbooks' },
      completionTimeout: Duration.hours(2),
    });

    // The newest Active model whose name contains "SupportAssistant", found at deploy time,
    // and a model referenced by name; operators may read all three.
    const newestSupportModel = new CustomModelLookup(this, 'NewestSupportModel', {
      nameContains: 'SupportAssistant',
      foundationModel: bedrock.FoundationModel.fromFoundationModelId(this, 'NovaMicro', bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
    });
    newestSupportModel.node.addDependency(importedModel);
    const triageModel = CustomModel.fromCustomModelName(this, 'TriageModel', 'triage-assistant');
    const operators = new iam.Role(this, 'Operators', { assumedBy: new iam.AccountRootPrincipal() });
    for (const model of [importedModel, newestSupportModel, triageModel]) model.grant(operators, 'bedrock:GetCustomModel');
    runbookEndpoint.grantInvoke(operators);
    supportEndpoint.grantInvoke(operators);
    openWeights.grantInvoke(operators);

    suppressLibraryFindings(this);
  }

  /** The reward function (examples/grader), with its own log group and a role that may write only there. */
  private createGrader(): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'GraderLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const role = new iam.Role(this, 'GraderRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    return new lambda.Function(this, 'Grader', {
      description: 'Rewards the responses of the reinforcement fine-tuning of RunbookReasoning',
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, 'grader')),
      role,
      logGroup,
      // Bedrock grades batches of samples; the default 3 seconds is too short.
      timeout: Duration.minutes(5),
    });
  }
}

/** The example app, as `cdk synth` and the demo build it. */
export function buildExampleApp(outdir?: string): { app: App; stack: ModelCustomizationExampleStack } {
  const app = new App({ outdir });
  const stack = new ModelCustomizationExampleStack(app, 'ModelCustomizationExample');
  return { app, stack };
}

if (require.main === module) {
  buildExampleApp().app.synth();
}
