import { ArnFormat, CfnResource, ITaggable, RemovalPolicy, Stack, TagManager, Token, aws_ec2 as ec2, aws_events as events, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CompletedModel } from './completed-model';
import { Customization, CustomizationType } from './customization';
import { warnHyperParameters } from './hyperparameter-check';
import { s3Uri, toDistillation, toInvocationLogs, toReinforcementFineTuning } from './job-properties';
import { createJobServiceRole, grantCustomization, grantJobData } from './job-service-role';
import { validateJobRequest } from './job-validation';
import { IModelCustomizationJob, ModelCustomizationJobBase } from './model-customization-job-base';
import { ModelCustomizationJobProps } from './model-customization-job-props';
import { CustomizationTypeValue, ModelCustomizationJobResourceProperties } from '../contract/kinds/job';
import { ICustomModel } from '../custom-model/custom-model';
import { serviceRoleArns } from '../private/arns';
import { BedrockResource, bedrockRemovalPolicy } from '../private/bedrock-resource';
import { jobWait, MAX_JOB_COMPLETION_TIMEOUT } from '../private/completion-timeout';
import { ConditionWait } from '../private/condition-wait';
import { grantNetworkInterfaces, jobNetwork, JobNetwork, NETWORKED_JOBS } from '../private/job-network';
import { grantModelKey, modelKeyOf } from '../private/model-key';
import { BedrockProvider } from '../private/provider-base';
import { ResourceTags } from '../private/resource-tags';
import { propError, throwIfInvalid } from '../private/synth-errors';

/**
 * An Amazon Bedrock model customization job.
 *
 * The resource is complete as soon as Bedrock has accepted the job, unless
 * `completionTimeout` makes the deployment wait for the job to end (up to 12 hours).
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
    class Import extends ModelCustomizationJobBase {
      public readonly jobArn = jobArn;
    }
    const job = new Import(scope, id, { environmentFromArn: jobArn });
    if (!Token.isUnresolved(jobArn)) {
      const arn = Stack.of(scope).splitArn(jobArn, ArnFormat.SLASH_RESOURCE_NAME);
      if (arn.service !== 'bedrock' || arn.resource !== 'model-customization-job' || !arn.resourceName) {
        throw propError(job, `jobArn must be the ARN of a model customization job (got '${jobArn}')`,
          'Give arn:<partition>:bedrock:<region>:<account>:model-customization-job/<base model>/<id>, as Bedrock reports it');
      }
    }
    return job;
  }

  /**
   * The ARN of the job.
   *
   * A job may first wait for a free Bedrock slot, and has an ARN only once it
   * has started. With a wait condition (`completionTimeout` above 55 minutes)
   * the ARN comes from the job result, known once the job has ended;
   * otherwise from the job's resource, which completes once the job has
   * started. Use `jobName`, known at once, to name the job earlier.
   * @attribute
   */
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

  private readonly resource: BedrockResource;
  /** The resource whose attributes are the completed job's: the job's own (polled), or the result after a wait condition. */
  private readonly completion?: CfnResource;
  private readonly completedOutputModel?: ICustomModel;
  private readonly validatorCount: number;
  private readonly network?: JobNetwork;

  constructor(scope: Construct, id: string, props: ModelCustomizationJobProps) {
    super(scope, id);
    const removalPolicy = bedrockRemovalPolicy(this, props.removalPolicy);

    const customization = props.customization ?? Customization.fineTuning();
    const training = props.trainingData.bind(new Construct(this, 'TrainingData'));
    const validation = (props.validationData ?? []).map((v, i) => v.bind(new Construct(this, `ValidationData${i}`)));
    const output = props.outputData;
    const tags = new ResourceTags(this, 'job', [
      { what: 'job', prop: 'jobTags', tags: props.jobTags },
      { what: 'custom model', prop: 'customModelTags', tags: props.customModelTags },
    ]);
    this.tags = tags.manager;
    this.network = jobNetwork(this, props, NETWORKED_JOBS.customization);
    const modelKey = props.customModelEncryptionKey && modelKeyOf(this, props.customModelEncryptionKey, 'customModelEncryptionKey');

    this.role = props.role ?? createJobServiceRole(this);
    grantJobData(this.role, training, validation, output);
    if (this.network) grantNetworkInterfaces(this, this.role, this.network, NETWORKED_JOBS.customization);
    if (modelKey) grantModelKey(this, modelKey, this.role);
    grantCustomization(this, this.role, customization);

    const wait = props.completionTimeout && jobWait(this, props.completionTimeout);
    const properties: Omit<ModelCustomizationJobResourceProperties, 'removalPolicy'> = {
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
      jobTags: tags.own('jobTags'),
      customModelTags: tags.own('customModelTags'),
      vpcConfig: this.network && { subnetIds: this.network.subnetIds, securityGroupIds: this.network.securityGroups.map((g) => g.securityGroupId) },
      customModelKmsKeyId: modelKey?.keyArn,
      distillation: toDistillation(customization),
      reinforcementFineTuning: toReinforcementFineTuning(customization),
      completionTimeoutSeconds: wait?.tier === 'polled' ? wait.seconds : undefined,
    };
    // What defines the job (a new one, a new wait condition): neither tags nor the library's settings.
    const { jobTags: _jobTags, customModelTags: _modelTags, completionTimeoutSeconds: _timeout, ...defining } = properties;
    // The wait's handle comes first: the job resource registers it in the stack's slot queue.
    const conditionWait = wait?.tier === 'condition'
      ? new ConditionWait(this, 'Completion', { kind: 'job', defining, timeoutSeconds: wait.seconds, after: props.baseModel._dependables })
      : undefined;
    throwIfInvalid(this, [...validateJobRequest(properties, { training, validation, output }), ...tags.propErrors()]);
    warnHyperParameters(this, props.baseModel, customization.customizationType, props.hyperParameters);

    const provider = BedrockProvider.of(this, 'job');
    // Every job extends the same statements, so the handler's policy grows with distinct base models and given roles
    // only, never per job: one statement per job outgrows IAM's 10,240 characters for a role's inline policies at
    // about 60 jobs. One wildcard ARN passes every role the stack's jobs create (serviceRoleArns).
    provider.grantOnUse('create', props.baseModel.modelArn(this));
    provider.allowPassRole(props.role ?? serviceRoleArns(this));
    if (modelKey) provider.allowModelKey(modelKey);
    // The handler checks a foundation base model before the create, except for RFT, which the model's list cannot name.
    if (props.baseModel.isFoundationModel && customization.customizationType !== CustomizationType.REINFORCEMENT_FINE_TUNING) {
      provider.grantOnUse('baseModelCheck', props.baseModel.modelArn(this));
    }

    this.resource = new BedrockResource(this, 'Resource', {
      kind: 'job',
      serviceToken: provider.serviceToken,
      properties: { ...properties, ...conditionWait?.properties },
      tags,
      removalPolicy,
      removes: 'the custom model',
      deletedSo: 'deleting or replacing it stops a running job',
    });
    // The job must see its role's policies, and the handler its PassRole grant; in a VPC, its subnets' routes.
    this.resource.node.addDependency(this.role, provider);
    if (this.network) this.resource.node.addDependency(this.network.internetConnectivityEstablished);

    this.validatorCount = validation.length;
    this.jobName = this.resource.getAtt('JobName').toString();
    this.customModelName = this.resource.getAtt('CustomModelName').toString();
    if (conditionWait) {
      this.completion = conditionWait.waitFor(this.resource, this.jobName, { customModelTags: tags.render('customModelTags') });
    } else if (wait) {
      this.completion = this.resource;
    }
    // A job a wait condition waits for may have waited for a slot: its ARN is known once the condition ends, from the result.
    this.jobArn = (conditionWait ? this.completion! : this.resource).getAtt('JobArn').toString();
    if (this.completion) {
      this.completedOutputModel = new CompletedModel(this, 'OutputModel', {
        modelArn: this.completion.getAtt('OutputModelArn').toString(),
        customModelName: this.customModelName,
        customizationType: customization.customizationType,
        encryptionKey: modelKey,
        completion: this.completion,
      });
    }
  }

  /**
   * A job of this app is matched by its name, which is known as soon as its
   * resource is (its ARN may not be: the job may first wait for a free Bedrock slot).
   */
  protected stateChangeMatch(): events.EventPattern {
    return { detail: { jobName: [this.jobName] } };
  }

  /**
   * The custom model the job produced.
   *
   * Only for a job that is waited for (`completionTimeout`): without waiting,
   * the resource completes before the model exists.
   */
  public get outputModel(): ICustomModel {
    if (!this.completedOutputModel) throw this.notWaitedFor('outputModel');
    return this.completedOutputModel;
  }

  /**
   * The job's training loss, as Bedrock reports it (an empty string when it
   * reports none). Only for a job that is waited for (`completionTimeout`).
   */
  public get trainingLoss(): string {
    if (!this.completion) throw this.notWaitedFor('trainingLoss');
    return this.completion.getAtt('TrainingLoss').toString();
  }

  /**
   * The validation loss of the validation data set at `validatorIndex` (in
   * the order of `validationData`), as Bedrock reports it (an empty string
   * when it reports none). Only for a job that is waited for (`completionTimeout`).
   */
  public validationLoss(validatorIndex: number): string {
    if (!this.completion) throw this.notWaitedFor('validationLoss()');
    if (!Number.isInteger(validatorIndex) || validatorIndex < 0 || validatorIndex >= this.validatorCount) {
      throw propError(this, `validationLoss(${validatorIndex}): the job has ${this.validatorCount} validation data sets`,
        `Give an index from 0 to ${this.validatorCount - 1}, in the order of validationData`);
    }
    return this.completion.getAtt(`ValidationLoss${validatorIndex}`).toString();
  }

  /**
   * The security groups of the job's network interfaces.
   *
   * Only for a job in a VPC (`vpc`).
   */
  public get connections(): ec2.Connections {
    if (!this.network) throw propError(this, 'connections: the job runs outside any VPC', 'Set vpc to give it security groups');
    return this.network.connections;
  }

  /**
   * Sets what happens to the custom model the job produced when this resource is deleted.
   *
   * The custom resource itself always keeps `DeletionPolicy: Delete`, so that a
   * running job is always stopped. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.resource.applyRemovalPolicy(policy);
  }

  private notWaitedFor(member: string): Error {
    return propError(this, `${member} is known only once the job has completed, and this resource does not wait for it`,
      `Set completionTimeout to wait (up to ${MAX_JOB_COMPLETION_TIMEOUT.toHumanString()}), or reference the model later by its name (customModelName)`);
  }
}
