import { Duration, ITaggable, RemovalPolicy, TagManager, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { NovaModelImportResourceProperties } from '../contract/kinds/nova-import';
import { CustomModelBase } from '../custom-model/custom-model';
import { CustomizationType } from '../model-customization-job/customization';
import { ModelSource } from '../model-source';
import { bedrockServicePrincipal } from '../private/arns';
import { BedrockResource, bedrockRemovalPolicy } from '../private/bedrock-resource';
import { completionTimeoutSeconds, MAX_COMPLETION_TIMEOUT } from '../private/completion-timeout';
import { grantModelKey, modelKeyOf } from '../private/model-key';
import { checkProps } from '../private/prop-check';
import { BedrockProvider } from '../private/provider-base';
import { ResourceTags } from '../private/resource-tags';
import { grantReadPrefix } from '../private/s3-grants';
import { throwIfInvalid } from '../private/synth-errors';

/**
 * Properties of a `NovaModelImport`.
 */
export interface NovaModelImportProps {
  /** The model artifacts SageMaker AI wrote. */
  readonly modelSource: ModelSource;

  /**
   * The name of the custom model.
   *
   * 1 to 63 characters matching `^([0-9a-zA-Z][_-]?){1,63}$`
   * ([CreateCustomModel](https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateCustomModel.html)).
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
   * The construct also tags the model with `cdk-bedrock-customization:stack`
   * (the stack name) and `cdk-bedrock-customization:construct-path` (this
   * construct's path, characters Bedrock refuses in a tag value replaced by
   * `_`, shortened with a hash beyond 256 characters), by which the command
   * line finds what a stack made. Those keys are reserved here and in
   * `Tags.of()`, and the two tags count toward Bedrock's 50 per resource:
   * 48 are left for yours.
   *
   * @default - only the `Tags.of()` tags (and the construct's two)
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
   * It covers the time the import may first wait for a free Bedrock slot
   * (one model import at a time per account and Region): a create Bedrock
   * refuses for that is queued and started by the stack's import watcher
   * when the slot frees; one that gets no slot in time fails naming the
   * models being imported, and never starts later.
   *
   * @default Duration.minutes(55)
   */
  readonly completionTimeout?: Duration;
}

/**
 * A SageMaker AI-trained Amazon Nova model imported into Amazon Bedrock
 * (CreateCustomModel). The resource completes when the model is Active.
 *
 * Changing `modelSource`, `modelName`, `encryptionKey` or `role` imports a
 * new model; tags, `removalPolicy` and `completionTimeout` change in place.
 *
 * Serving it: the CreateCustomModel API reference says to purchase
 * Provisioned Throughput (`ProvisionedThroughput`), as "You can't use
 * On-demand inference with these custom models"; the user guide's page
 * "Deploy a custom model for on-demand inference" lists SageMaker AI-trained
 * Amazon Nova imports as deployable on demand (`CustomModelDeployment`),
 * which Bedrock then accepts or refuses at deploy time.
 *
 * @resource Custom::BedrockNovaModelImport
 */
export class NovaModelImport extends CustomModelBase implements ITaggable {
  public readonly modelArn: string;
  public readonly customModelName: string;
  public readonly customizationType?: CustomizationType = CustomizationType.IMPORTED;
  public readonly encryptionKey?: kms.IKey;

  /** The service role Bedrock assumes to read the model artifacts. */
  public readonly role: iam.IRole;

  /** The `Tags.of()` tags of the model. */
  public readonly tags: TagManager;

  private readonly resource: BedrockResource;

  constructor(scope: Construct, id: string, props: NovaModelImportProps) {
    super(scope, id);
    const removalPolicy = bedrockRemovalPolicy(this, props.removalPolicy);
    const source = props.modelSource.bind(this);
    this.encryptionKey = props.encryptionKey && modelKeyOf(this, props.encryptionKey, 'encryptionKey');
    const tags = new ResourceTags(this, 'novaImport', [
      { what: 'custom model', prop: 'modelTags', tags: props.modelTags },
    ]);
    this.tags = tags.manager;

    this.role = props.role ?? this.createServiceRole();
    grantReadPrefix(this.role, source.bucket, source.prefix);
    if (this.encryptionKey) grantModelKey(this, this.encryptionKey, this.role);

    const properties: Omit<NovaModelImportResourceProperties, 'removalPolicy'> = {
      modelName: props.modelName,
      modelSourceS3Uri: source.s3Uri,
      roleArn: this.role.roleArn,
      modelKmsKeyArn: this.encryptionKey?.keyArn,
      modelTags: tags.own('modelTags'),
      completionTimeoutSeconds: completionTimeoutSeconds(this, props.completionTimeout ?? MAX_COMPLETION_TIMEOUT),
    };
    throwIfInvalid(this, [...checkProps('novaImport', properties), ...tags.propErrors()]);

    const provider = BedrockProvider.of(this, 'novaImport');
    provider.allowPassRole(this.role);
    if (this.encryptionKey) provider.allowModelKey(this.encryptionKey);

    this.resource = new BedrockResource(this, 'Resource', {
      kind: 'novaImport',
      serviceToken: provider.serviceToken,
      properties,
      tags,
      removalPolicy,
      removes: 'the custom model',
    });
    // Bedrock must see the role's policies, and the handler its PassRole grant.
    this.resource.node.addDependency(this.role, provider);

    this.modelArn = this.resource.getAtt('ModelArn').toString();
    this.customModelName = this.resource.getAtt('ModelName').toString();
  }

  /**
   * Sets what happens to the model when this resource is deleted. The custom
   * resource itself keeps `DeletionPolicy: Delete`. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.resource.applyRemovalPolicy(policy);
  }

  private createServiceRole(): iam.Role {
    return new iam.Role(this, 'ServiceRole', {
      description: 'Assumed by Amazon Bedrock to import a custom model',
      // Confused-deputy guard: only Bedrock acting for this account's model imports.
      // "Create a service role for importing pre-trained models" (https://docs.aws.amazon.com/bedrock/latest/userguide/model-import-iam-role.html)
      // says this role serves both CreateModelImportJob and CreateCustomModel, and shows only the import job ARN
      // (model-import-job/*) as aws:SourceArn; CreateCustomModel acts for a custom model, so both are allowed, in this account only.
      assumedBy: bedrockServicePrincipal(this, 'custom-model', 'model-import-job'),
    });
  }
}
