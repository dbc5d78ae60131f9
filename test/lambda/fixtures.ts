/*
 * Events as CloudFormation delivers them to the handlers, and the mocked
 * Bedrock client, for every kind's handler tests: every scalar a string,
 * unknown keys (ServiceToken, ServiceTimeout) present. Each kind's own
 * properties and ids are in its test folder (test/<kind>/handler-fixtures.ts).
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { RemovableProperties, ResourceKind } from '../../lambda/shared/resource-kind';

export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/FineTuneStack/5b3d0f50-a1b2-11ef-8000-0a1b2c3d4e5f';
export const LOGICAL_ID = 'TuneJob1A2B3C4D';
export const CREATE_REQUEST_ID = '11111111-1111-4111-8111-111111111111';
export const UPDATE_REQUEST_ID = '22222222-2222-4222-8222-222222222222';
export const DELETE_REQUEST_ID = '33333333-3333-4333-8333-333333333333';

export const JOB_ARN = 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/amazon.titan-text-express-v1:0:8k/abcdefghijkl';
export const JOB_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/amazon.titan-text-express-v1:0:8k/mnopqrstuvwx';
export const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/yz0123456789';

/** The Provider framework's PhysicalResourceId after a failed Create. */
export const CREATE_FAILED_PLACEHOLDER = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

export type RawProperties = Record<string, unknown>;

/** The Provider framework's function, which CloudFormation sends with every resource's properties. */
export const SERVICE_TOKEN = 'arn:aws:lambda:us-east-1:123456789012:function:provider-framework-onEvent';
/** The seed of the fixtures' Creates, in the physical ids built here. */
export const SEED = '0a1b2c3d';

/** The physical id of a `kind` created from `props` with SEED (pending: as onEvent returns it, until isComplete confirms it). */
export function seededPhysicalId<P extends RemovableProperties>(kind: ResourceKind<P>, arn: string, props: RawProperties, pending = false): string {
  return kind.physicalId.format({ arn, seed: SEED, digest: kind.digest(kind.decode(props)), pending });
}

const common = {
  ServiceToken: SERVICE_TOKEN,
  ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/presigned',
  StackId: STACK_ID,
  LogicalResourceId: LOGICAL_ID,
  ResourceType: 'Custom::BedrockModelCustomizationJob',
};

export function createEvent(props: RawProperties, requestId = CREATE_REQUEST_ID): CloudFormationCustomResourceCreateEvent {
  return { ...common, RequestType: 'Create', RequestId: requestId, ResourceProperties: props as never };
}

export function updateEvent(
  physicalResourceId: string, oldProps: RawProperties, props: RawProperties, requestId = UPDATE_REQUEST_ID,
): CloudFormationCustomResourceUpdateEvent {
  return {
    ...common,
    RequestType: 'Update',
    RequestId: requestId,
    PhysicalResourceId: physicalResourceId,
    ResourceProperties: props as never,
    OldResourceProperties: oldProps as never,
  };
}

export function deleteEvent(
  physicalResourceId: string, props: RawProperties, requestId = DELETE_REQUEST_ID,
): CloudFormationCustomResourceDeleteEvent {
  return { ...common, RequestType: 'Delete', RequestId: requestId, PhysicalResourceId: physicalResourceId, ResourceProperties: props as never };
}

/** Silences the handlers' JSON logs; returns the spy to read them. */
export function captureLogs(): jest.SpyInstance {
  return jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
}

/** The JSON log lines written through a captureLogs() spy. */
export function logLines(spy: jest.SpyInstance): Array<Record<string, unknown>> {
  return spy.mock.calls
    .map(([chunk]) => String(chunk))
    .filter(line => line.startsWith('{'))
    .map(line => JSON.parse(line));
}

/**
 * Makes the handlers' sleeps (the mocked `setTimeout` of `timers/promises`)
 * take no real time and move `Date.now()` forward instead. Returns the spy on
 * Date.now.
 */
export function virtualTime(sleep: unknown): jest.SpyInstance {
  let now = Date.now();
  (sleep as jest.Mock).mockImplementation(async (ms: number) => {
    now += ms;
  });
  return jest.spyOn(Date, 'now').mockImplementation(() => now);
}

/** The Bedrock client mocked for one test file, and the spy on the running test's logs. */
export interface MockedBedrock {
  readonly bedrock: AwsClientStub<BedrockClient>;
  logs(): jest.SpyInstance;
}

/**
 * The per-test setup of handler tests: a reset Bedrock mock and silenced logs.
 * Call it once per test file: mockClient stubs the send of BedrockClient's
 * prototype, which every client the handlers make shares.
 */
export function useMockedBedrock(): MockedBedrock {
  const bedrock = mockClient(BedrockClient);
  let logs: jest.SpyInstance | undefined;
  beforeEach(() => {
    bedrock.reset();
    logs = captureLogs();
  });
  afterEach(() => logs?.mockRestore());
  return { bedrock, logs: () => logs! };
}

/** useMockedBedrock for handlers that sleep, with virtual time (see virtualTime). */
export function useSleepingHandler(sleep: unknown): MockedBedrock {
  const mocked = useMockedBedrock();
  let now: jest.SpyInstance | undefined;
  beforeEach(() => {
    now = virtualTime(sleep);
  });
  afterEach(() => now?.mockRestore());
  return mocked;
}

/** A Deadline a minute ahead, and one just passed (ISO 8601, as onEvent returns it). */
export const laterDeadline = (): string => new Date(Date.now() + 60_000).toISOString();
export const passedDeadline = (): string => new Date(Date.now() - 1).toISOString();

/** `text` for a RegExp, its `.:/()` escaped (ARNs, statuses in parentheses). */
export const escaped = (text: string): string => text.replace(/[.:/()]/g, '\\$&');

/** The event isComplete gets: the request merged with onEvent's result (a pending id and a deadline a minute ahead, unless `result` says otherwise). */
export function waitEventOf<E>(request: CloudFormationCustomResourceEvent, pendingId: string, result: Partial<E> = {}): E {
  return { ...request, PhysicalResourceId: pendingId, Deadline: laterDeadline(), ...result } as E;
}

export const IMPORTED_MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';
/** Another custom model of the same base model as MODEL_ARN. */
export const MODEL_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/zz9876543210';
