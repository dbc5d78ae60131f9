import {
  Duration, IResource, ITaggable, RemovalPolicy, Resource, TagManager,
  aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CommitmentDurationValue, ProvisionedThroughputResourceProperties } from '../contract/kinds/throughput';
import { ICustomModel } from '../custom-model/custom-model';
import { BedrockResource, bedrockRemovalPolicy } from '../private/bedrock-resource';
import { completionTimeoutSeconds, MAX_COMPLETION_TIMEOUT } from '../private/completion-timeout';
import { checkBedrockArn, grantInvokeEndpoint } from '../private/endpoints';
import { checkProps } from '../private/prop-check';
import { BedrockProvider } from '../private/provider-base';
import { ResourceTags } from '../private/resource-tags';
import { propError, throwIfInvalid } from '../private/synth-errors';

/**
 * The term of a provisioned throughput commitment
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-throughput.html).
 */
export enum Commitment {
  /** One month. */
  ONE_MONTH = 'OneMonth',
  /** Six months. */
  SIX_MONTHS = 'SixMonths',
}

/**
 * A provisioned throughput: dedicated model units that serve a model.
 */
export interface IProvisionedThroughput extends IResource, bedrock.IModel {
  // modelArn comes from aws_bedrock.IModel: the provisioned model's ARN, the modelId of InvokeModel and Converse.

  /**
   * The ARN of the provisioned model (the same as `modelArn`).
   * @attribute
   */
  readonly provisionedModelArn: string;

  /**
   * Lets `grantee` invoke the throughput: `bedrock:InvokeModel` and
   * `bedrock:InvokeModelWithResponseStream` (Converse and ConverseStream are
   * authorized as these) on the provisioned model's ARN.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;
}

/**
 * What every provisioned throughput, created or referenced, has in common.
 */
export abstract class ProvisionedThroughputBase extends Resource implements IProvisionedThroughput {
  public abstract readonly provisionedModelArn: string;

  public get modelArn(): string {
    return this.provisionedModelArn;
  }

  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return grantInvokeEndpoint(this, grantee, this.provisionedModelArn);
  }
}

/**
 * Properties of a `ProvisionedThroughput`.
 */
export interface ProvisionedThroughputProps {
  /**
   * The model to serve: a custom model (a waited job's `outputModel`, a
   * `NovaModelImport`, a reference or a lookup) or a foundation model
   * (`aws_bedrock.FoundationModel`).
   *
   * Another model changes the throughput in place
   * (UpdateProvisionedModelThroughput) when Bedrock allows it: a throughput
   * of a custom model may move to that model's base model or to another
   * custom model of the same base. Any other change (any model change of a
   * throughput of a foundation model, a custom model of another base) makes a
   * new throughput (a new ARN), decided when the update is deployed; with a
   * commitment, see `allowReplacementDuringTerm`.
   */
  readonly model: bedrock.IModel;

  /**
   * The model units: how much throughput is reserved, and billed. A change
   * makes a new throughput (a new ARN); with a commitment, see
   * `allowReplacementDuringTerm`.
   *
   * @default 1
   */
  readonly modelUnits?: number;

  /**
   * A commitment term: a lower hourly price for the whole term, billed
   * whether the throughput is used or not, and a throughput that cannot be
   * deleted before the term ends. A committed throughput needs an explicit
   * `removalPolicy`. A change makes a new throughput; from a running term,
   * see `allowReplacementDuringTerm`.
   *
   * @default - no commitment: billed by the hour, deleted whenever the stack says so
   */
  readonly commitment?: Commitment;

  /**
   * Whether an update that needs a new throughput (new `modelUnits`, a new
   * `commitment`, a model Bedrock cannot swap in place) may buy it while the
   * current throughput's commitment term runs.
   *
   * Bedrock bills a commitment to the end of its term and deletes no
   * throughput before, so both are then billed: the current one until its
   * term ends (its delete is refused, and CloudFormation leaves it outside
   * the stack: delete it after the term), and the new one from the update.
   * When false, such an update fails before anything is bought, naming what
   * each would cost. A throughput without a commitment, or whose term has
   * ended, is replaced either way.
   *
   * @default false
   */
  readonly allowReplacementDuringTerm?: boolean;

  /**
   * The name of the throughput. 1 to 63 characters matching
   * `^([0-9a-zA-Z][_-]?)+$`
   * ([CreateProvisionedModelThroughput](https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateProvisionedModelThroughput.html)).
   * A change renames it in place; a throughput with a fixed name cannot be
   * replaced (new units or commitment) unless the name changes too.
   *
   * @default - generated from the stack, the construct and the deployment
   */
  readonly provisionedModelName?: string;

  /**
   * Tags of the throughput, in addition to the `Tags.of()` tags of this
   * construct (a key given here wins). A change updates them in place.
   *
   * The construct also tags the throughput with `cdk-bedrock-customization:stack`
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
   * What happens to the throughput when this resource is deleted.
   *
   * Without a commitment it goes with the stack by default: it is billed
   * for every hour it exists. With a commitment, set it explicitly: RETAIN
   * keeps the throughput (delete it yourself once the term has ended);
   * DESTROY deletes it, which Bedrock refuses before the term ends, and the
   * Delete then fails saying when the term ends and what to do.
   *
   * @default RemovalPolicy.DESTROY, without a commitment
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long to wait for the throughput, or its update, to be InService: the
   * resource fails when it is not by then. At most 55 minutes, which a
   * deployment allows a custom resource.
   *
   * @default Duration.minutes(55)
   */
  readonly completionTimeout?: Duration;
}

/**
 * Provisioned throughput for a custom or foundation model
 * (CreateProvisionedModelThroughput). For an imported model
 * (`NovaModelImport`), the CreateCustomModel API reference names
 * Provisioned Throughput as the way to serve it ("You can't use On-demand
 * inference with these custom models"), while the user guide's on-demand
 * deployment page lists SageMaker AI-trained Amazon Nova imports as
 * deployable on demand (`CustomModelDeployment`). The resource completes
 * when the throughput is InService; its `modelArn` (the provisioned model's
 * ARN) is the `modelId` of InvokeModel and Converse.
 *
 * @resource Custom::BedrockProvisionedThroughput
 */
export class ProvisionedThroughput extends ProvisionedThroughputBase implements ITaggable {
  /**
   * References an existing provisioned throughput by its ARN.
   */
  public static fromProvisionedModelArn(scope: Construct, id: string, provisionedModelArn: string): IProvisionedThroughput {
    checkBedrockArn(scope, 'ProvisionedThroughput.fromProvisionedModelArn', 'provisionedModelArn', provisionedModelArn,
      'provisioned-model', 'a provisioned model');
    class Import extends ProvisionedThroughputBase {
      public readonly provisionedModelArn = provisionedModelArn;
    }
    return new Import(scope, id, { environmentFromArn: provisionedModelArn });
  }

  public readonly provisionedModelArn: string;

  /**
   * The name of the throughput.
   * @attribute
   */
  public readonly provisionedModelName: string;

  /** The model the throughput serves. */
  public readonly model: bedrock.IModel;

  /** The `Tags.of()` tags of the throughput. */
  public readonly tags: TagManager;

  private readonly resource: BedrockResource;
  private readonly modelKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: ProvisionedThroughputProps) {
    super(scope, id);
    if (props.commitment !== undefined && props.removalPolicy === undefined) {
      throw propError(this, `removalPolicy must be set for a throughput with a commitment (${props.commitment}): `
        + 'Bedrock does not delete a committed throughput before its term ends',
      'Set removalPolicy: RemovalPolicy.RETAIN to keep it when the stack goes (and delete it after the term), or DESTROY to try');
    }
    const removalPolicy = bedrockRemovalPolicy(this, props.removalPolicy ?? RemovalPolicy.DESTROY);
    this.model = props.model;
    this.modelKey = (props.model as Partial<ICustomModel>).encryptionKey;
    const tags = new ResourceTags(this, 'throughput', [
      { what: 'provisioned throughput', prop: 'tags', tags: props.tags },
    ]);
    this.tags = tags.manager;

    const properties: Omit<ProvisionedThroughputResourceProperties, 'removalPolicy'> = {
      provisionedModelName: props.provisionedModelName,
      modelId: props.model.modelArn,
      modelUnits: props.modelUnits ?? 1,
      commitmentDuration: props.commitment as CommitmentDurationValue | undefined,
      tags: tags.own('tags'),
      completionTimeoutSeconds: completionTimeoutSeconds(this, props.completionTimeout ?? MAX_COMPLETION_TIMEOUT),
      allowReplacementDuringTerm: props.allowReplacementDuringTerm,
    };
    throwIfInvalid(this, [...checkProps('throughput', properties), ...tags.propErrors()]);

    const provider = BedrockProvider.of(this, 'throughput');
    // Serving a model that a key of this app encrypts takes that key (https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html).
    if (this.modelKey) provider.allowModelKey(this.modelKey);

    this.resource = new BedrockResource(this, 'Resource', {
      kind: 'throughput',
      serviceToken: provider.serviceToken,
      properties,
      tags,
      removalPolicy,
      removes: 'the provisioned throughput',
    });
    this.resource.node.addDependency(provider);

    this.provisionedModelArn = this.resource.getAtt('ProvisionedModelArn').toString();
    this.provisionedModelName = this.resource.getAtt('ProvisionedModelName').toString();
  }

  /**
   * Lets `grantee` invoke the throughput; when the model has an
   * `encryptionKey`, also the key actions Bedrock needs to use the model on
   * the grantee's behalf (through Bedrock only).
   */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return grantInvokeEndpoint(this, grantee, this.provisionedModelArn, this.modelKey);
  }

  /**
   * Sets what happens to the throughput when this resource is deleted. The
   * custom resource itself keeps `DeletionPolicy: Delete`. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.resource.applyRemovalPolicy(policy);
  }
}
