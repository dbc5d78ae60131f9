import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { shortHash } from './short-hash';
import { RESOURCE_KIND_ENTRIES } from '../contract/registry';

/**
 * Properties of the library's own resources that never make a new job, by
 * resource type: settings the handlers keep to themselves, and tags (which
 * change in place), as each kind's descriptor lists them.
 */
const NOT_DEFINING: ReadonlyMap<string, readonly string[]> = new Map(
  RESOURCE_KIND_ENTRIES.map((kind) => [kind.resourceType, kind.notDefining ?? []]),
);
const WAITS = ['AWS::CloudFormation::WaitCondition', 'AWS::CloudFormation::WaitConditionHandle'];
/** Left out of every resource: the provider of a custom resource (the library's own code), and tags. */
const NEVER_DEFINING = ['ServiceToken', 'Tags'];

/**
 * The generation of a job's wait condition (8 hex digits): a digest of the
 * properties that define the job, of the resources of its stack that they
 * reference (a role, a bucket, a key, the job whose model it starts from),
 * through their own references in turn, and of the condition's timeout.
 *
 * A wait condition waits once and cannot be updated, so a new job needs a
 * new condition, with a new logical id. A job is replaced at deployment when
 * a value it is created from changes, also when the template's expression
 * for it does not (a role replaced because its name changed, a chain whose
 * first job is trained again): the properties of the referenced resources
 * tell those apart. What the template cannot show at all (a parameter's
 * value, an import from another stack) the job's handler detects: it refuses
 * a replacement that keeps the generation (lambda/shared/condition-wait.ts).
 *
 * Known at synthesis only, once every construct and aspect (tags) has done
 * its work: a lazy string, which the logical ids and rule names of the wait
 * use.
 */
export function waitGeneration(scope: IConstruct, defining: object, timeoutSeconds: number): string {
  const stack = Stack.of(scope);
  return Lazy.string({ produce: () => generationOf(stack, defining, timeoutSeconds) });
}

function generationOf(stack: Stack, defining: object, timeoutSeconds: number): string {
  const own = stack.resolve(defining);
  const resources = resourcesByLogicalId(stack);
  const referenced = new Map<string, unknown>();
  const pending = referencedIds(own);
  for (let id = pending.shift(); id !== undefined; id = pending.shift()) {
    if (referenced.has(id)) continue;
    const resource = resources.get(id);
    // A parameter or a resource of no CfnResource: its name is all the template shows.
    const rendered = resource ? definingRendering(stack, resource) : null;
    referenced.set(id, rendered);
    pending.push(...referencedIds(rendered));
  }
  const sorted = [...referenced.entries()].sort(([a], [b]) => a.localeCompare(b));
  return shortHash(JSON.stringify([own, sorted, timeoutSeconds]), 8).toUpperCase();
}

/**
 * The stack's resources by logical id. Wait conditions and their handles are
 * left out: no job is created from them, and their logical ids are
 * generations themselves. Resolving every logical id is the costly part, and
 * every waited job of the stack needs the same index during one synthesis:
 * it is kept per stack, and made again when the stack has gained constructs.
 */
function resourcesByLogicalId(stack: Stack): Map<string, CfnResource> {
  const nodes = stack.node.findAll();
  const kept = INDEXES.get(stack);
  if (kept?.nodes === nodes.length) return kept.byId;
  const byId = new Map<string, CfnResource>();
  for (const node of nodes) {
    if (!CfnResource.isCfnResource(node) || Stack.of(node) !== stack || WAITS.includes(node.cfnResourceType)) continue;
    byId.set(stack.resolve(node.logicalId), node);
  }
  INDEXES.set(stack, { nodes: nodes.length, byId });
  return byId;
}

/** Per stack, its index of resources and the number of constructs it was made from (constructs are only ever added). */
const INDEXES = new WeakMap<Stack, { readonly nodes: number; readonly byId: Map<string, CfnResource> }>();

/** The resource's type and properties as the template renders them, less what never defines it. */
function definingRendering(stack: Stack, resource: CfnResource): unknown {
  // The template fragment of one resource: the rendering a synthesis writes (an internal API of aws-cdk-lib since v1).
  const fragment = stack.resolve((resource as unknown as { _toCloudFormation(): object })._toCloudFormation()) as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  const [{ Type, Properties = {} }] = Object.values(fragment.Resources);
  const left = [...NEVER_DEFINING, ...(NOT_DEFINING.get(Type) ?? [])];
  return { Type, Properties: Object.fromEntries(Object.entries(Properties).filter(([key]) => !left.includes(key))) };
}

/** The logical ids that `Ref`, `Fn::GetAtt` and `Fn::Sub` name in a resolved value (pseudo parameters aside). */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  if (typeof object.Ref === 'string') return object.Ref.startsWith('AWS::') ? [] : [object.Ref];
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  if (typeof getAtt === 'string') return [getAtt.split('.')[0]];
  const sub = object['Fn::Sub'];
  if (sub !== undefined) {
    const [text, variables] = Array.isArray(sub) ? [sub[0], sub[1] as Record<string, unknown> | undefined] : [sub, undefined];
    const named = [...String(text).matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1].split('.')[0])
      .filter((name) => !name.startsWith('AWS::') && !(variables && name in variables));
    return [...named, ...referencedIds(variables ?? {})];
  }
  return Object.values(object).flatMap(referencedIds);
}
