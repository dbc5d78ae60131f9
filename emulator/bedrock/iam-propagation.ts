/*
 * IAM is eventually consistent: right after a role is created, Bedrock may not
 * be able to assume it yet and rejects the create that passes it. The emulator
 * plays this out by count: the first `failuresPerNewRole` creates that pass a
 * role it has not seen succeed fail, as a freshly deployed stack sees.
 */
import { validationError } from './errors';

export const ASSUME_ROLE_FAILURE = 'Could not assume provided IAM role.';

export class IamPropagation {
  private readonly attempts = new Map<string, number>();

  /** How many creates with a new role fail before the role "propagates". */
  constructor(public failuresPerNewRole: number = 0) {}

  /** Counts a create that passes `roleArn`; throws while the role has not propagated. */
  public assume(roleArn: string | undefined): void {
    if (roleArn === undefined) return;
    const attempt = (this.attempts.get(roleArn) ?? 0) + 1;
    this.attempts.set(roleArn, attempt);
    if (attempt <= this.failuresPerNewRole) throw validationError(ASSUME_ROLE_FAILURE);
  }

  /** The role works from now on. */
  public propagate(roleArn: string): void {
    this.attempts.set(roleArn, Infinity);
  }
}
