import * as path from 'path';
import {
  App, Duration, RemovalPolicy, Stack, StackProps, Tags, aws_bedrock as bedrock, aws_ec2 as ec2, aws_kms as kms, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { suppressLibraryFindings } from './nag-suppressions';
import {
  BaseModel, Customization, ModelCustomizationJob, OutputData, TrainingData, ValidationData,
} from '../src';

/**
 * The example app: a fine-tuning job and a continued pre-training job.
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

    // Fine-tune Amazon Nova Micro on a local file; the custom model is kept when the stack goes.
    const runbookAssistant = new ModelCustomizationJob(this, 'RunbookAssistant', {
      baseModel: BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_MICRO_V1_0_128_K),
      customization: Customization.fineTuning(),
      trainingData: TrainingData.fromAsset(path.join(__dirname, 'data', 'train.jsonl')),
      validationData: [ValidationData.fromBucket(data, 'runbooks/validation.jsonl')],
      outputData: OutputData.fromBucket(data, 'output/runbook-assistant/'),
      hyperParameters: { epochCount: '2', batchSize: '1', learningRate: '0.00001' },
      jobTags: { team: 'platform' },
      customModelTags: { team: 'platform', purpose: 'runbooks' },
    });
    // Tags.of() tags go to the job and to its custom model (and to the job's service role).
    Tags.of(runbookAssistant).add('cost-center', 'ml-42');

    // A VPC without internet access: the job reaches S3 through a gateway endpoint.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      flowLogs: { ToS3: { destination: ec2.FlowLogDestination.toS3(accessLogs, 'vpc-flow-logs/') } },
    });
    const s3Endpoint = vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const modelKey = new kms.Key(this, 'ModelKey', { enableKeyRotation: true, description: 'Encrypts the domain adaptation custom model' });

    // Continued pre-training on documents already in S3, in the VPC, with a fixed job name; the deployment
    // waits for the job (up to 50 minutes); the custom model is encrypted with a key of this stack and deleted with the stack.
    const domainAdaptation = new ModelCustomizationJob(this, 'DomainAdaptation', {
      baseModel: BaseModel.fromModelId('amazon.titan-text-express-v1:0:8k'),
      customization: Customization.continuedPreTraining(),
      jobName: 'domain-adaptation',
      trainingData: TrainingData.fromBucket(data, 'corpus/handbook.jsonl'),
      outputData: OutputData.fromBucket(data, 'output/domain-adaptation/'),
      hyperParameters: { epochCount: '1' },
      vpc,
      customModelEncryptionKey: modelKey,
      removalPolicy: RemovalPolicy.DESTROY,
      completionTimeout: Duration.minutes(50),
    });
    // The job reads its data as soon as it starts: through the endpoint.
    domainAdaptation.node.addDependency(s3Endpoint);

    suppressLibraryFindings(this);
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
