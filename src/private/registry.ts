/*
 * The registry of resource kinds: one entry per custom resource type of the
 * library. The providers take their handlers from it; the constraints script
 * derives the fixture for its operations; the bundle test and the
 * least-privilege test check every kind (and watcher) it lists. A new kind adds its line.
 *
 * Imports types only, so that the handlers (lambda/) may import it as a type.
 */

export interface ResourceKindEntry {
  /** The custom resource type in templates. */
  readonly resourceType: `Custom::Bedrock${string}`;
  /** The construct id of the kind's provider, a singleton child of its stack. */
  readonly providerId: string;
  /** The export of the handler bundle (lambda/index.ts) that handles its events. */
  readonly onEvent: string;
  /** The export that tells when its work is done, for kinds that wait. */
  readonly isComplete?: string;
  /**
   * The Bedrock operations its handlers call: its handler role is granted
   * exactly these (a create with tags, as every create of the kinds that tag is, also needs bedrock:TagResource).
   */
  readonly operations: readonly string[];
  /**
   * For kinds whose create Bedrock may refuse for capacity (two customization
   * jobs, one import at a time per account): the create waits in the stack's
   * slot queue, which the kind's watcher (this export of the handler bundle,
   * with the kind's handler role) starts from when a slot frees. `events`:
   * the detail-type of the Bedrock events that tell a slot may have freed
   * (every one of the Region); without it, the 10-minute fallback alone.
   */
  readonly queue?: { readonly watcher: string; readonly events?: string };
}

export const RESOURCE_KINDS = {
  job: {
    resourceType: 'Custom::BedrockModelCustomizationJob',
    providerId: 'BedrockModelCustomizationJobProvider',
    onEvent: 'jobOnEvent',
    isComplete: 'jobIsComplete',
    operations: [
      'CreateModelCustomizationJob', 'GetModelCustomizationJob', 'StopModelCustomizationJob', 'GetFoundationModel',
      'DeleteCustomModel', 'TagResource', 'UntagResource', 'ListTagsForResource', 'ListModelCustomizationJobs',
    ],
    queue: { watcher: 'jobWatcher', events: 'Model Customization Job State Change' },
  },
  import: {
    resourceType: 'Custom::BedrockCustomModelImport',
    providerId: 'BedrockCustomModelImportProvider',
    onEvent: 'importOnEvent',
    isComplete: 'importIsComplete',
    operations: ['CreateCustomModel', 'GetCustomModel', 'DeleteCustomModel', 'TagResource', 'UntagResource', 'ListCustomModels'],
    queue: { watcher: 'importWatcher' },
  },
  lookup: {
    resourceType: 'Custom::BedrockCustomModelLookup',
    providerId: 'BedrockCustomModelLookupProvider',
    onEvent: 'lookupOnEvent',
    operations: ['GetCustomModel', 'ListCustomModels'],
  },
  jobResult: {
    resourceType: 'Custom::BedrockModelCustomizationJobResult',
    providerId: 'BedrockModelCustomizationJobResultProvider',
    onEvent: 'jobResultOnEvent',
    operations: ['ListTagsForResource', 'TagResource', 'UntagResource', 'GetModelCustomizationJob'],
  },
  deployment: {
    resourceType: 'Custom::BedrockCustomModelDeployment',
    providerId: 'BedrockCustomModelDeploymentProvider',
    onEvent: 'deploymentOnEvent',
    isComplete: 'deploymentIsComplete',
    operations: [
      'CreateCustomModelDeployment', 'GetCustomModelDeployment', 'UpdateCustomModelDeployment', 'DeleteCustomModelDeployment',
      'TagResource', 'UntagResource',
    ],
  },
  throughput: {
    resourceType: 'Custom::BedrockProvisionedThroughput',
    providerId: 'BedrockProvisionedThroughputProvider',
    onEvent: 'throughputOnEvent',
    isComplete: 'throughputIsComplete',
    operations: [
      'CreateProvisionedModelThroughput', 'GetProvisionedModelThroughput', 'UpdateProvisionedModelThroughput', 'DeleteProvisionedModelThroughput',
      'GetCustomModel', 'TagResource', 'UntagResource',
    ],
  },
  logging: {
    resourceType: 'Custom::BedrockInvocationLogging',
    providerId: 'BedrockInvocationLoggingProvider',
    onEvent: 'loggingOnEvent',
    operations: [
      'PutModelInvocationLoggingConfiguration', 'GetModelInvocationLoggingConfiguration', 'DeleteModelInvocationLoggingConfiguration',
    ],
  },
} as const satisfies Record<string, ResourceKindEntry>;

export type ResourceKindName = keyof typeof RESOURCE_KINDS;

type Entry = (typeof RESOURCE_KINDS)[ResourceKindName];

/** Resource type names in templates. */
export type ResourceTypeName = Entry['resourceType'];

/** The exports of the handler bundle: lambda/index.ts must export exactly these. */
export type HandlerExportName = Entry['onEvent'] | Extract<Entry, { isComplete: string }>['isComplete']
  | Extract<Entry, { queue: object }>['queue']['watcher'];

/** Every export of the handler bundle a kind names (onEvent, isComplete, its queue's watcher). */
export function handlerExports(kind: ResourceKindEntry): string[] {
  return [kind.onEvent, kind.isComplete, kind.queue?.watcher].filter((name): name is string => name !== undefined);
}

/** The registry as a list. */
export const RESOURCE_KIND_ENTRIES: readonly ResourceKindEntry[] = Object.values(RESOURCE_KINDS);
