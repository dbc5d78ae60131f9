/*
 * The properties contract of `Custom::BedrockInvocationLogging` (see common.ts).
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */

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
