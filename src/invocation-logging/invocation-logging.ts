import {
  Annotations, ArnFormat, CfnResource, Stack, Token, aws_iam as iam, aws_kms as kms, aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct, IConstruct, IDependable } from 'constructs';
import { invocationLogsPath, loggingKeyPrefix } from './logging-paths';
import { InvocationLoggingResourceProperties, LoggingConfigValue } from '../contract/kinds/logging';
import { RESOURCE_KINDS } from '../contract/registry';
import { checkProps } from '../private/prop-check';
import { BedrockProvider } from '../private/provider-base';
import { propError, throwIfInvalid } from '../private/synth-errors';

const RESOURCE_TYPE = RESOURCE_KINDS.logging.resourceType;
/** Marks every InvocationLogging, also across copies of this library in one app. */
const MARKER = Symbol.for('cdk-bedrock-customization.InvocationLogging');
/** The stream Bedrock writes to in the log group (see LOGGING_DOC). */
const LOG_STREAM = 'aws/bedrock/modelinvocations';
/** Where the bucket policy, role and key policy statements below come from. */
// https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html

/**
 * The S3 destination of model invocation logs.
 */
export interface InvocationLoggingS3Destination {
  /**
   * The bucket to deliver to, in the stack's account and region. A bucket of
   * this app gets the bucket policy Bedrock needs; an imported bucket must
   * already allow it (the construct warns).
   *
   * @default - a bucket the construct creates: public access blocked, TLS
   * only, encrypted with `encryptionKey` (or S3-managed keys), retained on
   * stack deletion
   */
  readonly bucket?: s3.IBucket;

  /**
   * The key prefix of the logs. Bedrock writes under
   * `<keyPrefix>/AWSLogs/<account>/BedrockModelInvocationLogs/`. A trailing
   * slash is optional: `logs` and `logs/` both deliver under `logs/AWSLogs/`.
   *
   * @default - no prefix: Bedrock writes under `AWSLogs/` at the root of the bucket
   */
  readonly keyPrefix?: string;

  /**
   * Where a created bucket sends its server access logs.
   *
   * @default - no server access logging
   */
  readonly serverAccessLogsBucket?: s3.IBucket;

  /**
   * The key prefix of the server access logs of a created bucket.
   *
   * @default - no prefix
   */
  readonly serverAccessLogsPrefix?: string;
}

/**
 * The CloudWatch Logs destination of model invocation logs.
 */
export interface InvocationLoggingCloudWatchDestination {
  /**
   * The log group to deliver to, in the stack's account and region.
   *
   * @default - a log group the construct creates, encrypted with `encryptionKey` when one is given
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long a created log group keeps the logs.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;

  /**
   * The bucket for data too large for CloudWatch Logs (over 100 KB, or binary
   * images). A bucket of this app gets the bucket policy Bedrock needs.
   *
   * @default - large data are not delivered
   */
  readonly largeDataBucket?: s3.IBucket;

  /**
   * The key prefix of large data in `largeDataBucket`. As for `s3.keyPrefix`,
   * a trailing slash is optional.
   *
   * @default - no prefix
   */
  readonly largeDataKeyPrefix?: string;
}

/**
 * Properties of an `InvocationLogging`.
 */
export interface InvocationLoggingProps {
  /**
   * Deliver the logs to S3.
   *
   * @default - to S3 in a bucket the construct creates (as `s3: {}` does) when
   * `cloudWatch` is not set either; not to S3 when `cloudWatch` is set
   */
  readonly s3?: InvocationLoggingS3Destination;

  /**
   * Deliver the logs to CloudWatch Logs, with a role the construct creates
   * for Bedrock to write with.
   *
   * @default - not to CloudWatch Logs
   */
  readonly cloudWatch?: InvocationLoggingCloudWatchDestination;

  /**
   * The KMS key that encrypts the bucket and the log group the construct
   * creates. Its key policy gets the statements Bedrock and CloudWatch Logs
   * need (for a key of this app).
   *
   * @default - S3-managed keys for a created bucket, CloudWatch Logs' own encryption for a created log group
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Deliver text data.
   *
   * @default true
   */
  readonly textData?: boolean;

  /**
   * Deliver image data.
   *
   * @default true
   */
  readonly imageData?: boolean;

  /**
   * Deliver embedding data.
   *
   * @default true
   */
  readonly embeddingData?: boolean;

  /**
   * Deliver video data.
   *
   * @default true
   */
  readonly videoData?: boolean;

  /**
   * Deliver audio data.
   *
   * @default true
   */
  readonly audioData?: boolean;

  /**
   * Replace a configuration that is already in place in the account and
   * region and that this resource did not put. Without it, the deployment
   * fails and leaves that configuration unchanged.
   *
   * @default false
   */
  readonly takeOverExistingConfiguration?: boolean;
}

/**
 * The Amazon Bedrock model invocation logging configuration of the stack's
 * account and region (there is one per account and region), with its
 * destinations wired: bucket policy, log-writing role and key policy.
 *
 * Without `s3` and `cloudWatch`, the logs go to S3, in a bucket the
 * construct creates: public access blocked, TLS only, encrypted, retained.
 *
 * Deleting it removes the configuration only while it is still the one it
 * put; buckets and log groups it created are retained.
 */
export class InvocationLogging extends Construct {
  /** Whether `x` is an InvocationLogging. */
  public static isInvocationLogging(x: any): x is InvocationLogging {
    return typeof x === 'object' && x !== null && MARKER in x;
  }

  /** The S3 destination bucket, if logs go to S3. */
  public readonly bucket?: s3.IBucket;
  /** The CloudWatch Logs log group, if logs go to CloudWatch Logs. */
  public readonly logGroup?: logs.ILogGroup;
  /** The role Bedrock writes to CloudWatch Logs with, if logs go there. */
  public readonly cloudWatchRole?: iam.IRole;

  constructor(scope: Construct, id: string, props: InvocationLoggingProps = {}) {
    super(scope, id);
    Object.defineProperty(this, MARKER, { value: true });
    const stack = Stack.of(this);
    const dependencies: IDependable[] = [];
    const key = props.encryptionKey;
    // Bedrock needs at least one destination: without any, a created bucket.
    const s3Props = props.s3 ?? (props.cloudWatch ? undefined : {});

    let s3Config: LoggingConfigValue['s3Config'];
    if (s3Props) {
      const created = !s3Props.bucket;
      this.bucket = s3Props.bucket ?? new s3.Bucket(this, 'Bucket', {
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        encryption: key ? s3.BucketEncryption.KMS : s3.BucketEncryption.S3_MANAGED,
        encryptionKey: key,
        bucketKeyEnabled: key ? true : undefined,
        serverAccessLogsBucket: s3Props.serverAccessLogsBucket,
        serverAccessLogsPrefix: s3Props.serverAccessLogsPrefix,
      });
      if (!created && (s3Props.serverAccessLogsBucket || s3Props.serverAccessLogsPrefix !== undefined)) {
        throw propError(this, 's3.serverAccessLogsBucket and s3.serverAccessLogsPrefix apply to a bucket the construct creates, not to s3.bucket',
          'Configure server access logging where s3.bucket is defined, or leave s3.bucket out to have the construct create the bucket');
      }
      const keyPrefix = loggingKeyPrefix(s3Props.keyPrefix);
      s3Config = { bucketName: this.bucket.bucketName, keyPrefix };
      dependencies.push(...this.allowDelivery(this.bucket, keyPrefix, 's3.bucket'));
      if (created && key) this.allowBedrockKey(key, 'encryptionKey');
      if (!created && this.bucket.encryptionKey) this.allowBedrockKey(this.bucket.encryptionKey, 's3.bucket (its encryption key)');
    }

    let cloudWatchConfig: LoggingConfigValue['cloudWatchConfig'];
    if (props.cloudWatch) {
      const cw = props.cloudWatch;
      if (cw.logGroup && cw.retention !== undefined) {
        throw propError(this, 'cloudWatch.retention applies to a log group the construct creates, not to cloudWatch.logGroup',
          'Set the retention where cloudWatch.logGroup is defined, or leave cloudWatch.logGroup out to have the construct create the log group');
      }
      const logGroup = cw.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
        retention: cw.retention ?? logs.RetentionDays.ONE_YEAR,
        encryptionKey: key,
      });
      this.logGroup = logGroup;
      if (!cw.logGroup && key) this.allowLogsKey(key);
      const role = new iam.Role(this, 'CloudWatchRole', {
        assumedBy: this.bedrockPrincipal(),
        description: 'Lets Amazon Bedrock write model invocation logs to CloudWatch Logs',
      });
      role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: `${logGroup.logGroupName}:log-stream:${LOG_STREAM}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        })],
      }));
      this.cloudWatchRole = role;
      dependencies.push(role, logGroup);
      const largeKeyPrefix = loggingKeyPrefix(cw.largeDataKeyPrefix);
      if (cw.largeDataBucket) {
        dependencies.push(...this.allowDelivery(cw.largeDataBucket, largeKeyPrefix, 'cloudWatch.largeDataBucket'));
        if (cw.largeDataBucket.encryptionKey) this.allowBedrockKey(cw.largeDataBucket.encryptionKey, 'cloudWatch.largeDataBucket (its encryption key)');
      } else if (cw.largeDataKeyPrefix !== undefined) {
        throw propError(this, 'cloudWatch.largeDataKeyPrefix needs cloudWatch.largeDataBucket',
          'Set cloudWatch.largeDataBucket to deliver large data, or leave cloudWatch.largeDataKeyPrefix out');
      }
      cloudWatchConfig = {
        logGroupName: logGroup.logGroupName,
        roleArn: role.roleArn,
        largeDataDeliveryS3Config: cw.largeDataBucket && { bucketName: cw.largeDataBucket.bucketName, keyPrefix: largeKeyPrefix },
      };
    }
    if (key) dependencies.push(key);

    const loggingConfig: LoggingConfigValue = {
      s3Config,
      cloudWatchConfig,
      textDataDeliveryEnabled: props.textData ?? true,
      imageDataDeliveryEnabled: props.imageData ?? true,
      embeddingDataDeliveryEnabled: props.embeddingData ?? true,
      videoDataDeliveryEnabled: props.videoData ?? true,
      audioDataDeliveryEnabled: props.audioData ?? true,
    };
    throwIfInvalid(this, checkProps('logging', { loggingConfig }));

    const provider = BedrockProvider.of(this, 'logging');
    if (this.cloudWatchRole) provider.allowPassRole(this.cloudWatchRole);
    const properties: InvocationLoggingResourceProperties = {
      loggingConfig,
      takeOverExistingConfiguration: props.takeOverExistingConfiguration ?? false,
    };
    const resource = new CfnResource(this, 'Resource', {
      type: RESOURCE_TYPE,
      properties: { ServiceToken: provider.serviceToken, ...properties },
    });
    // Bedrock checks at Put time that it can write to the destinations: their policies come first.
    resource.node.addDependency(provider, ...dependencies);

    this.guardOnePerEnvironment();
  }

  /** bedrock.amazonaws.com, for this account's Bedrock only (confused-deputy guard). */
  private bedrockPrincipal(): iam.IPrincipal {
    const stack = Stack.of(this);
    return new iam.ServicePrincipal('bedrock.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'bedrock', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME }) },
    });
  }

  /**
   * The bucket policy statement that lets Bedrock put logs under the path it
   * delivers the prefix's logs to; returns the policy to depend on (none for
   * an imported bucket, with a warning).
   */
  private allowDelivery(bucket: s3.IBucket, keyPrefix: string | undefined, prop: string): IDependable[] {
    const stack = Stack.of(this);
    const { statementAdded, policyDependable } = bucket.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('bedrock.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${invocationLogsPath(keyPrefix, stack.account)}*`)],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'bedrock', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME }) },
      },
    }));
    if (!statementAdded) {
      Annotations.of(this).addWarningV2('cdk-bedrock-customization:invocationLoggingImportedBucket',
        `${prop} is imported, so its bucket policy cannot be changed here: it must let bedrock.amazonaws.com put objects under `
        + `${invocationLogsPath(keyPrefix, '<account>')}, or Bedrock refuses the configuration`);
      return [];
    }
    return policyDependable ? [policyDependable] : [];
  }

  /** Lets Bedrock encrypt the objects it puts with `key` (SSE-KMS). A no-op for an imported key. */
  private allowBedrockKey(key: kms.IKey, prop: string): void {
    const stack = Stack.of(this);
    const { statementAdded } = key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('bedrock.amazonaws.com')],
      actions: ['kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'bedrock', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME }) },
      },
    }), /* allowNoOp */ true);
    if (!statementAdded) {
      Annotations.of(this).addWarningV2('cdk-bedrock-customization:invocationLoggingImportedKey',
        `${prop} is imported, so its key policy cannot be changed here: it must let bedrock.amazonaws.com use kms:GenerateDataKey`);
    }
  }

  /**
   * Lets CloudWatch Logs use `key` for this account's log groups in this
   * region (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
   * The created log group's own ARN would make the key depend on the group that depends on it.
   */
  private allowLogsKey(key: kms.IKey): void {
    const stack = Stack.of(this);
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
      },
    }), true);
  }

  /**
   * One configuration per account and region: a second InvocationLogging of
   * the same environment in this app is an error naming both; when either
   * stack is environment-agnostic, a warning.
   */
  private guardOnePerEnvironment(): void {
    const mine = Stack.of(this);
    const earlier = this.node.root.node.findAll().filter((c: IConstruct) => c !== this && InvocationLogging.isInvocationLogging(c));
    for (const other of earlier) {
      const theirs = Stack.of(other);
      const agnostic = [mine.account, mine.region, theirs.account, theirs.region].some((v) => Token.isUnresolved(v));
      if (agnostic) {
        Annotations.of(this).addWarningV2('cdk-bedrock-customization:invocationLoggingPerEnvironment',
          `${this.node.path} and ${other.node.path} may configure model invocation logging of the same account and region, `
          + 'which holds one configuration: the later deployment would fail (or take the configuration over). '
          + 'Give their stacks an explicit env to check this at synth time.');
      } else if (mine.account === theirs.account && mine.region === theirs.region) {
        this.node.addValidation({
          validate: () => [`${this.node.path} and ${other.node.path} both configure model invocation logging of account `
            + `${mine.account} in ${mine.region}, which holds one configuration: keep one of them`],
        });
      }
    }
  }
}
