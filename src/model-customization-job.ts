import {
  ArnFormat, AspectPriority, Aspects, CfnDeletionPolicy, CfnResource, Duration, IResource, ITaggable, Lazy, RemovalPolicy, Resource, Stack,
  TagManager, Token, aws_ec2 as ec2, aws_events as events, aws_iam as iam, aws_kms as kms, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaseModel } from './base-model';
import { CustomModelBase, ICustomModel } from './custom-model';
import { Customization, CustomizationType } from './customization';
import { OutputData, TrainingData, TrainingDataLocation, ValidationData } from './data';
import { customizationJobArns, serviceRolePath } from './private/arns';
import {
  BedrockRemovalPolicy, CustomizationTypeValue, DistillationValue, InvocationLogsValue, ModelCustomizationJobResourceProperties,
  ReinforcementFineTuningValue, ResourceTypeName,
} from './private/contract';
import { grantNetworkInterfaces, jobNetwork, JobNetwork } from './private/job-network';
import { ModelCustomizationJobProvider } from './private/job-provider';
import { JobTags, toTagList } from './private/job-tags';
import { validateJobRequest } from './private/job-validation';
import { grantModelKey, modelKeyOf } from './private/model-key';
import { completionTimeoutSeconds, toBedrockRemovalPolicy } from './private/resource-settings';
import { grantRead, grantReadPrefix, grantWrite } from './private/s3-grants';

/**
 * A model customization job.
 */
export interface IModelCustomizationJob extends IResource {
  /**
   * The ARN of the job.
   * @attribute
   */
  readonly jobArn: string;

  /**
   * An EventBridge rule for the "Model Customization Job State Change" events
   * of this job, which Bedrock sends to the default event bus whenever the
   * job's status changes.
   */
  onStateChange(id: string, options?: events.OnEventOptions): events.Rule;
}

/**
 * What every model customization job, created or referenced, has in common.
 */
export abstract class ModelCustomizationJobBase extends Resource implements IModelCustomizationJob {
  public abstract readonly jobArn: string;

  public onStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    const rule = new events.Rule(this, id, options);
    rule.addTarget(options.target);
    rule.addEventPattern({
      source: ['aws.bedrock'],
      detailType: ['Model Customization Job State Change'],
      resources: [this.jobArn],
    });
    return rule;
  }
}

/**
 * Properties of a `ModelCustomizationJob`.
 */
export interface ModelCustomizationJobProps {
  /** The model to customize. */
  readonly baseModel: BaseModel;

  /**
   * How to customize the base model.
   * @default Customization.fineTuning()
   */
  readonly customization?: Customization;

  /** The training data. */
  readonly trainingData: TrainingData;

  /**
   * Validation data sets (at most 10).
   * @default - no validation data
   */
  readonly validationData?: ValidationData[];

  /** Where the job writes its output. */
  readonly outputData: OutputData;

  /**
   * Hyperparameters, as the base model defines them (for example `epochCount`).
   * @default - the base model's defaults
   */
  readonly hyperParameters?: { [name: string]: string };

  /**
   * The name of the job.
   *
   * A job with a fixed name cannot be replaced: a change that needs a new job
   * fails unless the name changes too.
   *
   * @default - generated from the stack, the construct and the deployment, fresh for every new job
   */
  readonly jobName?: string;

  /**
   * The name of the custom model the job creates.
   *
   * A fixed name also prevents replacement, as for `jobName`.
   *
   * @default - generated like `jobName`
   */
  readonly customModelName?: string;

  /**
   * Tags of the job, in addition to the `Tags.of()` tags of this construct
   * (a key given here wins).
   *
   * A change updates the job's tags in place.
   *
   * @default - only the `Tags.of()` tags
   */
  readonly jobTags?: { [key: string]: string };

  /**
   * Tags of the custom model, in addition to the `Tags.of()` tags of this
   * construct (a key given here wins).
   *
   * Bedrock tags the model when the job completes. A later change updates the
   * model's tags in place; while the job runs there is no model yet, and a
   * change fails the update (its rollback succeeds).
   *
   * @default - only the `Tags.of()` tags
   */
  readonly customModelTags?: { [key: string]: string };

  /**
   * The VPC the job runs in: Bedrock places network interfaces in its subnets
   * to reach the data. Private subnets need a route to S3, for example a
   * gateway endpoint (`ec2.GatewayVpcEndpointAwsService.S3`).
   *
   * @default - the job runs outside your VPCs
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Which subnets of `vpc` the job uses (1 to 16). Needs `vpc`.
   *
   * @default - the VPC's private subnets (`vpc.selectSubnets()`)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the job's network interfaces (1 to 5). Needs `vpc`.
   *
   * @default - a security group created in `vpc`, with no inbound rules and all outbound traffic allowed
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The KMS key that encrypts the custom model.
   *
   * The service role and the handler role get the key actions Bedrock needs
   * (Decrypt, GenerateDataKey, DescribeKey, CreateGrant), only through
   * Bedrock (`kms:ViaService`). An imported key's policy must let IAM
   * policies of this account use it.
   *
   * @default - Bedrock encrypts the model with a key that AWS owns
   */
  readonly customModelEncryptionKey?: kms.IKey;

  /**
   * The service role Bedrock assumes to run the job.
   *
   * When you give one, it is granted read on the input data and write on the
   * output prefix like a created role; its trust policy is yours.
   *
   * @default - a role trusted by Bedrock for this account's customization jobs
   */
  readonly role?: iam.IRole;

  /**
   * What happens to the custom model the job produced when this resource is deleted.
   *
   * A job that is still running is always stopped. `SNAPSHOT` is not supported.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Wait for the job to end, for at most this long.
   *
   * When set, the resource completes only when the job has completed, and
   * exposes `outputModel` and the job's metrics; it fails with Bedrock's
   * failure message if the job fails or is stopped, and fails when the timeout
   * passes first. A failed resource is rolled back: a job that is still
   * running is then stopped. At most 55 minutes, which a deployment allows
   * a custom resource (with the margin of two status polls, every 30 seconds).
   *
   * @default - no waiting: the resource completes once Bedrock has accepted the job
   */
  readonly completionTimeout?: Duration;
}


const RESOURCE_TYPE: ResourceTypeName = 'Custom::BedrockModelCustomizationJob';

/**
 * An Amazon Bedrock model customization job.
 *
 * The resource is complete as soon as Bedrock has accepted the job.
 * Changing any property that Bedrock receives starts a new job (and stops the
 * old one if it is still running); changing tags or `removalPolicy` does not.
 *
 * `Tags.of()` tags apply to both the job and its custom model.
 *
 * @resource Custom::BedrockModelCustomizationJob
 */
export class ModelCustomizationJob extends ModelCustomizationJobBase implements ITaggable, ec2.IConnectable {
  /**
   * References an existing job by its ARN.
   */
  public static fromJobArn(scope: Construct, id: string, jobArn: string): IModelCustomizationJob {
    if (!Token.isUnresolved(jobArn)) {
      const arn = Stack.of(scope).splitArn(jobArn, ArnFormat.SLASH_RESOURCE_NAME);
      if (arn.service !== 'bedrock' || arn.resource !== 'model-customization-job' || !arn.resourceName) {
        throw new Error(`jobArn must be the ARN of a model customization job (arn:<partition>:bedrock:<region>:<account>:model-customization-job/...), got '${jobArn}'`);
      }
    }
    class Import extends ModelCustomizationJobBase {
      public readonly jobArn = jobArn;
    }
    return new Import(scope, id, { environmentFromArn: jobArn });
  }

  public readonly jobArn: string;

  /**
   * The name of the job.
   * @attribute
   */
  public readonly jobName: string;

  /**
   * The name of the custom model the job creates.
   * @attribute
   */
  public readonly customModelName: string;

  /** The service role Bedrock assumes to run the job. */
  public readonly role: iam.IRole;

  /** The `Tags.of()` tags of the job and its custom model. */
  public readonly tags: TagManager;

  private outputModelRemovalPolicy: BedrockRemovalPolicy;
  private readonly resource: CfnResource;
  private readonly completedOutputModel?: ICustomModel;
  private readonly validatorCount: number;
  private readonly network?: JobNetwork;

  constructor(scope: Construct, id: string, props: ModelCustomizationJobProps) {
    super(scope, id);
    this.outputModelRemovalPolicy = toBedrockRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN, 'a model customization job');

    const customization = props.customization ?? Customization.fineTuning();
    const training = props.trainingData.bind(new Construct(this, 'TrainingData'));
    const validation = (props.validationData ?? []).map((v, i) => v.bind(new Construct(this, `ValidationData${i}`)));
    const output = props.outputData;
    // The props' own tags are checked now; the Tags.of() ones once aspects have run.
    const jobTags = toTagList(props.jobTags);
    const customModelTags = toTagList(props.customModelTags);
    const tags = new JobTags(RESOURCE_TYPE, props.jobTags, props.customModelTags);
    this.tags = tags.manager;
    this.network = jobNetwork(this, props);
    const modelKey = props.customModelEncryptionKey && modelKeyOf(props.customModelEncryptionKey);

    this.role = props.role ?? this.createServiceRole();
    if (training.invocationLogs) {
      grantReadPrefix(this.role, training.bucket, training.key);
      grantRead(this.role, validation);
    } else {
      grantRead(this.role, [training, ...validation]);
    }
    grantWrite(this.role, output.bucket, output.prefix);
    if (this.network) grantNetworkInterfaces(this, this.role, this.network);
    if (modelKey) grantModelKey(this, modelKey, this.role);
    this.grantCustomization(customization);

    const properties: ModelCustomizationJobResourceProperties = {
      jobName: props.jobName,
      customModelName: props.customModelName,
      baseModelIdentifier: props.baseModel.modelIdentifier,
      // The factories of Customization never give IMPORTED.
      customizationType: customization.customizationType as CustomizationTypeValue,
      roleArn: this.role.roleArn,
      trainingDataS3Uri: training.invocationLogs ? undefined : s3Uri(training.bucket, training.key),
      invocationLogs: toInvocationLogs(training),
      validationDataS3Uris: validation.length ? validation.map((v) => s3Uri(v.bucket, v.key)) : undefined,
      outputDataS3Uri: s3Uri(output.bucket, output.prefix),
      hyperParameters: props.hyperParameters,
      jobTags,
      customModelTags,
      vpcConfig: this.network && { subnetIds: this.network.subnetIds, securityGroupIds: this.network.securityGroups.map((g) => g.securityGroupId) },
      customModelKmsKeyId: modelKey?.keyArn,
      distillation: toDistillation(customization),
      reinforcementFineTuning: toReinforcementFineTuning(customization),
      removalPolicy: Lazy.string({ produce: () => this.outputModelRemovalPolicy }) as BedrockRemovalPolicy,
      completionTimeoutSeconds: props.completionTimeout && completionTimeoutSeconds(props.completionTimeout),
    };
    validateJobRequest(properties, { training, validation, output });

    const provider = ModelCustomizationJobProvider.of(this);
    provider.allowJob(props.baseModel.modelArn(this), props.role);
    if (modelKey) provider.allowModelKey(modelKey);
    // Tags.of() tags are known once the tag aspects (mutating, or default priority) have run.
    Aspects.of(this).add({ visit: (node) => { if (node === this && tags.any()) provider.allowTagging(); } }, { priority: AspectPriority.READONLY });
    // The handler checks a foundation base model before the create, except for RFT, which the model's list cannot name.
    if (props.baseModel.isFoundationModel && customization.customizationType !== CustomizationType.REINFORCEMENT_FINE_TUNING) {
      provider.allowBaseModelCheck(props.baseModel.modelArn(this));
    }

    const resource = new JobCfnResource(this, 'Resource', {
      type: RESOURCE_TYPE,
      // The tags of the template: the props' tags with those of Tags.of().
      properties: { ServiceToken: provider.serviceToken, ...properties, jobTags: tags.renderJob(), customModelTags: tags.renderModel() },
    }, (policy) => this.applyRemovalPolicy(policy));
    // The job must see its role's policies, and the handler its PassRole grant; in a VPC, its subnets' routes.
    resource.node.addDependency(this.role, provider);
    if (this.network) resource.node.addDependency(this.network.internetConnectivityEstablished);
    this.node.addValidation({ validate: () => tags.validate() });

    this.node.addValidation({
      validate: () => resource.alwaysDeleted() ? [] : [
        `The DeletionPolicy and UpdateReplacePolicy of ${resource.node.path} must stay Delete, so that deleting ` +
        'or replacing it stops a running job; use removalPolicy (or applyRemovalPolicy) to keep or delete the custom model instead',
      ],
    });

    this.resource = resource;
    this.validatorCount = validation.length;
    this.jobArn = resource.getAtt('JobArn').toString();
    this.jobName = resource.getAtt('JobName').toString();
    this.customModelName = resource.getAtt('CustomModelName').toString();
    if (props.completionTimeout) {
      this.completedOutputModel = new JobOutputModel(this, 'OutputModel', {
        modelArn: resource.getAtt('OutputModelArn').toString(),
        customModelName: this.customModelName,
        customizationType: customization.customizationType,
        encryptionKey: modelKey,
      });
    }
  }

  /**
   * The custom model the job produced.
   *
   * Only for a job that is waited for (`completionTimeout`): without waiting,
   * the resource completes before the model exists.
   */
  public get outputModel(): ICustomModel {
    if (!this.completedOutputModel) throw new Error(this.notWaitedFor('outputModel'));
    return this.completedOutputModel;
  }

  /**
   * The job's training loss, as Bedrock reports it (an empty string when it
   * reports none). Only for a job that is waited for (`completionTimeout`).
   */
  public get trainingLoss(): string {
    if (!this.completedOutputModel) throw new Error(this.notWaitedFor('trainingLoss'));
    return this.resource.getAtt('TrainingLoss').toString();
  }

  /**
   * The validation loss of the validation data set at `validatorIndex` (in
   * the order of `validationData`), as Bedrock reports it (an empty string
   * when it reports none). Only for a job that is waited for (`completionTimeout`).
   */
  public validationLoss(validatorIndex: number): string {
    if (!this.completedOutputModel) throw new Error(this.notWaitedFor('validationLoss()'));
    if (!Number.isInteger(validatorIndex) || validatorIndex < 0 || validatorIndex >= this.validatorCount) {
      throw new Error(`validationLoss(${validatorIndex}): the job has ${this.validatorCount} validation data sets`);
    }
    return this.resource.getAtt(`ValidationLoss${validatorIndex}`).toString();
  }

  private notWaitedFor(member: string): string {
    return `${this.node.path}: ${member} is known only once the job has completed, and this resource does not wait for it. `
      + 'Set completionTimeout to wait (up to 55 minutes), or reference the model later with its name (customModelName).';
  }

  /**
   * The security groups of the job's network interfaces.
   *
   * Only for a job in a VPC (`vpc`).
   */
  public get connections(): ec2.Connections {
    if (!this.network) throw new Error(`${this.node.path} runs outside any VPC: set vpc to give it security groups`);
    return this.network.connections;
  }

  /**
   * Sets what happens to the custom model the job produced when this resource is deleted.
   *
   * The custom resource itself always keeps `DeletionPolicy: Delete`, so that a
   * running job is always stopped. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.outputModelRemovalPolicy = toBedrockRemovalPolicy(policy, 'a model customization job');
  }

  /** What Bedrock calls on the job's behalf: the teacher model, the grader. */
  private grantCustomization(customization: Customization): void {
    const teacher = customization.distillationOptions?.teacherModel;
    if (teacher) {
      // https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-job-access-security.html (teacher behind an inference profile)
      iam.Grant.addToPrincipal({ grantee: this.role, actions: ['bedrock:InvokeModel'], resourceArns: teacher.invokeArns(this) });
    }
    const grader = customization.reinforcementFineTuningOptions?.grader;
    if (grader) {
      // https://docs.aws.amazon.com/bedrock/latest/userguide/rft-access-security.html: the service role invokes the reward function.
      iam.Grant.addToPrincipal({ grantee: this.role, actions: ['lambda:InvokeFunction'], resourceArns: [grader.functionArn] });
    }
  }

  private createServiceRole(): iam.Role {
    return new iam.Role(this, 'ServiceRole', {
      description: 'Assumed by Amazon Bedrock to run a model customization job',
      // The handler may pass every role under this path (and only those it is given otherwise).
      path: serviceRolePath(this),
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        // Confused-deputy guard: only this account's customization jobs may assume the role.
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: {
            'aws:SourceArn': customizationJobArns(this),
          },
        },
      }),
    });
  }
}

/**
 * The job's CloudFormation resource; a removal policy applied to it (for example
 * by `RemovalPolicies.of(scope)`) goes to the job's custom model, not to the resource.
 */
class JobCfnResource extends CfnResource {
  constructor(
    scope: Construct,
    id: string,
    props: { type: string; properties: { [key: string]: unknown } },
    private readonly onRemovalPolicy: (policy: RemovalPolicy) => void,
  ) {
    super(scope, id, props);
    this.cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE;
    this.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
  }

  /** Whether CloudFormation sends Delete both on deletion and after a replacement. */
  public alwaysDeleted(): boolean {
    return this.cfnOptions.deletionPolicy === CfnDeletionPolicy.DELETE
      && this.cfnOptions.updateReplacePolicy === CfnDeletionPolicy.DELETE;
  }

  public applyRemovalPolicy(policy?: RemovalPolicy): void {
    this.onRemovalPolicy(policy ?? RemovalPolicy.RETAIN);
  }
}

/** The output model of a job that was waited for. */
class JobOutputModel extends CustomModelBase {
  public readonly modelArn: string;
  public readonly customModelName: string;
  public readonly customizationType: CustomizationType;
  public readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, attributes: {
    modelArn: string; customModelName: string; customizationType: CustomizationType; encryptionKey?: kms.IKey;
  }) {
    super(scope, id);
    this.modelArn = attributes.modelArn;
    this.customModelName = attributes.customModelName;
    this.customizationType = attributes.customizationType;
    this.encryptionKey = attributes.encryptionKey;
  }
}


function toInvocationLogs(training: TrainingDataLocation): InvocationLogsValue | undefined {
  const logs = training.invocationLogs;
  if (!logs) return undefined;
  return {
    s3Uri: s3Uri(training.bucket, training.key),
    usePromptResponse: logs.usePromptResponse,
    requestMetadataFilters: logs.filter?._render(),
  };
}

function toDistillation(customization: Customization): DistillationValue | undefined {
  const options = customization.distillationOptions;
  return options && {
    teacherModelIdentifier: options.teacherModel.modelIdentifier,
    maxResponseLengthForInference: options.maxResponseLength,
  };
}

function toReinforcementFineTuning(customization: Customization): ReinforcementFineTuningValue | undefined {
  const options = customization.reinforcementFineTuningOptions;
  return options && {
    graderLambdaArn: options.grader.functionArn,
    hyperParameters: options.hyperParameters && { ...options.hyperParameters },
  };
}

function s3Uri(bucket: s3.IBucket, key: string): string {
  return `s3://${bucket.bucketName}/${key}`;
}
