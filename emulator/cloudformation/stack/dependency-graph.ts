import { ValidationError } from '../errors';
import { referencedNames } from '../intrinsics/references';
import { explicitDependencies, ResourceDefinition } from '../template';

/** Resources that wait (for signals): CloudFormation creates the others meanwhile. */
const WAITING_TYPES = ['AWS::CloudFormation::WaitCondition'];

/**
 * The resources of a template and what each depends on (DependsOn, Ref,
 * Fn::GetAtt, Fn::Sub). Resources are processed one at a time in `order`:
 * dependencies first, ties broken by template order, so runs are repeatable.
 * CloudFormation creates independent resources in parallel; done one at a
 * time, a wait condition comes after every resource that is ready as well,
 * so that its wait does not hold back resources that do not depend on it.
 */
export class DependencyGraph {
  /** Creation order; deletion goes the other way. */
  public readonly order: readonly string[];
  private readonly dependencies = new Map<string, Set<string>>();

  constructor(resources: Readonly<Record<string, ResourceDefinition>>) {
    const ids = Object.keys(resources);
    for (const id of ids) {
      const definition = resources[id];
      const referenced = [...referencedNames(definition.Properties ?? {})].filter((name) => name in resources);
      for (const dependency of explicitDependencies(definition)) {
        if (!(dependency in resources)) throw new ValidationError(`Template format error: resource ${id} depends on ${dependency}, which is not a resource of the template`);
      }
      this.dependencies.set(id, new Set([...explicitDependencies(definition), ...referenced]));
    }
    this.order = this.sort(ids, new Set(ids.filter((id) => WAITING_TYPES.includes(resources[id].Type))));
  }

  /** The resources `id` depends on directly. */
  public dependenciesOf(id: string): ReadonlySet<string> {
    return this.dependencies.get(id) ?? new Set();
  }

  /** The resources `id` depends on, directly or not. */
  public allDependenciesOf(id: string): Set<string> {
    const found = new Set<string>();
    const pending = [...this.dependenciesOf(id)];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (found.has(next)) continue;
      found.add(next);
      pending.push(...this.dependenciesOf(next));
    }
    return found;
  }

  private sort(ids: string[], waiting: ReadonlySet<string>): string[] {
    const sorted: string[] = [];
    const done = new Set<string>();
    while (sorted.length < ids.length) {
      const ready = ids.filter((id) => !done.has(id) && [...this.dependenciesOf(id)].every((d) => done.has(d)));
      const next = ready.find((id) => !waiting.has(id)) ?? ready[0];
      if (next === undefined) {
        const cycle = ids.filter((id) => !done.has(id));
        throw new ValidationError(`Template format error: circular dependency between resources: [${cycle.join(', ')}]`);
      }
      sorted.push(next);
      done.add(next);
    }
    return sorted;
  }
}
