/*
 * IAM is eventually consistent: right after a role is created, Bedrock may not
 * be able to assume it yet and rejects the create that passes it. The emulator
 * plays this out by count: the first `failuresPerNewRole` creates that pass a
 * role it has not seen succeed fail, as a freshly deployed stack sees.
 * `checkedFirst` says where in a create the role is checked. A role whose
 * trust policy does not let bedrock.amazonaws.com assume it (when the account's
 * roles are known: `trust`) is refused at every try, in the same check and
 * with the same message: Bedrock tries to assume it and cannot.
 */
import { validationError } from './errors';
import type { IamRoles } from '../shared/iam-roles';

/** The account's roles with their trust policies, and the account Bedrock acts for. */
export interface RoleTrust {
  readonly roles: IamRoles;
  readonly account: string;
}

export const ASSUME_ROLE_FAILURE = 'Could not assume provided IAM role.';

export class IamPropagation {
  /**
   * L-39. Where a create (CreateModelCustomizationJob, CreateCustomModel,
   * CreateModelImportJob) checks its role. AWS does not say; IAM changes are
   * eventually consistent
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
   * true (the default): before anything else, so an unpropagated role is
   * refused even for a create over the quota, invalid, or repeating an
   * accepted token; the reading that refuses most, and that counts a failure
   * for every such create. false: after the token, the quota and the
   * request's own checks, so a retry of an accepted create gets its resource
   * and a create refused for another reason counts no failure. For the creates
   * that check through assumeFirst and assumeLast.
   */
  public checkedFirst = true;
  private readonly attempts = new Map<string, number>();

  /** How many creates with a new role fail before the role "propagates"; `trust`: the roles Bedrock may assume. */
  constructor(public failuresPerNewRole: number = 0, private readonly trust?: RoleTrust) {}

  /** Counts a create that passes `roleArn`; throws while the role has not propagated, or if Bedrock may never assume it. */
  public assume(roleArn: string | undefined): void {
    if (roleArn === undefined) return;
    if (this.trust?.roles.mayAssume(roleArn, 'bedrock.amazonaws.com', this.trust.account) === false) throw validationError(ASSUME_ROLE_FAILURE);
    const attempt = (this.attempts.get(roleArn) ?? 0) + 1;
    this.attempts.set(roleArn, attempt);
    if (attempt <= this.failuresPerNewRole) throw validationError(ASSUME_ROLE_FAILURE);
  }

  /** A create's role check at its start: `assume` while checkedFirst. */
  public assumeFirst(roleArn: string | undefined): void {
    if (this.checkedFirst) this.assume(roleArn);
  }

  /** A create's role check once its token, quota and own checks have passed: `assume` unless checkedFirst. */
  public assumeLast(roleArn: string | undefined): void {
    if (!this.checkedFirst) this.assume(roleArn);
  }

  /** The role works from now on. */
  public propagate(roleArn: string): void {
    this.attempts.set(roleArn, Infinity);
  }
}
