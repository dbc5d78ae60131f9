import {
  Duration, IResource, ITaggable, RemovalPolicy, Resource, TagManager, aws_bedrock as bedrock, aws_iam as iam,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CustomModelDeploymentResourceProperties } from '../contract/kinds/deployment';
import { ICustomModel } from '../custom-model/custom-model';
import { BedrockResource, bedrockRemovalPolicy } from '../private/bedrock-resource';
import { completionTimeoutSeconds, MAX_COMPLETION_TIMEOUT } from '../private/completion-timeout';
import { checkBedrockArn, grantInvokeEndpoint } from '../private/endpoints';
import { checkProps } from '../private/prop-check';
import { BedrockProvider } from '../private/provider-base';
import { ResourceTags } from '../private/resource-tags';
import { throwIfInvalid } from '../private/synth-errors';

/**
 * An on-demand deployment of a custom model: what applications invoke.
 */
export interface ICustomModelDeployment extends IResource, bedrock.IModel {
  // modelArn comes from aws_bedrock.IModel: the deployment's ARN, the modelId of InvokeModel and Converse.

  /**
   * The ARN of the deployment (the same as `modelArn`).
   * @attribute
   */
  readonly deploymentArn: string;

  /**
   * Lets `grantee` invoke the deployment: `bedrock:InvokeModel` and
   * `bedrock:InvokeModelWithResponseStream` (Converse and ConverseStream are
   * authorized as these) on the deployment's ARN.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;
}

/**
 * What every custom model deployment, created or referenced, has in common.
 */
export abstract class CustomModelDeploymentBase extends Resource implements ICustomModelDeployment {
  public abstract readonly deploymentArn: string;

  public get modelArn(): string {
    return this.deploymentArn;
  }

  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return grantInvokeEndpoint(this, grantee, this.deploymentArn);
  }
}

/**
 * Properties of a `CustomModelDeployment`.
 */
export interface CustomModelDeploymentProps {
  /**
   * The custom model to serve: a waited job's `outputModel`, an imported,
   * referenced or looked-up model. Another model later updates the
   * deployment in place (UpdateCustomModelDeployment): its ARN, what
   * applications invoke, stays the same when the model is retrained.
   *
   * Bedrock deploys on demand the models that the user guide's page "Deploy
   * a custom model for on-demand inference" lists: custom models of Amazon
   * Nova Micro, Lite and Pro customized on or after 2025-07-16, in the
   * Regions it names; it refuses others at deploy time, and the deployment
   * fails with its reason. For an imported model (`NovaModelImport`) the
   * sources disagree: the CreateCustomModel API reference says Provisioned
   * Throughput only ("You can't use On-demand inference with these custom
   * models"), while that page lists SageMaker AI-trained Nova imports; the
   * construct sends it, and Bedrock decides.
   */
  readonly model: ICustomModel;

  /**
   * The name of the deployment.
   *
   * 1 to 63 characters matching `^([0-9a-zA-Z][_-]?){1,63}$`
   * ([CreateCustomModelDeployment](https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModelDeployment.html)).
   * A change (or one of `description`) makes a new deployment, with a new
   * ARN; a deployment with a fixed name cannot be replaced unless the name
   * changes too.
   *
   * @default - generated from the stack, the construct and the deployment, fresh for every new deployment
   */
  readonly deploymentName?: string;

  /**
   * A description of the deployment.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * Tags of the deployment, in addition to the `Tags.of()` tags of this
   * construct (a key given here wins). A change updates them in place.
   *
   * The construct also tags the deployment with `cdk-bedrock-customization:stack`
   * (the stack name) and `cdk-bedrock-customization:construct-path` (this
   * construct's path, characters Bedrock refuses in a tag value replaced by
   * `_`, shortened with a hash beyond 256 characters), by which the command
   * line finds what a stack made. Those keys are reserved here and in
   * `Tags.of()`, and the two tags count toward Bedrock's 50 per resource:
   * 48 are left for yours.
   *
   * @default - only the `Tags.of()` tags (and the construct's two)
   */
  readonly tags?: { [key: string]: string };

  /**
   * What happens to the deployment when this resource is deleted. A
   * deployment holds no data and costs nothing while it serves no requests
   * (on-demand pricing), so it goes with the stack by default.
   * `SNAPSHOT` is not supported.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long to wait for the deployment, or its update to another model, to
   * be Active: the resource fails when it is not by then. At most 55
   * minutes, which a deployment allows a custom resource.
   *
   * @default Duration.minutes(55)
   */
  readonly completionTimeout?: Duration;
}

/**
 * A custom model deployed for on-demand inference
 * (CreateCustomModelDeployment). The resource completes when the deployment
 * is Active; its `modelArn` (the deployment's ARN) is the `modelId` of
 * InvokeModel and Converse.
 *
 * @resource Custom::BedrockCustomModelDeployment
 */
export class CustomModelDeployment extends CustomModelDeploymentBase implements ITaggable {
  /**
   * References an existing deployment by its ARN.
   */
  public static fromDeploymentArn(scope: Construct, id: string, deploymentArn: string): ICustomModelDeployment {
    checkBedrockArn(scope, 'CustomModelDeployment.fromDeploymentArn', 'deploymentArn', deploymentArn, 'custom-model-deployment', 'a custom model deployment');
    class Import extends CustomModelDeploymentBase {
      public readonly deploymentArn = deploymentArn;
    }
    return new Import(scope, id, { environmentFromArn: deploymentArn });
  }

  public readonly deploymentArn: string;

  /**
   * The name of the deployment.
   * @attribute
   */
  public readonly deploymentName: string;

  /** The model the deployment serves. */
  public readonly model: ICustomModel;

  /** The `Tags.of()` tags of the deployment. */
  public readonly tags: TagManager;

  private readonly resource: BedrockResource;

  constructor(scope: Construct, id: string, props: CustomModelDeploymentProps) {
    super(scope, id);
    const removalPolicy = bedrockRemovalPolicy(this, props.removalPolicy ?? RemovalPolicy.DESTROY);
    this.model = props.model;
    const tags = new ResourceTags(this, 'deployment', [
      { what: 'custom model deployment', prop: 'tags', tags: props.tags },
    ]);
    this.tags = tags.manager;

    const properties: Omit<CustomModelDeploymentResourceProperties, 'removalPolicy'> = {
      modelDeploymentName: props.deploymentName,
      modelArn: props.model.modelArn,
      description: props.description,
      tags: tags.own('tags'),
      completionTimeoutSeconds: completionTimeoutSeconds(this, props.completionTimeout ?? MAX_COMPLETION_TIMEOUT),
    };
    throwIfInvalid(this, [...checkProps('deployment', properties), ...tags.propErrors()]);

    const provider = BedrockProvider.of(this, 'deployment');
    // Serving a model that a key of this app encrypts takes that key (https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html).
    if (props.model.encryptionKey) provider.allowModelKey(props.model.encryptionKey);

    this.resource = new BedrockResource(this, 'Resource', {
      kind: 'deployment',
      serviceToken: provider.serviceToken,
      properties,
      tags,
      removalPolicy,
      removes: 'the deployment',
    });
    this.resource.node.addDependency(provider);

    this.deploymentArn = this.resource.getAtt('DeploymentArn').toString();
    this.deploymentName = this.resource.getAtt('DeploymentName').toString();
  }

  /**
   * Lets `grantee` invoke the deployment; when the model has an
   * `encryptionKey`, also the key actions Bedrock needs to use the model on
   * the grantee's behalf (through Bedrock only).
   */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return grantInvokeEndpoint(this, grantee, this.deploymentArn, this.model.encryptionKey);
  }

  /**
   * Sets what happens to the deployment when this resource is deleted. The
   * custom resource itself keeps `DeletionPolicy: Delete`. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.resource.applyRemovalPolicy(policy);
  }
}
