import { SynthesizedStack } from '../synthesized-stack';
import { StackIdentity } from './identity';
import { ResourceState, StackStatus } from './state';

/** What CloudFormation holds about a deployed stack. */
export interface StackRecord {
  readonly identity: StackIdentity;
  status: StackStatus;
  /** The template in effect and the parameters given with it. */
  synthesized: SynthesizedStack;
  parameters: Readonly<Record<string, string>>;
  readonly resources: Map<string, ResourceState>;
  outputs: Readonly<Record<string, unknown>>;
  /** A nested stack's: the parent stack, and the logical id of its AWS::CloudFormation::Stack resource. */
  readonly parent?: { readonly stackId: string; readonly logicalId: string };
  /** When the creation under way times out (a nested stack's TimeoutInMinutes, its parents' included), in engine time. */
  creationDeadline?: number;
}

/** Whether the stack's creation has run past its deadline. */
export function creationTimedOut(stack: StackRecord, now: number): boolean {
  return stack.creationDeadline !== undefined && now >= stack.creationDeadline;
}
