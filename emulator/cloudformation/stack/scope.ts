import { ValidationError } from '../errors';
import type { StackExports } from './exports';
import { IntrinsicResolver, ResolutionScope } from '../intrinsics/resolver';
import { nativeAttribute } from '../resources/native-types';
import { isCustomResourceType, ResourceDefinition, Template } from '../template';
import { pseudoParameters, StackIdentity } from './identity';
import { ResourceState, STACK_RESOURCE_TYPE } from './state';

/**
 * A template evaluated in a stack: parameters and pseudo parameters,
 * conditions (each evaluated once), and Ref / Fn::GetAtt of the resources
 * created so far.
 */
export class StackScope implements ResolutionScope {
  public readonly resolver = new IntrinsicResolver(this);
  public readonly mappings: Template['Mappings'];
  public readonly region: string;
  private readonly pseudo: Record<string, unknown>;
  private readonly conditions = new Map<string, boolean>();

  constructor(
    private readonly template: Template,
    private readonly parameters: Readonly<Record<string, unknown>>,
    private readonly identity: StackIdentity,
    private readonly resources: ReadonlyMap<string, ResourceState>,
    private readonly exports: StackExports,
  ) {
    this.mappings = template.Mappings;
    this.region = identity.region;
    this.pseudo = pseudoParameters(identity);
  }

  public parameterValue(name: string): unknown {
    return this.pseudo[name] ?? this.parameters[name];
  }

  public resourceRef(logicalId: string): unknown {
    return this.resources.get(logicalId)?.physicalId;
  }

  public resourceAttribute(logicalId: string, attribute: string): unknown {
    const state = this.resources.get(logicalId);
    if (!state) throw new ValidationError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
    if (isCustomResourceType(state.type)) {
      if (attribute in state.attributes) return state.attributes[attribute];
      throw new ValidationError(`CustomResource attribute error: Vendor response doesn't contain ${attribute} key in object ${logicalId} (${state.physicalId})`);
    }
    // A nested stack has the attributes of its outputs (Outputs.<name>), no others.
    const value = state.type === STACK_RESOURCE_TYPE ? state.attributes[attribute] : nativeAttribute(this.identity, state, attribute);
    if (value === undefined) throw new ValidationError(`Template error: resource ${logicalId} of type ${state.type} has no attribute ${attribute}`);
    return value;
  }

  public importValue(name: string): unknown {
    return this.exports.importValue(name, this.identity.stackName);
  }

  public conditionValue(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) throw new ValidationError(`Template error: unresolved condition dependency ${name}`);
    const value = this.resolver.condition(definition, `condition ${name}`);
    this.conditions.set(name, value);
    return value;
  }

  /** The resources whose Condition holds. */
  public activeResources(): Record<string, ResourceDefinition> {
    return Object.fromEntries(Object.entries(this.template.Resources).filter(([, r]) => !r.Condition || this.conditionValue(r.Condition)));
  }

  public properties(logicalId: string): Record<string, unknown> {
    return (this.resolver.resolve(this.template.Resources[logicalId].Properties ?? {}, `resource ${logicalId}`) ?? {}) as Record<string, unknown>;
  }

  public outputs(): Record<string, unknown> {
    const outputs = Object.entries(this.template.Outputs ?? {}).filter(([, o]) => !o.Condition || this.conditionValue(o.Condition));
    return Object.fromEntries(outputs.map(([name, o]) => [name, this.resolver.resolve(o.Value, `output ${name}`)]));
  }

  /**
   * Publishes the stack's exported outputs to the account and Region, once
   * it is created or updated; refuses to change or remove one that another
   * stack imports, or to export a name another stack exports.
   */
  public publishExports(): void {
    const outputs = Object.entries(this.template.Outputs ?? {}).filter(([, o]) => o.Export && (!o.Condition || this.conditionValue(o.Condition)));
    const exported = Object.fromEntries(outputs.map(([name, o]) => [
      String(this.resolver.resolve(o.Export!.Name, `export of output ${name}`)), String(this.resolver.resolve(o.Value, `output ${name}`)),
    ]));
    this.exports.checkChange(this.identity.stackName, exported);
    this.exports.publish(this.identity.stackName, exported);
  }

  /** Refuses the stack's deletion while another stack imports one of its exports. */
  public checkDeletable(): void {
    this.exports.checkDeletable(this.identity.stackName);
  }

  /** The stack is gone: its exports with it, and its imports. */
  public releaseExports(): void {
    this.exports.release(this.identity.stackName);
  }

  /** Checks the Rules section's assertions (whose rule condition holds); throws the first failing one's description. */
  public checkRules(): void {
    for (const [name, rule] of Object.entries(this.template.Rules ?? {})) {
      if (rule.RuleCondition !== undefined && !this.resolver.condition(rule.RuleCondition, `rule ${name}`)) continue;
      const failed = rule.Assertions.find((a) => !this.resolver.condition(a.Assert, `rule ${name}`));
      if (failed) throw new ValidationError(failed.AssertDescription ?? `Template rule ${name} failed`);
    }
  }
}
