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
}
