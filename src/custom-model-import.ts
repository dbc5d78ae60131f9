import {
  AspectPriority, Aspects, CfnDeletionPolicy, CfnResource, Duration, ITaggable, Lazy, RemovalPolicy, Stack, TagManager, TagType,
  aws_iam as iam, aws_kms as kms,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CustomModelBase } from './custom-model';
import { CustomizationType } from './customization';
import { ModelSource } from './model-source';
import { customModelArns, modelImportJobArns } from './private/arns';
import { BedrockRemovalPolicy, CustomModelImportResourceProperties, ResourceTypeName } from './private/contract';
import { CustomModelImportProvider } from './private/import-provider';
import { validateImportRequest, validateImportTags } from './private/import-validation';
import { toTagList } from './private/job-tags';
import { grantModelKey, modelKeyOf } from './private/model-key';
import { completionTimeoutSeconds, MAX_COMPLETION_TIMEOUT, toBedrockRemovalPolicy } from './private/resource-settings';
import { grantReadPrefix } from './private/s3-grants';

/**
 * Properties of a `CustomModelImport`.
 */
export interface CustomModelImportProps {
  /** The model artifacts SageMaker AI wrote. */
  readonly modelSource: ModelSource;

  /**
   * The name of the custom model.
   *
   * A model with a fixed name cannot be replaced: a change that needs a new
   * model fails unless the name changes too.
   *
   * @default - generated from the stack, the construct and the deployment, fresh for every new model
   */
  readonly modelName?: string;

  /**
   * The KMS key that encrypts the model (a key, not an alias: Bedrock takes key ARNs only).
   *
   * @default - Bedrock encrypts the model with a key that AWS manages
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The service role Bedrock assumes to read the model artifacts.
   *
   * A given role is granted read on the model source and the key's actions
   * like a created one; its trust policy is yours.
   *
   * @default - a role trusted by Bedrock for this account's custom models
   */
  readonly role?: iam.IRole;

  /**
   * Tags of the model, in addition to the `Tags.of()` tags of this construct
   * (a key given here wins). A change updates the tags in place.
   *
   * @default - only the `Tags.of()` tags
   */
  readonly modelTags?: { [key: string]: string };

  /**
   * What happens to the model when this resource is deleted. A model whose
   * import failed is always deleted. `SNAPSHOT` is not supported.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long to wait for the model to become Active: the resource fails
   * when it has not by then. At most 55 minutes, which a deployment allows a
   * custom resource (with the margin of two status polls, every 30 seconds).
   *
   * @default Duration.minutes(55)
   */
  readonly completionTimeout?: Duration;
}

const RESOURCE_TYPE: ResourceTypeName = 'Custom::BedrockCustomModelImport';

/**
 * A SageMaker AI-trained Amazon Nova model imported into Amazon Bedrock
 * (CreateCustomModel). The resource completes when the model is Active.
 *
 * Changing `modelSource`, `modelName`, `encryptionKey` or `role` imports a
 * new model; tags, `removalPolicy` and `completionTimeout` change in place.
 *
 * @resource Custom::BedrockCustomModelImport
 */
export class CustomModelImport extends CustomModelBase implements ITaggable {
  public readonly modelArn: string;
  public readonly customModelName: string;
  public readonly customizationType?: CustomizationType = CustomizationType.IMPORTED;
  public readonly encryptionKey?: kms.IKey;

  /** The service role Bedrock assumes to read the model artifacts. */
  public readonly role: iam.IRole;

  /** The `Tags.of()` tags of the model. */
  public readonly tags: TagManager;

  private removalPolicy: BedrockRemovalPolicy;

  constructor(scope: Construct, id: string, props: CustomModelImportProps) {
    super(scope, id);
    this.removalPolicy = toBedrockRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN, 'a custom model import');
    const source = props.modelSource.bind(this);
    this.encryptionKey = props.encryptionKey && modelKeyOf(props.encryptionKey, 'encryptionKey');
    this.tags = new TagManager(TagType.MAP, RESOURCE_TYPE);
    const allTags = () => ({ ...this.tags.tagValues(), ...props.modelTags });

    this.role = props.role ?? this.createServiceRole();
    grantReadPrefix(this.role, source.bucket, source.prefix);
    if (this.encryptionKey) grantModelKey(this, this.encryptionKey, this.role);

    const properties: CustomModelImportResourceProperties = {
      modelName: props.modelName,
      modelSourceS3Uri: source.s3Uri,
      roleArn: this.role.roleArn,
      modelKmsKeyArn: this.encryptionKey?.keyArn,
      modelTags: toTagList(props.modelTags),
      removalPolicy: Lazy.string({ produce: () => this.removalPolicy }) as BedrockRemovalPolicy,
      completionTimeoutSeconds: completionTimeoutSeconds(props.completionTimeout ?? MAX_COMPLETION_TIMEOUT),
    };
    validateImportRequest(properties);

    const provider = CustomModelImportProvider.of(this);
    provider.allowRole(this.role);
    if (this.encryptionKey) provider.allowModelKey(this.encryptionKey);
    // Tags.of() tags are known once the tag aspects have run.
    Aspects.of(this).add({
      visit: (node) => { if (node === this && toTagList(allTags())) provider.allowTagging(); },
    }, { priority: AspectPriority.READONLY });

    const resource = new ImportCfnResource(this, 'Resource', {
      type: RESOURCE_TYPE,
      properties: { ServiceToken: provider.serviceToken, ...properties, modelTags: Lazy.any({ produce: () => toTagList(allTags()) }) },
    }, (policy) => this.applyRemovalPolicy(policy));
    // Bedrock must see the role's policies, and the handler its PassRole grant.
    resource.node.addDependency(this.role, provider);
    this.node.addValidation({ validate: () => validateImportTags(this.tags.tagValues(), Object.keys(allTags()).length) });
    this.node.addValidation({
      validate: () => [resource.cfnOptions.deletionPolicy, resource.cfnOptions.updateReplacePolicy]
        .every((p) => p === CfnDeletionPolicy.DELETE) ? [] : [
          `The DeletionPolicy and UpdateReplacePolicy of ${resource.node.path} must stay Delete; `
        + 'use removalPolicy (or applyRemovalPolicy) to keep or delete the custom model instead',
        ],
    });

    this.modelArn = resource.getAtt('ModelArn').toString();
    this.customModelName = resource.getAtt('ModelName').toString();
  }

  /**
   * Sets what happens to the model when this resource is deleted. The custom
   * resource itself keeps `DeletionPolicy: Delete`. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.removalPolicy = toBedrockRemovalPolicy(policy, 'a custom model import');
  }

  private createServiceRole(): iam.Role {
    return new iam.Role(this, 'ServiceRole', {
      description: 'Assumed by Amazon Bedrock to import a custom model',
      assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com', {
        // Confused-deputy guard: only Bedrock acting for this account's model imports.
        // "Create a service role for importing pre-trained models" (https://docs.aws.amazon.com/bedrock/latest/userguide/model-import-iam-role.html)
        // says this role serves both CreateModelImportJob and CreateCustomModel, and shows only the import job ARN
        // (model-import-job/*) as aws:SourceArn; CreateCustomModel acts for a custom model, so both are allowed, in this account only.
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
          ArnLike: { 'aws:SourceArn': [customModelArns(this), modelImportJobArns(this)] },
        },
      }),
    });
  }
}

/** The custom resource of an import; a removal policy applied to it goes to the model. */
class ImportCfnResource extends CfnResource {
  constructor(scope: Construct, id: string, props: { type: string; properties: { [key: string]: unknown } },
    private readonly onRemovalPolicy: (policy: RemovalPolicy) => void) {
    super(scope, id, props);
    this.cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE;
    this.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
  }

  public applyRemovalPolicy(policy?: RemovalPolicy): void {
    this.onRemovalPolicy(policy ?? RemovalPolicy.RETAIN);
  }
}
