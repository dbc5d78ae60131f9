import { Duration, RemovalPolicy, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { BaseModel } from './base-model';
import { Customization } from './customization';
import { OutputData, TrainingData, ValidationData } from './data';

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
   *
   * For fine-tuning and continued pre-training of a foundation model whose
   * family the Amazon Bedrock user guide documents
   * ([Custom model hyperparameters](https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models-hp.html)),
   * the synthesis warns of a name the family does not document and of a value
   * outside its documented range. These are warnings only: Bedrock decides.
   * Values known only at deploy time, custom base models and unknown model
   * ids are not checked.
   *
   * @default - the base model's defaults
   */
  readonly hyperParameters?: { [name: string]: string };

  /**
   * The name of the job.
   *
   * 1 to 63 characters matching `^[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*$`
   * ([CreateModelCustomizationJob](https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelCustomizationJob.html)).
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
   * 1 to 63 characters matching `^([0-9a-zA-Z][_-]?){1,63}$`
   * ([CreateModelCustomizationJob](https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelCustomizationJob.html)).
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
   * The construct also tags the job with `cdk-bedrock-customization:stack`
   * (the stack name) and `cdk-bedrock-customization:construct-path` (this
   * construct's path, characters Bedrock refuses in a tag value replaced by
   * `_`, shortened with a hash beyond 256 characters), by which the command
   * line finds what a stack made. Those keys are reserved here and in
   * `Tags.of()`, and the two tags count toward Bedrock's 50 per resource:
   * 48 are left for yours.
   *
   * @default - only the `Tags.of()` tags (and the construct's two)
   */
  readonly jobTags?: { [key: string]: string };

  /**
   * Tags of the custom model, in addition to the `Tags.of()` tags of this
   * construct (a key given here wins).
   *
   * Bedrock tags the model when the job completes. A later change updates the
   * model's tags in place; while the job runs there is no model yet, so the
   * change is kept and applied once the model exists (when the job completes,
   * if the resource waits for it; otherwise at the next update of the resource).
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
   * Wait for the job to end, for at most this long: from 1 minute to 12 hours.
   *
   * When set, the deployment goes on only once the job has completed, and the
   * job exposes `outputModel` and its metrics; it fails with Bedrock's failure
   * message if the job fails or is stopped, and fails when the timeout passes
   * first. A failed deployment is rolled back: a job that is still running is
   * then stopped.
   *
   * Up to 55 minutes, the job's custom resource polls the job every 30
   * seconds (a custom resource may take an hour at most). Above, an
   * `AWS::CloudFormation::WaitCondition` waits (up to 12 hours, its longest
   * timeout), signalled by a watcher function of the stack when the job
   * ends: EventBridge invokes it on the job's state-change events and, since
   * their delivery is best-effort, every 10 minutes (at most 12 reads of the
   * job an hour). A job result resource after the condition then reads the
   * job's output model and metrics. Changing the timeout of a job that waits
   * this way does not start a new job: a new condition waits, and is
   * signalled within 10 minutes if the job has already ended.
   *
   * The timeout covers the time the job may first wait for a free Bedrock
   * slot (Bedrock runs two jobs at a time per account and Region; a create
   * it refuses for that is queued and started by the stack's watcher when a
   * slot frees) and the job's training. A job that gets no slot in time fails
   * naming the jobs that hold the slots, and never starts later.
   *
   * For jobs that may run longer than 12 hours, do not wait: react to the
   * job's end with `onStateChange`, and reference its model by name.
   *
   * @default - no waiting: the resource completes once the job has started (a job that waits for a free slot: for at most 55 minutes)
   */
  readonly completionTimeout?: Duration;
}
