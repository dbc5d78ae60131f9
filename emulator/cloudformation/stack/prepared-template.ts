import { checkIntrinsics } from '../intrinsics/resolver';
import { SynthesizedStack } from '../synthesized-stack';
import { ResourceDefinition, Template } from '../template';
import { DependencyGraph } from './dependency-graph';
import type { StackExports } from './exports';
import { StackIdentity } from './identity';
import { parameterValues } from './parameters';
import { StackScope } from './scope';
import { ResourceState } from './state';

/** A template checked and evaluated for a stack, before any resource is touched. */
export interface PreparedTemplate {
  readonly synthesized: SynthesizedStack;
  readonly template: Template;
  readonly scope: StackScope;
  /** The resources whose Condition holds. */
  readonly resources: Readonly<Record<string, ResourceDefinition>>;
  readonly graph: DependencyGraph;
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Everything CloudFormation rejects before it starts: unsupported functions,
 * parameters without values, failing rules, unknown conditions, dependency
 * cycles. Throws ValidationError.
 */
export function prepareTemplate(
  synthesized: SynthesizedStack,
  identity: StackIdentity,
  parameters: Readonly<Record<string, string>>,
  ssmParameters: Readonly<Record<string, string>>,
  resources: ReadonlyMap<string, ResourceState>,
  exports: StackExports,
): PreparedTemplate {
  const template = synthesized.template;
  checkIntrinsicsOf(template);
  const scope = new StackScope(template, parameterValues(template, parameters, ssmParameters), identity, resources, exports);
  scope.checkRules();
  const active = scope.activeResources();
  return { synthesized, template, scope, resources: active, graph: new DependencyGraph(active), parameters };
}

/** Rejects a template using functions the engine does not evaluate, naming them and where. */
function checkIntrinsicsOf(template: Template): void {
  for (const [id, resource] of Object.entries(template.Resources)) checkIntrinsics(resource.Properties ?? {}, `resource ${id}`);
  for (const [name, condition] of Object.entries(template.Conditions ?? {})) checkIntrinsics(condition, `condition ${name}`);
  for (const [name, output] of Object.entries(template.Outputs ?? {})) checkIntrinsics(output, `output ${name}`);
  for (const [name, rule] of Object.entries(template.Rules ?? {})) checkIntrinsics(rule, `rule ${name}`);
}
