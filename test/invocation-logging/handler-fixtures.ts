/*
 * Invocation logging events and properties as CloudFormation delivers them
 * (every scalar a string).
 */
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { decodeLoggingProperties, LOGGING_ID, loggingConfigDigest } from '../../lambda/invocation-logging/properties';
import { CREATE_REQUEST_ID, DELETE_REQUEST_ID, RawProperties, SERVICE_TOKEN, STACK_ID, UPDATE_REQUEST_ID } from '../lambda/fixtures';

export const LOGGING_LOGICAL_ID = 'InvocationLogging1A2B3C4D';
export const LOG_ROLE_ARN = 'arn:aws:iam::123456789012:role/LoggingStack-CloudWatchRole';

/** A configuration with both destinations, as CloudFormation sends it. */
export function loggingProperties(overrides: Record<string, unknown> = {}, takeOver = 'false'): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    loggingConfig: {
      s3Config: { bucketName: 'logs-bucket', keyPrefix: 'bedrock' },
      cloudWatchConfig: { logGroupName: '/bedrock/invocations', roleArn: LOG_ROLE_ARN, largeDataDeliveryS3Config: { bucketName: 'large-bucket' } },
      textDataDeliveryEnabled: 'true',
      imageDataDeliveryEnabled: 'true',
      embeddingDataDeliveryEnabled: 'false',
      videoDataDeliveryEnabled: 'false',
      audioDataDeliveryEnabled: 'false',
      ...overrides,
    },
    takeOverExistingConfiguration: takeOver,
  };
}

/** The physical id of the resource that put `props`. */
export function loggingPhysicalId(props: RawProperties): string {
  return LOGGING_ID.format(loggingConfigDigest(decodeLoggingProperties(props).loggingConfig));
}

const common = {
  ServiceToken: SERVICE_TOKEN,
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/presigned',
  StackId: STACK_ID,
  LogicalResourceId: LOGGING_LOGICAL_ID,
  ResourceType: 'Custom::BedrockInvocationLogging',
};

export function loggingCreate(props: RawProperties): CloudFormationCustomResourceCreateEvent {
  return { ...common, RequestType: 'Create', RequestId: CREATE_REQUEST_ID, ResourceProperties: props as never };
}

export function loggingUpdate(physicalId: string, oldProps: RawProperties, props: RawProperties): CloudFormationCustomResourceUpdateEvent {
  return {
    ...common,
    RequestType: 'Update',
    RequestId: UPDATE_REQUEST_ID,
    PhysicalResourceId: physicalId,
    ResourceProperties: props as never,
    OldResourceProperties: oldProps as never,
  };
}

export function loggingDelete(physicalId: string, props: RawProperties): CloudFormationCustomResourceDeleteEvent {
  return { ...common, RequestType: 'Delete', RequestId: DELETE_REQUEST_ID, PhysicalResourceId: physicalId, ResourceProperties: props as never };
}
