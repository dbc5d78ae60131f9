import {
  CfnDeletionPolicy, CfnResource, IResource, Lazy, RemovalPolicy, Resource, Stack,
  aws_iam as iam, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BaseModel } from './base-model';
import { Customization, CustomizationType } from './customization';
import { OutputData, TrainingData, TrainingDataLocation, ValidationData } from './data';
import { customizationJobArns } from './private/arns';
import {
  BedrockRemovalPolicy, CustomizationTypeValue, DistillationValue, InvocationLogsValue, ModelCustomizationJobResourceProperties,
  ReinforcementFineTuningValue, ResourceTag, ResourceTypeName,
} from './private/contract';
import { ModelCustomizationJobProvider } from './private/job-provider';
import { validateJobRequest } from './private/job-validation';
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
   * The name of the job.
   * @attribute
   */
  readonly jobName: string;
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
   * Tags of the job, sent when it is created.
   * @default - no tags
   */
  readonly jobTags?: { [key: string]: string };

  /**
   * Tags of the custom model, sent when the job is created.
   * @default - no tags
   */
  readonly customModelTags?: { [key: string]: string };

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
}

const RESOURCE_TYPE: ResourceTypeName = 'Custom::BedrockModelCustomizationJob';

/**
 * An Amazon Bedrock model customization job.
 *
 * The resource is complete as soon as Bedrock has accepted the job.
 * Changing any property that Bedrock receives starts a new job (and stops the
 * old one if it is still running); changing `removalPolicy` does not.
 *
 * @resource Custom::BedrockModelCustomizationJob
 */
export class ModelCustomizationJob extends Resource implements IModelCustomizationJob {
  public readonly jobArn: string;
  public readonly jobName: string;

  /**
   * The name of the custom model the job creates.
   * @attribute
   */
  public readonly customModelName: string;

  /** The service role Bedrock assumes to run the job. */
  public readonly role: iam.IRole;

  private outputModelRemovalPolicy: BedrockRemovalPolicy;

  constructor(scope: Construct, id: string, props: ModelCustomizationJobProps) {
    super(scope, id);
    this.outputModelRemovalPolicy = toBedrockRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);

    const customization = props.customization ?? Customization.fineTuning();
    const training = props.trainingData.bind(new Construct(this, 'TrainingData'));
    const validation = (props.validationData ?? []).map((v, i) => v.bind(new Construct(this, `ValidationData${i}`)));
    const output = props.outputData;
    const jobTags = toTagList(props.jobTags);
    const customModelTags = toTagList(props.customModelTags);

    this.role = props.role ?? this.createServiceRole();
    if (training.invocationLogs) {
      grantReadPrefix(this.role, training.bucket, training.key);
      grantRead(this.role, validation);
    } else {
      grantRead(this.role, [training, ...validation]);
    }
    grantWrite(this.role, output.bucket, output.prefix);
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
      distillation: toDistillation(customization),
      reinforcementFineTuning: toReinforcementFineTuning(customization),
      removalPolicy: Lazy.string({ produce: () => this.outputModelRemovalPolicy }) as BedrockRemovalPolicy,
    };
    validateJobRequest(properties, { training, validation, output });

    const provider = ModelCustomizationJobProvider.of(this);
    provider.allowJob(props.baseModel.modelArn(this), this.role, !!(jobTags || customModelTags));
    // The handler checks a foundation base model before the create, except for RFT, which the model's list cannot name.
    if (props.baseModel.isFoundationModel && customization.customizationType !== CustomizationType.REINFORCEMENT_FINE_TUNING) {
      provider.allowBaseModelCheck(props.baseModel.modelArn(this));
    }

    const resource = new JobCfnResource(this, 'Resource', {
      type: RESOURCE_TYPE,
      properties: { ServiceToken: provider.serviceToken, ...properties },
    }, (policy) => this.applyRemovalPolicy(policy));
    // The job must see its role's policies, and the handler its PassRole grant.
    resource.node.addDependency(this.role, provider);

    this.node.addValidation({
      validate: () => resource.alwaysDeleted() ? [] : [
        `The DeletionPolicy and UpdateReplacePolicy of ${resource.node.path} must stay Delete, so that deleting ` +
        'or replacing it stops a running job; use removalPolicy (or applyRemovalPolicy) to keep or delete the custom model instead',
      ],
    });

    this.jobArn = resource.getAtt('JobArn').toString();
    this.jobName = resource.getAtt('JobName').toString();
    this.customModelName = resource.getAtt('CustomModelName').toString();
  }

  /**
   * Sets what happens to the custom model the job produced when this resource is deleted.
   *
   * The custom resource itself always keeps `DeletionPolicy: Delete`, so that a
   * running job is always stopped. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.outputModelRemovalPolicy = toBedrockRemovalPolicy(policy);
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

function toBedrockRemovalPolicy(policy: RemovalPolicy): BedrockRemovalPolicy {
  switch (policy) {
    case RemovalPolicy.DESTROY:
      return 'destroy';
    case RemovalPolicy.RETAIN:
    case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
      return 'retain';
    default:
      throw new Error(`removalPolicy: ${policy} is not supported for a model customization job; use RETAIN or DESTROY`);
  }
}

function toTagList(tags?: { [key: string]: string }): ResourceTag[] | undefined {
  if (!tags || Object.keys(tags).length === 0) return undefined;
  return Object.keys(tags).sort().map((key) => ({ key, value: tags[key] }));
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
