import { CfnResource, Duration, ITaggable, RemovalPolicy, TagManager, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ImportedModelBase } from './imported-model';
import { ModelImportJobResourceProperties } from '../contract/kinds/model-import';
import { ModelSource } from '../model-source';
import { bedrockServicePrincipal } from '../private/arns';
import { BedrockResource, bedrockRemovalPolicy } from '../private/bedrock-resource';
import { jobWait, MAX_COMPLETION_TIMEOUT } from '../private/completion-timeout';
import { ConditionWait } from '../private/condition-wait';
import { grantNetworkInterfaces, jobNetwork, JobNetwork, NETWORKED_JOBS } from '../private/job-network';
import { grantModelKey, modelKeyOf } from '../private/model-key';
import { checkProps } from '../private/prop-check';
import { BedrockProvider } from '../private/provider-base';
import { ResourceTags } from '../private/resource-tags';
import { grantReadPrefix } from '../private/s3-grants';
import { propError, throwIfInvalid } from '../private/synth-errors';

/**
 * Properties of a `ModelImportJob`.
 */
export interface ModelImportJobProps {
  /**
   * The model's files, in the Hugging Face layout: the weights in
   * `.safetensors`, `config.json` and the tokenizer files
   * ([Import a customized model](https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-import-model.html)).
   * Bedrock detects the architecture during the job, and the job fails for
   * one it does not support.
   */
  readonly modelSource: ModelSource;

  /**
   * The name of the import job: 1 to 63 characters matching
   * `^[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*$`
   * ([CreateModelImportJob](https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelImportJob.html)).
   *
   * A job with a fixed name cannot be replaced: a change that needs a new
   * job fails unless the name changes too.
   *
   * @default - generated from the stack, the construct and the deployment, fresh for every new job
   */
  readonly jobName?: string;

  /**
   * The name of the imported model: 1 to 63 characters matching `^([0-9a-zA-Z][_-]?)+$`.
   *
   * @default - generated, fresh for every new job
   */
  readonly importedModelName?: string;

  /**
   * The KMS key that encrypts the imported model (a key, not an alias).
   *
   * @default - Bedrock encrypts the model with a key that AWS owns
   */
  readonly importedModelKmsKey?: kms.IKey;

  /**
   * The service role Bedrock assumes to read the model's files. A given role
   * is granted read on the model source and the key's actions like a created
   * one; its trust policy is yours.
   *
   * @default - a role trusted by Bedrock for this account's model import jobs
   */
  readonly role?: iam.IRole;

  /**
   * The VPC the job runs in: Bedrock places network interfaces in its subnets
   * to read the model's files ("Protect custom model import jobs using a VPC",
   * https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-custom-model-import.html).
   * Private subnets need a route to S3, for example a gateway endpoint
   * (`ec2.GatewayVpcEndpointAwsService.S3`).
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
   * Tags of the import job, in addition to the `Tags.of()` tags of this
   * construct (a key given here wins). A change updates them in place. The
   * construct adds its two provenance tags, as on every resource it makes.
   *
   * @default - only the `Tags.of()` tags (and the construct's two)
   */
  readonly jobTags?: { [key: string]: string };

  /**
   * Tags of the imported model, in addition to the `Tags.of()` tags. A change updates them in place.
   *
   * @default - only the `Tags.of()` tags (and the construct's two)
   */
  readonly importedModelTags?: { [key: string]: string };

  /**
   * What happens to the imported model when this resource is deleted. The
   * job itself stays in Bedrock's list of jobs: the API deletes none.
   * `SNAPSHOT` is not supported.
   *
   * @default RemovalPolicy.RETAIN (the model holds your weights)
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long to wait for the job to complete: the deployment fails when it
   * has not by then. It covers the time the job may first wait for a free
   * Bedrock slot (one model import at a time per account and Region).
   *
   * Up to 55 minutes, the job's custom resource waits (a deployment allows a
   * custom resource an hour). Longer, up to 12 hours, a CloudFormation wait
   * condition waits, which the stack's import watcher signals when the job
   * ends (it reads the stack's waiting jobs every 10 minutes), and
   * `jobArn` and `modelArn` come from a result resource after it.
   *
   * @default Duration.minutes(55)
   */
  readonly completionTimeout?: Duration;
}

/**
 * An open-weight model imported into Amazon Bedrock by a model import job
 * (CreateModelImportJob, Custom Model Import). The deployment waits for the
 * job to complete (up to 12 hours, see `completionTimeout`), and `modelArn`
 * is the imported model, which applications invoke on demand.
 *
 * Changing `modelSource`, a name, the key or the role starts a new job (and
 * a new model); tags, `removalPolicy` and `completionTimeout` change in place.
 *
 * For a SageMaker AI-trained Amazon Nova model, use `NovaModelImport`
 * (CreateCustomModel) instead.
 *
 * @resource Custom::BedrockModelImportJob
 */
export class ModelImportJob extends ImportedModelBase implements ITaggable, ec2.IConnectable {
  /** The imported model's ARN: the modelId of InvokeModel and Converse. */
  public readonly modelArn: string;
  /** The imported model's name. */
  public readonly importedModelName: string;
  /** The import job's ARN. */
  public readonly jobArn: string;
  /** The import job's name. */
  public readonly jobName: string;
  public readonly encryptionKey?: kms.IKey;

  /** The service role Bedrock assumes to read the model's files. */
  public readonly role: iam.IRole;

  /** The `Tags.of()` tags of the job and the imported model. */
  public readonly tags: TagManager;

  private readonly resource: BedrockResource;
  private readonly network?: JobNetwork;

  constructor(scope: Construct, id: string, props: ModelImportJobProps) {
    super(scope, id);
    const removalPolicy = bedrockRemovalPolicy(this, props.removalPolicy);
    const source = props.modelSource.bind(this);
    this.encryptionKey = props.importedModelKmsKey && modelKeyOf(this, props.importedModelKmsKey, 'importedModelKmsKey');
    const tags = new ResourceTags(this, 'modelImport', [
      { what: 'import job', prop: 'jobTags', tags: props.jobTags },
      { what: 'imported model', prop: 'importedModelTags', tags: props.importedModelTags },
    ]);
    this.tags = tags.manager;

    this.role = props.role ?? this.createServiceRole();
    grantReadPrefix(this.role, source.bucket, source.prefix);
    this.network = jobNetwork(this, props, NETWORKED_JOBS.import);
    if (this.network) grantNetworkInterfaces(this, this.role, this.network, NETWORKED_JOBS.import);
    if (this.encryptionKey) grantModelKey(this, this.encryptionKey, this.role);

    const wait = jobWait(this, props.completionTimeout ?? MAX_COMPLETION_TIMEOUT);
    const properties: Omit<ModelImportJobResourceProperties, 'removalPolicy'> = {
      jobName: props.jobName,
      importedModelName: props.importedModelName,
      roleArn: this.role.roleArn,
      modelDataS3Uri: source.s3Uri,
      jobTags: tags.own('jobTags'),
      importedModelTags: tags.own('importedModelTags'),
      importedModelKmsKeyArn: this.encryptionKey?.keyArn,
      vpcConfig: this.network && { subnetIds: this.network.subnetIds, securityGroupIds: this.network.securityGroups.map((g) => g.securityGroupId) },
      completionTimeoutSeconds: wait.tier === 'polled' ? wait.seconds : undefined,
    };
    // What defines the job (a new one, a new wait condition): neither tags nor the library's settings.
    const { jobTags: _jobTags, importedModelTags: _modelTags, completionTimeoutSeconds: _timeout, ...defining } = properties;
    // The wait's handle comes first: the job resource registers it in the stack's slot queue.
    const conditionWait = wait.tier === 'condition'
      ? new ConditionWait(this, 'Completion', { kind: 'modelImport', defining, timeoutSeconds: wait.seconds, after: [] })
      : undefined;
    throwIfInvalid(this, [...checkProps('modelImport', properties), ...tags.propErrors()]);

    const provider = BedrockProvider.of(this, 'modelImport');
    provider.allowPassRole(this.role);
    if (this.encryptionKey) provider.allowModelKey(this.encryptionKey);

    this.resource = new BedrockResource(this, 'Resource', {
      kind: 'modelImport',
      serviceToken: provider.serviceToken,
      properties: { ...properties, ...conditionWait?.properties },
      tags,
      removalPolicy,
      removes: 'the imported model',
    });
    // Bedrock must see the role's policies, and the handler its PassRole grant.
    this.resource.node.addDependency(this.role, provider);
    // The subnets' routes (to S3) must exist before Bedrock reads through them.
    if (this.network) this.resource.node.addDependency(this.network.internetConnectivityEstablished);

    this.jobName = this.resource.getAtt('JobName').toString();
    this.importedModelName = this.resource.getAtt('ImportedModelName').toString();
    // Under a wait condition, the job's resource completes before the job: what it made comes from the result.
    const completion: CfnResource = conditionWait ? conditionWait.waitFor(this.resource, this.jobName) : this.resource;
    this.jobArn = completion.getAtt('JobArn').toString();
    this.modelArn = completion.getAtt('ImportedModelArn').toString();
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
   * Sets what happens to the imported model when this resource is deleted.
   * The custom resource itself keeps `DeletionPolicy: Delete`. `SNAPSHOT` is not supported.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.resource.applyRemovalPolicy(policy);
  }

  private createServiceRole(): iam.Role {
    return new iam.Role(this, 'ServiceRole', {
      description: 'Assumed by Amazon Bedrock to import an open-weight model',
      // Confused-deputy guard, as "Create a service role for importing pre-trained models" shows it:
      // Bedrock acting for this account's model import jobs only
      // (https://docs.aws.amazon.com/bedrock/latest/userguide/model-import-iam-role.html).
      assumedBy: bedrockServicePrincipal(this, 'model-import-job'),
    });
  }
}
