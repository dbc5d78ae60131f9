/*
 * What a resource kind of the emulator registers: its store, built for each
 * fresh state from the shared services and the other kinds' stores; the
 * operations it answers; the ARN forms it mints; and the hooks the shared
 * parts call. kinds/list.ts lists the kinds, one line each; state, dispatch,
 * start options, the emulator's accessors, the runtime's endpoints and the
 * ARN table are derived from that list (kinds/registry.ts), so that a new
 * kind is a folder and a line, and no shared file names it.
 */
import type { ArnForm } from '../arns';
import type { CapacityLimitName } from '../capacity';
import type { Handler } from '../operations/handler';
import type { EndpointResolver } from '../runtime/resolve';
import type { EmulatorState } from '../state';

/** Operation name (as in the API model) -> handler. */
export type OperationTable = { readonly [operation: string]: Handler<never, object> };

/**
 * `Store` is what the state and the emulator hold under the kind's name in
 * kinds/list.ts (`emulator.jobs`); `Options` are the kind's own start options
 * (a default plan), merged into BedrockEmulatorOptions.
 */
export interface EmulatedKind<Store, Operations extends OperationTable, Options extends object = {}> {
  readonly operations: Operations;
  /** The ARNs the store mints; none for a kind without ARNs (the logging configuration). */
  readonly arns: readonly ArnForm[];
  /** The kind's creates whose resources hold a slot of the account's limits (capacity.ts), and of which limit. */
  readonly slots?: { readonly [create in keyof Operations]?: CapacityLimitName };
  /**
   * Builds the store, at start and at every reset(). `state` holds the shared
   * services (account, clock, catalog, tags, capacity, events, iam,
   * artifacts) and every kind's store, each built when first read: a store
   * that needs one that needs it back reads it in a closure, not at once.
   */
  create(state: EmulatorState, options: Options): Store;
  /** Applies the store's plans up to the clock, before events are drained, for the changes no poll has seen. */
  settle?(store: Store): void;
  /** What the runtime (InvokeModel, Converse) serves from the store; `store` is read per call, so that it survives reset(). */
  endpoints?(store: () => Store): EndpointResolver;
}

/** A registration whatever its types, as the shared parts walk them. */
export type AnyKind = EmulatedKind<any, OperationTable, any>;
