/*
 * The properties contract of `Custom::BedrockInvocationLogging` (see common.ts).
 * Its descriptor is plain data; the handlers import this file as types only.
 */
import type { ResourceKindEntry } from '../kind';

/** An S3 destination of invocation logs, as the Bedrock API takes it. */
export interface LoggingS3ConfigValue {
  readonly bucketName: string;
  /** Omitted: no prefix. */
  readonly keyPrefix?: string;
}

/** The CloudWatch Logs destination of invocation logs, as the Bedrock API takes it. */
export interface LoggingCloudWatchConfigValue {
  readonly logGroupName: string;
  readonly roleArn: string;
  readonly largeDataDeliveryS3Config?: LoggingS3ConfigValue;
}

/** LoggingConfig of PutModelInvocationLoggingConfiguration, with every data type stated. */
export interface LoggingConfigValue {
  readonly s3Config?: LoggingS3ConfigValue;
  readonly cloudWatchConfig?: LoggingCloudWatchConfigValue;
  readonly textDataDeliveryEnabled: boolean;
  readonly imageDataDeliveryEnabled: boolean;
  readonly embeddingDataDeliveryEnabled: boolean;
  readonly videoDataDeliveryEnabled: boolean;
  readonly audioDataDeliveryEnabled: boolean;
}

/** Properties of the `Custom::BedrockInvocationLogging` resource. */
export interface InvocationLoggingResourceProperties {
  readonly loggingConfig: LoggingConfigValue;
  /** Library-only: whether Create may replace a configuration this resource did not put. */
  readonly takeOverExistingConfiguration: boolean;
}

/** The kind's descriptor (see ../kind.ts). */
export const LOGGING_KIND = {
  resourceType: 'Custom::BedrockInvocationLogging',
  providerId: 'BedrockInvocationLoggingProvider',
  onEvent: 'loggingOnEvent',
  describe: {
    role: 'Puts and deletes the Amazon Bedrock model invocation logging configuration of this stack',
    onEvent: 'Puts and deletes the Amazon Bedrock model invocation logging configuration',
  },
  grants: [
    // The configuration is one per account and region: IAM authorizes these on `*` only
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    // A Put is retried for up to two minutes while new policies propagate: within the default 5 minutes.
    {
      operations: ['GetModelInvocationLoggingConfiguration', 'PutModelInvocationLoggingConfiguration', 'DeleteModelInvocationLoggingConfiguration'],
      on: ['*'],
    },
  ],
  // The role Bedrock writes logs with is always created by the construct, so no prop reaches cloudWatchConfig.roleArn.
  requests: [{
    shape: 'PutModelInvocationLoggingConfigurationRequest',
    props: {
      's3.bucket': { path: 'loggingConfig.s3Config.bucketName', property: 'loggingConfig.s3Config.bucketName', label: 's3.bucket (its name)' },
      's3.keyPrefix': { path: 'loggingConfig.s3Config.keyPrefix', property: 'loggingConfig.s3Config.keyPrefix' },
      'cloudWatch.logGroup': {
        path: 'loggingConfig.cloudWatchConfig.logGroupName', property: 'loggingConfig.cloudWatchConfig.logGroupName', label: 'cloudWatch.logGroup (its name)',
      },
      'cloudWatch.largeDataBucket': {
        path: 'loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.bucketName',
        property: 'loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.bucketName',
        label: 'cloudWatch.largeDataBucket (its name)',
      },
      'cloudWatch.largeDataKeyPrefix': {
        path: 'loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.keyPrefix',
        property: 'loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.keyPrefix',
      },
    },
  }],
} as const satisfies ResourceKindEntry;
