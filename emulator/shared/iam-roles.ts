/*
 * The account's IAM roles as a service that assumes them sees them. The local
 * CloudFormation engine records the roles its stacks create, with their trust
 * policies, and forgets the ones it deletes; the Bedrock emulator asks whether
 * bedrock.amazonaws.com may assume the role a create passes. A service assumes
 * a role only if the role's trust policy allows it sts:AssumeRole
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html;
 * for Bedrock, "Attach a trust policy" in
 * https://docs.aws.amazon.com/bedrock/latest/userguide/security-iam-sr.html).
 * A role the registry does not hold (a test's made-up ARN) is not judged.
 */

type Strings = string | readonly string[] | undefined;

interface TrustStatement {
  readonly Effect?: string;
  readonly Action?: Strings;
  readonly Principal?: string | { readonly Service?: Strings };
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, Strings>>>>;
}

const list = (value: Strings): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

export class IamRoles {
  private readonly trustPolicies = new Map<string, unknown>();

  /** A role created or updated, with its AssumeRolePolicyDocument. */
  public put(roleArn: string, trustPolicy: unknown): void {
    this.trustPolicies.set(roleArn, trustPolicy);
  }

  /** A role deleted: no service can assume it any more. */
  public remove(roleArn: string): void {
    this.trustPolicies.set(roleArn, { Statement: [] });
  }

  /**
   * Whether `service` (its principal, `bedrock.amazonaws.com`), acting for `account`, may assume the role; undefined
   * for a role not held. An Allow of sts:AssumeRole to the service principal, no Deny of it; of the conditions, only
   * `aws:SourceAccount` under StringEquals is read (the source ARN of a create is not modelled: such a condition passes).
   */
  public mayAssume(roleArn: string, service: string, account: string): boolean | undefined {
    if (!this.trustPolicies.has(roleArn)) return undefined;
    const document = this.trustPolicies.get(roleArn) as { readonly Statement?: TrustStatement | readonly TrustStatement[] } | undefined;
    const statements = [document?.Statement ?? []].flat() as TrustStatement[];
    const applies = (s: TrustStatement) => assumesRole(s) && names(s, service) && accountMatches(s, account);
    // A Deny applies only if it has no condition but those read here (the others are not evaluated).
    const readable = (s: TrustStatement) => Object.entries(s.Condition ?? {})
      .every(([operator, keys]) => operator === 'StringEquals' && Object.keys(keys).every((key) => key === 'aws:SourceAccount'));
    return statements.some((s) => s.Effect === 'Allow' && applies(s)) && !statements.some((s) => s.Effect === 'Deny' && readable(s) && applies(s));
  }
}

function assumesRole(statement: TrustStatement): boolean {
  return list(statement.Action).some((action) => ['sts:AssumeRole', 'sts:*', '*'].includes(action));
}

function names(statement: TrustStatement, service: string): boolean {
  const principal = statement.Principal;
  if (principal === '*') return true;
  return typeof principal === 'object' && list(principal.Service).includes(service);
}

function accountMatches(statement: TrustStatement, account: string): boolean {
  const expected = statement.Condition?.StringEquals?.['aws:SourceAccount'];
  return expected === undefined || list(expected).includes(account);
}
