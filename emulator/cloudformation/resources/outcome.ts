import { ResourceState } from '../stack/state';

/** How creating or updating a resource ended. */
export type ProvisionOutcome =
  | { readonly ok: true; readonly state: ResourceState }
  | {
    readonly ok: false;
    readonly reason: string;
    /** A resource that exists despite the failure, to delete on rollback (a failed Create's PhysicalResourceId). */
    readonly leftover?: ResourceState;
    /** A failed Update that changed nothing (so a rollback has nothing to put back). */
    readonly untouched?: boolean;
  };

export type DeleteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };
