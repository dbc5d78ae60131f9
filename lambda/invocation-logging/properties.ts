/*
 * Decoding of `Custom::BedrockInvocationLogging` properties, and the digest
 * that tells whether a live configuration is the one this resource put.
 */
import type { LoggingConfig } from '@aws-sdk/client-bedrock';
import type { InvocationLoggingResourceProperties, LoggingCloudWatchConfigValue, LoggingConfigValue, LoggingS3ConfigValue } from '../../src/contract/kinds/logging';
import { digestOf } from '../shared/digest';
import { SettingIdFormat } from '../shared/physical-id';
import { boolean, decodeProperties, optional, string, struct } from '../shared/properties';

export type LoggingProperties = InvocationLoggingResourceProperties;

const s3Config = struct<LoggingS3ConfigValue>({ bucketName: string, keyPrefix: optional(string) });

const cloudWatchConfig = struct<LoggingCloudWatchConfigValue>({
  logGroupName: string,
  roleArn: string,
  largeDataDeliveryS3Config: optional(s3Config),
});

const loggingConfig = struct<LoggingConfigValue>({
  s3Config: optional(s3Config),
  cloudWatchConfig: optional(cloudWatchConfig),
  textDataDeliveryEnabled: boolean,
  imageDataDeliveryEnabled: boolean,
  embeddingDataDeliveryEnabled: boolean,
  videoDataDeliveryEnabled: boolean,
  audioDataDeliveryEnabled: boolean,
});

const loggingProperties = struct<LoggingProperties>({
  loggingConfig,
  takeOverExistingConfiguration: boolean,
});

/** Decodes ResourceProperties as CloudFormation sends them. */
export function decodeLoggingProperties(raw: unknown): LoggingProperties {
  return decodeProperties(loggingProperties, raw);
}

/**
 * A digest of a configuration, as put or as GetModelInvocationLoggingConfiguration
 * answers it: a data type left out counts as not delivered, and an empty key
 * prefix as none, so the same configuration gives the same digest either way.
 */
export function loggingConfigDigest(config: LoggingConfig | LoggingConfigValue): string {
  const s3 = (c: { bucketName?: string; keyPrefix?: string } | undefined) =>
    c ? { bucketName: c.bucketName, keyPrefix: c.keyPrefix || undefined } : undefined;
  const cw = config.cloudWatchConfig;
  return digestOf({
    s3Config: s3(config.s3Config),
    cloudWatchConfig: cw
      ? { logGroupName: cw.logGroupName, roleArn: cw.roleArn, largeDataDeliveryS3Config: s3(cw.largeDataDeliveryS3Config) }
      : undefined,
    textDataDeliveryEnabled: config.textDataDeliveryEnabled === true,
    imageDataDeliveryEnabled: config.imageDataDeliveryEnabled === true,
    embeddingDataDeliveryEnabled: config.embeddingDataDeliveryEnabled === true,
    videoDataDeliveryEnabled: config.videoDataDeliveryEnabled === true,
    audioDataDeliveryEnabled: config.audioDataDeliveryEnabled === true,
  });
}

/**
 * PhysicalResourceId = `bedrock-invocation-logging#<digest>`, the
 * loggingConfigDigest of the configuration this resource last put. The live
 * configuration is this resource's exactly when its digest matches, which is
 * how Create, Update and Delete tell it from one made by anyone else. Each
 * Update that puts a new configuration returns a new id, and CloudFormation
 * then deletes the old one: that Delete finds a live configuration of another
 * digest and leaves it in place.
 */
export const LOGGING_ID = new SettingIdFormat('bedrock-invocation-logging');
