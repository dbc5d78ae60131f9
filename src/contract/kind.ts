/*
 * What a resource kind is, as data: its descriptor. Each kind's file under
 * kinds/ exports one, and the registry lists them. From a descriptor the
 * constructs derive the kind's provider (functions, handler role and its
 * statements) and the synth-time checks of its props; the constraints script
 * derives the fixture of its operations; the bundle and least-privilege tests
 * check it. Plain data: the handlers and the emulator read it too.
 */

/**
 * What a Bedrock operation acts on, for IAM: every resource of that type in
 * the stack's account and Region (foundation models: the Region's), or `*`
 * for operations that act on no resource type (lists, the logging
 * configuration).
 */
export type ArnTarget = 'custom-model' | 'model-customization-job' | 'model-import-job' | 'imported-model'
| 'custom-model-deployment' | 'provisioned-model' | 'foundation-model' | '*';

/** Bedrock operations the handler role may call, on what. */
export interface OperationGrant {
  /** Operation names of the Bedrock API model (`CreateCustomModel`): the action is `bedrock:<name>`. */
  readonly operations: readonly string[];
  /** What they act on. Empty when only the construct knows (a job's base model), which it adds on use. */
  readonly on: readonly ArnTarget[];
  /**
   * Granted when a construct first needs it (`grantOnUse(key)` on the provider),
   * not with the provider: a stack's lookups by filters only never read a model by name.
   * @default - with the provider
   */
  readonly onUse?: string;
}

/** Where one prop of the kind's construct lands in a Bedrock request. */
export interface RequestProp {
  /** The path in the request (see constraints.ts, resolvePath). */
  readonly path: string;
  /**
   * The path of its value in the resource properties, for the derived check.
   * @default - the kind checks it itself (or ResourceTags does: tags)
   */
  readonly property?: string;
  /**
   * What the user knows the value by, when it is not the prop itself: `role (its ARN)`.
   * @default - the prop
   */
  readonly label?: string;
}

/** A request whose constraints the kind's props must meet, and where each prop lands in it. */
export interface RequestTable {
  /** The input shape: `CreateCustomModelRequest`. */
  readonly shape: string;
  readonly props: { readonly [prop: string]: RequestProp };
}

export interface ResourceKindEntry {
  /** The custom resource type in templates. */
  readonly resourceType: `Custom::Bedrock${string}`;
  /** The construct id of the kind's provider, a singleton child of its stack. */
  readonly providerId: string;
  /** The export of the handler bundle (lambda/index.ts) that handles its events. */
  readonly onEvent: string;
  /** The export that tells when its work is done, for kinds that wait. */
  readonly isComplete?: string;
  /** What its functions and role are for, in their descriptions. */
  readonly describe: {
    readonly role: string;
    readonly onEvent: string;
    readonly isComplete?: string;
    readonly watcher?: string;
  };
  /**
   * How long one invocation of its handlers may take, in minutes.
   * @default 5
   */
  readonly handlerTimeoutMinutes?: number;
  /**
   * What it tags: every resource it creates gets at least the provenance tags,
   * so its handlers may TagResource and UntagResource these.
   * @default - it tags nothing
   */
  readonly tags?: readonly ArnTarget[];
  /** The Bedrock operations its handlers call, on what (tagging aside: see tags). */
  readonly grants: readonly OperationGrant[];
  /**
   * For kinds whose create Bedrock may refuse for capacity (two customization
   * jobs, one import at a time per account): the create waits in the stack's
   * slot queue, which the kind's watcher (this export of the handler bundle,
   * with the kind's handler role) starts from when a slot frees. `events`:
   * the detail-type of the Bedrock events that tell a slot may have freed
   * (every one of the Region); without it, the 10-minute fallback alone.
   */
  readonly queue?: { readonly watcher: string; readonly events?: string };
  /** The requests its props reach, for synth-time validation and its coverage tests. */
  readonly requests?: readonly RequestTable[];
  /**
   * For a kind a wait condition may wait for, up to 12 hours (longer than a
   * custom resource can; src/private/condition-wait.ts): the kind (its key
   * in the registry) of the result resource that reads the ended job after
   * the condition. The kind's queue watcher signals the condition.
   * @default - only its custom resource waits (up to 55 minutes)
   */
  readonly conditionWait?: { readonly result: string };
  /**
   * Properties that never make a new resource (library-only settings, tags):
   * a wait's generation (src/private/wait-generation.ts) leaves them out of
   * the resources it digests.
   * @default - every property defines the resource
   */
  readonly notDefining?: readonly string[];
}

/** Every Bedrock operation a kind's handler role is granted, each once, in grant order (tagging first). */
export function operationsOf(kind: ResourceKindEntry): string[] {
  const tagging = kind.tags?.length ? ['TagResource', 'UntagResource'] : [];
  return [...new Set([...tagging, ...kind.grants.flatMap((grant) => grant.operations)])];
}

/** Every export of the handler bundle a kind names (onEvent, isComplete, its queue's watcher). */
export function handlerExports(kind: ResourceKindEntry): string[] {
  return [kind.onEvent, kind.isComplete, kind.queue?.watcher].filter((name): name is string => name !== undefined);
}

/** A request table of the kind, by its input shape. */
export function requestTable(kind: ResourceKindEntry, shape: string): RequestTable {
  const table = kind.requests?.find((request) => request.shape === shape);
  if (!table) throw new Error(`${kind.resourceType} sends no ${shape}`);
  return table;
}

/** Prop → request path of a table: what the coverage tests walk. */
export function propPaths(table: RequestTable): Record<string, string> {
  return Object.fromEntries(Object.entries(table.props).map(([prop, { path }]) => [prop, path]));
}
