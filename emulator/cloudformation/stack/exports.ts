/*
 * The exported outputs of an account and Region, which the stacks of
 * engines given the same StackExports share (Fn::ImportValue,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html):
 * - "For each AWS account, Export names must be unique within a Region";
 * - "You can't delete a stack if another stack references one of its outputs";
 * - "You can't modify or remove an output value that is referenced by another stack".
 * The error messages are CloudFormation's as its users report them.
 */
import { ValidationError } from '../errors';

export class StackExports {
  /** Export name → the exporting stack and the value. */
  private readonly exported = new Map<string, { readonly stack: string; readonly value: string }>();
  /** Export name → the stacks importing it. */
  private readonly importers = new Map<string, Set<string>>();

  /** The value of an export, for `stack`'s Fn::ImportValue (which now imports it). */
  public importValue(name: string, stack: string): string {
    const found = this.exported.get(name);
    if (!found) throw new ValidationError(`No export named ${name} found`);
    const importers = this.importers.get(name) ?? new Set<string>();
    importers.add(stack);
    this.importers.set(name, importers);
    return found.value;
  }

  /** Refuses exports of `stack` that another stack exports already. */
  public checkUnique(stack: string, names: readonly string[]): void {
    for (const name of names) {
      const owner = this.exported.get(name)?.stack;
      if (owner !== undefined && owner !== stack) throw new ValidationError(`Export with name ${name} is already exported by stack ${owner}`);
    }
  }

  /** Refuses a change to `stack`'s exports that removes or changes one that another stack imports. */
  public checkChange(stack: string, next: Readonly<Record<string, string | undefined>>): void {
    for (const [name, { stack: owner, value }] of this.exported) {
      if (owner !== stack || next[name] === value) continue;
      const user = this.importerOtherThan(name, stack);
      if (user) throw new ValidationError(`Export ${name} cannot be ${next[name] === undefined ? 'deleted' : 'updated'} as it is in use by ${user}`);
    }
  }

  /** Makes `stack`'s exports these (those it no longer has are gone). */
  public publish(stack: string, exports: Readonly<Record<string, string>>): void {
    this.checkUnique(stack, Object.keys(exports));
    for (const [name, { stack: owner }] of [...this.exported]) if (owner === stack) this.exported.delete(name);
    for (const [name, value] of Object.entries(exports)) this.exported.set(name, { stack, value });
  }

  /** Refuses the deletion of a stack whose export another stack imports. */
  public checkDeletable(stack: string): void {
    this.checkChange(stack, {});
  }

  /** A deleted stack: its exports are gone, and it imports nothing. */
  public release(stack: string): void {
    this.publish(stack, {});
    for (const importers of this.importers.values()) importers.delete(stack);
  }

  private importerOtherThan(name: string, stack: string): string | undefined {
    return [...(this.importers.get(name) ?? [])].find((importer) => importer !== stack);
  }
}
