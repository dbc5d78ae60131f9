/*
 * What the shared parts read of the registered kinds (list.ts): the state's
 * stores and start options by name, the operations table, the ARN forms and
 * the hooks, typed per kind from the list itself.
 */
import type { AnyKind, EmulatedKind } from './kind';
import * as LIST from './list';
import type { ArnForm } from '../arns';
import type { SlotLimits } from '../capacity';
import type { EmulatorState } from '../state';

type List = typeof LIST;

/** The name of a registered kind: its key in the state and on the emulator. */
export type KindName = keyof List;

type KindOf<N extends KindName> = List[N]['KIND'];

/** Every kind's store, under the kind's name. */
export type KindStores = { readonly [N in KindName]: ReturnType<KindOf<N>['create']> };

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The start options of every kind (its default plan), merged. */
export type KindOptions = UnionToIntersection<{ [N in KindName]: KindOf<N> extends EmulatedKind<any, any, infer O> ? O : never }[KindName]>;

/** Every kind's operations, merged: each handler keeps its request and response types. */
export type KindOperations = UnionToIntersection<{ [N in KindName]: KindOf<N>['operations'] }[KindName]>;

/** The registrations, in the list's order. */
export const KINDS: ReadonlyArray<readonly [KindName, AnyKind]> = (Object.keys(LIST) as KindName[]).map((name) => [name, LIST[name].KIND as AnyKind]);

/** Every kind's operations in one table; an operation two kinds claim is a mistake of the list. */
export const KIND_OPERATIONS: KindOperations = mergeOperations();

/** Every ARN form of the kinds, with the kind that mints it. */
export const ARN_FORMS: ReadonlyArray<{ readonly kind: KindName; readonly form: ArnForm }> =
  KINDS.flatMap(([kind, registration]) => registration.arns.map((form) => ({ kind, form })));

/** Which limit each create counts against, from the kinds' `slots`. */
export const SLOT_LIMITS: SlotLimits = Object.assign({}, ...KINDS.map(([, kind]) => kind.slots ?? {}));

/**
 * Adds every kind's store to `state`, each built when first read (so that a
 * store may read another while it is built, whatever the list's order), then
 * reads them all: a fresh state holds every store at once, as before.
 */
export function addKindStores(state: Omit<EmulatorState, KindName>, options: KindOptions): EmulatorState {
  const building = new Set<KindName>();
  for (const [name, kind] of KINDS) {
    let store: unknown;
    Object.defineProperty(state, name, {
      enumerable: true,
      get: () => {
        if (store !== undefined) return store;
        if (building.has(name)) throw new Error(`The emulated kind ${name} needs itself while it is built: read that store in a closure`);
        building.add(name);
        try {
          store = kind.create(state as EmulatorState, options);
        } finally {
          // A create that throws leaves the kind unbuilt, not "building" for ever.
          building.delete(name);
        }
        return store;
      },
    });
  }
  const full = state as EmulatorState;
  KINDS.forEach(([name]) => full[name]);
  return full;
}

/** Applies every kind's plans up to the clock (kinds with a `settle`). */
export function settleKinds(state: EmulatorState): void {
  KINDS.forEach(([name, kind]) => kind.settle?.(state[name]));
}

function mergeOperations(): KindOperations {
  const table: Record<string, unknown> = {};
  for (const [name, kind] of KINDS) {
    for (const [operation, handler] of Object.entries(kind.operations)) {
      if (operation in table) throw new Error(`${operation} is registered twice (again by ${name})`);
      table[operation] = handler;
    }
  }
  return table as KindOperations;
}
