/*
 * Everything the emulated Bedrock holds for one account and region: the
 * shared services, and one store per registered kind (kinds/list.ts), each
 * built by its registration. reset() builds a fresh one.
 */
import { Account } from './arns';
import { Capacity, CapacityOptions } from './capacity';
import { DEFAULT_FOUNDATION_MODELS, FoundationModelCatalog, FoundationModelEntry } from './catalog';
import { ClockOptions, EmulatedClock } from './clock';
import { BedrockEvents } from './events';
import { IamPropagation } from './iam-propagation';
import type { IamRoles } from '../shared/iam-roles';
import { addKindStores, KindOptions, KindStores, settleKinds, SLOT_LIMITS } from './kinds/registry';
import { TagStore } from './tags';

/** The options of the shared services; each kind adds its own (its default plan: `jobPlan`...). */
export interface SharedStateOptions {
  readonly clock?: ClockOptions;
  /** How many creates with a role never used before fail with "Could not assume provided IAM role.". Default 0. */
  readonly iamPropagationFailures?: number;
  /**
   * The account's IAM roles with their trust policies, as the local CloudFormation engine records its stacks' roles
   * (give both the same one): a create that passes a held role bedrock.amazonaws.com may not assume is refused with
   * "Could not assume provided IAM role.". Default: none, every role is taken as assumable.
   */
  readonly iamRoles?: IamRoles;
  /** The account's concurrency limits and their rules (capacity.ts). Default: 2 customization jobs, 1 import. */
  readonly capacity?: CapacityOptions;
  /** The foundation models of the region. Default: foundation-models.json. */
  readonly foundationModels?: readonly FoundationModelEntry[];
}

export type StateOptions = SharedStateOptions & KindOptions;

/**
 * Where resources write their output artifacts (the emulated S3; it creates a
 * bucket it does not hold) and read their input ones (a kind that validates
 * what a request points at; optional, as a store that only takes writes has none).
 */
export interface ArtifactStore {
  put(bucket: string, key: string, body: string, options: { readonly contentType: string; readonly lastModified: Date }): void;
  /** The buckets the store holds. */
  buckets?(): string[];
  /** The keys of a bucket that start with `prefix` ([] for a bucket it does not hold). */
  keys?(bucket: string, prefix?: string): string[];
  /** An object's body as text, or undefined. */
  get?(bucket: string, key: string): string | undefined;
}

/** What every kind's store may use. */
export interface SharedServices {
  readonly account: Account;
  readonly clock: EmulatedClock;
  readonly catalog: FoundationModelCatalog;
  readonly tags: TagStore;
  readonly capacity: Capacity;
  readonly events: BedrockEvents;
  readonly iam: IamPropagation;
  /** Where completed jobs write their metrics files, and imports read their sources; none without an S3. */
  readonly artifacts?: ArtifactStore;
}

export type EmulatorState = SharedServices & KindStores;

/** `artifacts`: where completed jobs write their metrics files (the emulated S3). */
export function createState(account: Account, options: StateOptions = {}, artifacts?: ArtifactStore): EmulatorState {
  const clock = new EmulatedClock(options.clock);
  const shared: SharedServices = {
    account,
    clock,
    catalog: new FoundationModelCatalog(account, options.foundationModels ?? DEFAULT_FOUNDATION_MODELS),
    tags: new TagStore(),
    capacity: new Capacity(() => clock.now(), options.capacity, SLOT_LIMITS),
    // Events settle the stores to find the changes that time made, which no poll has seen.
    events: new BedrockEvents(account, (): void => settleKinds(state)),
    iam: new IamPropagation(options.iamPropagationFailures, options.iamRoles && { roles: options.iamRoles, account: account.accountId }),
    artifacts,
  };
  const state = addKindStores({ ...shared }, options);
  return state;
}
