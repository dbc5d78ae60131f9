/*
 * The IAM policy documents of a synthesized template, sized as IAM sizes
 * them: with CloudFormation's intrinsics resolved to realistic values (the
 * local CloudFormation engine's resolver, with the names and ARNs it
 * generates) and whitespace not counted.
 */
import { nativeResource } from '../../emulator/cloudformation/resources/native-types';
import { StackExports } from '../../emulator/cloudformation/stack/exports';
import { StackIdentity } from '../../emulator/cloudformation/stack/identity';
import { parameterValues } from '../../emulator/cloudformation/stack/parameters';
import { StackScope } from '../../emulator/cloudformation/stack/scope';
import { ResourceState } from '../../emulator/cloudformation/stack/state';
import { isCustomResourceType, Template } from '../../emulator/cloudformation/template';

/**
 * IAM's character limits (whitespace not counted), from "IAM and AWS STS quotas"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html):
 * the inline policies of a role together at most 10,240 characters, a managed
 * policy at most 6,144, a role trust policy at most 2,048 by default (a quota
 * that can be raised).
 */
export const IAM_LIMITS = { roleInlinePolicies: 10_240, managedPolicy: 6_144, roleTrustPolicy: 2_048 } as const;

export interface SizedDocument {
  /** The policy's logical id (or, for a role's own inline policy, `<role>/<PolicyName>`). */
  readonly name: string;
  readonly size: number;
  readonly document: unknown;
}

export interface RolePolicies {
  /** The role's logical id, or the name of a role outside the template. */
  readonly role: string;
  readonly trustPolicy?: SizedDocument & { readonly limit: number; readonly withinLimit: boolean };
  readonly inlinePolicies: readonly SizedDocument[];
  /** All its inline policies together, which is what IAM limits. */
  readonly inlineTotal: { readonly size: number; readonly limit: number; readonly withinLimit: boolean };
  /** Managed policies attached to it (10 by default, a quota). */
  readonly attachedManagedPolicies: number;
}

export interface IamPolicies {
  readonly roles: readonly RolePolicies[];
  readonly managedPolicies: readonly (SizedDocument & { readonly limit: number; readonly withinLimit: boolean })[];
  /** The largest size of each kind, for a glance. */
  readonly largest: { readonly roleInlinePolicies: number; readonly managedPolicy: number; readonly roleTrustPolicy: number };
  /** What is over its limit, worded for a reader (empty when all fit). */
  readonly overLimit: readonly string[];
}

/** A policy's size as IAM counts it: its JSON without whitespace. */
export function iamSize(document: unknown): number {
  return JSON.stringify(document).replace(/\s/g, '').length;
}

/** The template's IAM policy documents, resolved as if deployed as `identity`. */
export function iamPolicies(template: Template, identity: StackIdentity): IamPolicies {
  const resolve = templateResolver(template, identity);
  const roles = new Map<string, { trust?: unknown; inline: SizedDocument[]; managed: number }>();
  const roleOf = (key: string) => {
    if (!roles.has(key)) roles.set(key, { inline: [], managed: 0 });
    return roles.get(key)!;
  };
  const managedPolicies: IamPolicies['managedPolicies'][number][] = [];

  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::IAM::Role') {
      const props = resolve(id);
      const role = roleOf(id);
      role.trust = props.AssumeRolePolicyDocument;
      for (const p of (props.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[]) {
        role.inline.push(sized(`${id}/${p.PolicyName}`, p.PolicyDocument));
      }
      role.managed += ((props.ManagedPolicyArns ?? []) as unknown[]).length;
    } else if (resource.Type === 'AWS::IAM::Policy') {
      const props = resolve(id);
      for (const role of roleKeys(resource.Properties?.Roles, props.Roles)) roleOf(role).inline.push(sized(id, props.PolicyDocument));
    } else if (resource.Type === 'AWS::IAM::ManagedPolicy') {
      const props = resolve(id);
      const policy = sized(id, props.PolicyDocument);
      managedPolicies.push({ ...policy, limit: IAM_LIMITS.managedPolicy, withinLimit: policy.size <= IAM_LIMITS.managedPolicy });
      for (const role of roleKeys(resource.Properties?.Roles, props.Roles)) roleOf(role).managed++;
    }
  }

  const roleReports: RolePolicies[] = [...roles].map(([role, r]) => {
    const inlineSize = r.inline.reduce((sum, p) => sum + p.size, 0);
    const trust = r.trust === undefined ? undefined : sized(role, r.trust);
    return {
      role,
      trustPolicy: trust && { ...trust, limit: IAM_LIMITS.roleTrustPolicy, withinLimit: trust.size <= IAM_LIMITS.roleTrustPolicy },
      inlinePolicies: r.inline,
      inlineTotal: { size: inlineSize, limit: IAM_LIMITS.roleInlinePolicies, withinLimit: inlineSize <= IAM_LIMITS.roleInlinePolicies },
      attachedManagedPolicies: r.managed,
    };
  });

  const overLimit = [
    ...roleReports.filter((r) => !r.inlineTotal.withinLimit)
      .map((r) => `inline policies of ${r.role}: ${r.inlineTotal.size} > ${r.inlineTotal.limit}`),
    ...roleReports.filter((r) => r.trustPolicy && !r.trustPolicy.withinLimit)
      .map((r) => `trust policy of ${r.role}: ${r.trustPolicy!.size} > ${r.trustPolicy!.limit}`),
    ...managedPolicies.filter((p) => !p.withinLimit).map((p) => `managed policy ${p.name}: ${p.size} > ${p.limit}`),
  ];
  const max = (sizes: number[]) => Math.max(0, ...sizes);
  return {
    roles: roleReports,
    managedPolicies,
    largest: {
      roleInlinePolicies: max(roleReports.map((r) => r.inlineTotal.size)),
      managedPolicy: max(managedPolicies.map((p) => p.size)),
      roleTrustPolicy: max(roleReports.map((r) => r.trustPolicy?.size ?? 0)),
    },
    overLimit,
  };
}

function sized(name: string, document: unknown): SizedDocument {
  return { name, size: iamSize(document), document };
}

/** The roles a policy names: their logical ids when they are in the template (`Ref`), else their names. */
function roleKeys(raw: unknown, resolved: unknown): string[] {
  const rawRoles = (raw ?? []) as unknown[];
  return ((resolved ?? []) as unknown[]).map((name, i) => {
    const ref = (rawRoles[i] as { Ref?: unknown } | undefined)?.Ref;
    return typeof ref === 'string' ? ref : String(name);
  });
}

/**
 * Resolves each resource's properties on demand. Every resource referenced
 * gets the physical id and attributes the local engine would give it
 * (generated names, ARNs of `identity`'s account and region), created on
 * first reference, as if the whole stack were deployed.
 */
function templateResolver(template: Template, identity: StackIdentity): (logicalId: string) => Record<string, any> {
  const resolving = new Set<string>();
  const states = new LazyStates((id) => {
    const resource = template.Resources[id];
    if (!resource) return undefined;
    if (resolving.has(id)) throw new Error(`Circular reference through ${id}`);
    resolving.add(id);
    // Its names and ARNs may depend on its properties (a role's Path, a given name).
    const state = nativeResource(identity, id, resource.Type, scope.properties(id));
    resolving.delete(id);
    if (!isCustomResourceType(resource.Type)) return state;
    // A custom resource's attributes come from its handler: any name reads as `<physical id>.<attribute>`.
    const attributes = new Proxy({}, { has: () => true, get: (_t, name) => `${state.physicalId}.${String(name)}` });
    return { ...state, attributes };
  });
  // One stack on its own: no other stack's exports.
  const scope: StackScope = new StackScope(template, parameterValues(template, {}, {}), identity, states, new StackExports());
  return (id) => scope.properties(id);
}

/** A map of resource states that creates each state when it is first read. */
class LazyStates extends Map<string, ResourceState> {
  constructor(private readonly create: (logicalId: string) => ResourceState | undefined) {
    super();
  }

  public get(logicalId: string): ResourceState | undefined {
    if (!super.has(logicalId)) {
      const state = this.create(logicalId);
      if (state) super.set(logicalId, state);
    }
    return super.get(logicalId);
  }
}
