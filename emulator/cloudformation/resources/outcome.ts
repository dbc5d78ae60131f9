import { ResourceState } from '../stack/state';

/** How creating or updating a resource ended. */
export type ProvisionOutcome =
  | { readonly ok: true; readonly state: ResourceState }
  | {
    readonly ok: false;
    readonly reason: string;
    /** A resource that exists despite the failure, to delete on rollback (a failed Create's PhysicalResourceId). */
    readonly leftover?: ResourceState;
  };

export type DeleteOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };
