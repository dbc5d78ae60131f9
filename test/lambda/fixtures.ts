/*
 * Events and properties as CloudFormation delivers them to the handler:
 * every scalar a string, unknown keys (ServiceToken, ServiceTimeout) present.
 */
import { BedrockClient, CreateModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { DEPLOYMENT } from '../../lambda/custom-model-deployment/properties';
import { modelTagsDigest } from '../../lambda/model-customization-job/model-tags';
import { JobEventResult, onEvent } from '../../lambda/model-customization-job/on-event';
import { JOB } from '../../lambda/model-customization-job/properties';
import { THROUGHPUT } from '../../lambda/provisioned-throughput/properties';
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

/** Job properties the way CloudFormation sends them (hyperParameters values are strings). */
export function rawProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    ServiceTimeout: '3600',
    baseModelIdentifier: 'amazon.titan-text-express-v1:0:8k',
    customizationType: 'FINE_TUNING',
    roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomizationRole',
    trainingDataS3Uri: 's3://data-bucket/train.jsonl',
    validationDataS3Uris: ['s3://data-bucket/validation-1.jsonl', 's3://data-bucket/validation-2.jsonl'],
    outputDataS3Uri: 's3://output-bucket/jobs/',
    hyperParameters: { epochCount: '2', batchSize: '1', learningRate: '0.00001' },
    jobTags: [{ key: 'team', value: 'ml' }],
    customModelTags: [{ key: 'cost-center', value: '42' }],
    removalPolicy: 'retain',
    ...overrides,
  };
}

/** A distillation from invocation logs, as CloudFormation sends it (numbers and booleans as strings). */
export function distillationProperties(overrides: RawProperties = {}): RawProperties {
  return rawProperties({
    baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
    customizationType: 'DISTILLATION',
    trainingDataS3Uri: undefined,
    invocationLogs: {
      s3Uri: 's3://logs-bucket/bedrock/',
      usePromptResponse: 'true',
      requestMetadataFilters: { andAll: [{ equals: { project: 'runbooks' } }, { notEquals: { stage: 'dev' } }] },
    },
    distillation: { teacherModelIdentifier: 'us.amazon.nova-premier-v1:0', maxResponseLengthForInference: '1000' },
    hyperParameters: undefined,
    ...overrides,
  });
}

export const GRADER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:grader';

/** A reinforcement fine-tuning with a grader and typed hyperparameters, as CloudFormation sends it. */
export function rftProperties(overrides: RawProperties = {}): RawProperties {
  return rawProperties({
    baseModelIdentifier: 'amazon.nova-2-lite-v1:0:256k',
    customizationType: 'REINFORCEMENT_FINE_TUNING',
    reinforcementFineTuning: {
      graderLambdaArn: GRADER_ARN,
      hyperParameters: { epochCount: '2', batchSize: '64', learningRate: '1e-05', trainingSamplePerPrompt: '4', reasoningEffort: 'medium' },
    },
    hyperParameters: undefined,
    ...overrides,
  });
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

/** The physical id of a job created from `props` (pending: as onEvent returns it, until isComplete confirms it). */
export function jobPhysicalId(jobArn: string, seed: string, props: RawProperties = rawProperties(), pending = false): string {
  const decoded = JOB.decode(props);
  const extra = decoded.customModelTags?.length ? modelTagsDigest(decoded.customModelTags) : undefined;
  return JOB.physicalId.format({ arn: jobArn, seed, digest: JOB.digest(decoded), extra, pending });
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

/** Creates a job (JOB_ARN) as CloudFormation would, then resets the mock, so that a test sees only the calls that follow. */
export async function createdJob(bedrock: AwsClientStub<BedrockClient>, props: RawProperties): Promise<JobEventResult> {
  bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
  const result = await onEvent(createEvent(props));
  bedrock.reset();
  // The id CloudFormation then holds: isComplete confirms the pending one onEvent returned.
  return { ...result, PhysicalResourceId: JOB.physicalId.confirmed(JOB.physicalId.parse(result.PhysicalResourceId)!) };
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

export const DEPLOYMENT_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abcdefghijkl';
export const DEPLOYMENT_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/mnopqrstuvwx';
export const IMPORTED_MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';

/** Deployment properties the way CloudFormation sends them (the timeout as a string). */
export function deploymentProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    modelArn: MODEL_ARN,
    description: 'Support answers',
    tags: [{ key: 'team', value: 'support' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '1800',
    ...overrides,
  };
}

/** The physical id of a deployment created from `props` (see seededPhysicalId). */
export function deploymentPhysicalId(props: RawProperties = deploymentProperties(), pending = false, arn = DEPLOYMENT_ARN): string {
  return seededPhysicalId(DEPLOYMENT, arn, props, pending);
}

export const THROUGHPUT_ARN = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl';
export const THROUGHPUT_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/mnopqrstuvwx';
/** Another custom model of the same base model as MODEL_ARN. */
export const MODEL_ARN_2 = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/zz9876543210';
/** The name generated for a throughput whose Create had the fixtures' seed (see throughputPhysicalId). */
export const GENERATED_THROUGHPUT_NAME = 'FineTuneStack-TuneJob1A2B3C4D-0a1b2c3d';

/** Provisioned throughput properties the way CloudFormation sends them (numbers as strings). */
export function throughputProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    modelId: MODEL_ARN,
    modelUnits: '1',
    tags: [{ key: 'team', value: 'support' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '1800',
    ...overrides,
  };
}

/** The physical id of a throughput created from `props` (see seededPhysicalId). */
export function throughputPhysicalId(props: RawProperties = throughputProperties(), pending = false, arn = THROUGHPUT_ARN): string {
  return seededPhysicalId(THROUGHPUT, arn, props, pending);
}

/** A throughput as GetProvisionedModelThroughput describes it: THROUGHPUT_ARN, serving MODEL_ARN, under the generated name. */
export function throughputDetails(status: string, extra: object = {}): never {
  return {
    provisionedModelArn: THROUGHPUT_ARN,
    provisionedModelName: GENERATED_THROUGHPUT_NAME,
    modelArn: MODEL_ARN,
    desiredModelArn: MODEL_ARN,
    foundationModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k',
    modelUnits: 1,
    desiredModelUnits: 1,
    status,
    creationTime: new Date(),
    lastModifiedTime: new Date(),
    ...extra,
  } as never;
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

/** The properties of a `Custom::BedrockNovaModelImport` as the construct writes them. */
export function importProperties(overrides: RawProperties = {}): RawProperties {
  return {
    ServiceToken: SERVICE_TOKEN,
    modelSourceS3Uri: 's3://sagemaker-us-east-1-123456789012/nova/output/model/',
    roleArn: 'arn:aws:iam::123456789012:role/ImportRole',
    modelTags: [{ key: 'team', value: 'support' }],
    removalPolicy: 'retain',
    completionTimeoutSeconds: '1800',
    ...overrides,
  };
}
