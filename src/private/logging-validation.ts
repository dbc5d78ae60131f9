import { LoggingConfigValue } from './contract/logging';
import { checkValue } from './validation';

/** The request whose constraints the logging props must meet. */
export const LOGGING_REQUEST = 'PutModelInvocationLoggingConfigurationRequest';

/**
 * Where each prop lands in the request: the table that synth-time validation
 * and its coverage test both read. The role Bedrock writes logs with is
 * always created by the construct, so no prop reaches `cloudWatchConfig.roleArn`.
 */
export const LOGGING_PROP_PATHS = {
  's3.bucket': 'loggingConfig.s3Config.bucketName',
  's3.keyPrefix': 'loggingConfig.s3Config.keyPrefix',
  'cloudWatch.logGroup': 'loggingConfig.cloudWatchConfig.logGroupName',
  'cloudWatch.largeDataBucket': 'loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.bucketName',
  'cloudWatch.largeDataKeyPrefix': 'loggingConfig.cloudWatchConfig.largeDataDeliveryS3Config.keyPrefix',
} as const;

export type LoggingProp = keyof typeof LOGGING_PROP_PATHS;

/** The configuration's violations of the API's constraints, one line each naming its prop (none when valid). */
export function validateLoggingRequest(config: LoggingConfigValue): string[] {
  const errors: string[] = [];
  const check = (prop: LoggingProp, value: unknown, label: string = prop) =>
    errors.push(...checkValue(LOGGING_REQUEST, LOGGING_PROP_PATHS[prop], value, label));
  check('s3.bucket', config.s3Config?.bucketName, 's3.bucket (its name)');
  check('s3.keyPrefix', config.s3Config?.keyPrefix);
  check('cloudWatch.logGroup', config.cloudWatchConfig?.logGroupName, 'cloudWatch.logGroup (its name)');
  check('cloudWatch.largeDataBucket', config.cloudWatchConfig?.largeDataDeliveryS3Config?.bucketName, 'cloudWatch.largeDataBucket (its name)');
  check('cloudWatch.largeDataKeyPrefix', config.cloudWatchConfig?.largeDataDeliveryS3Config?.keyPrefix);
  return errors;
}
