import { NestedStackRecords } from './nested-stack-records';
import { StackRecord } from './stack-record';
import { ResourceState, StackEvent, StackStatus, STACK_RESOURCE_TYPE } from './state';
import { Exchange } from '../custom-resources/custom-resource-sender';
import { ValidationError } from '../errors';
import { Invocation } from '../lambda/local-lambda';

/** Where the records of every stack are kept, engine-wide. */
export interface StackViewSources {
  readonly events: readonly StackEvent[];
  readonly exchanges: readonly Exchange[];
  readonly invocations: readonly Invocation[];
  readonly records: NestedStackRecords;
}

/**
 * What a test reads of one stack, top-level or nested: its resources,
 * outputs and events, the requests sent to its custom resources, its
 * functions' invocations and logs, and its nested stacks, each read the same
 * way. A stack's records are those under its name, so that a top-level
 * stack created again keeps its history.
 */
export class StackView {
  constructor(private readonly current: () => StackRecord | undefined, private readonly sources: StackViewSources) {}

  public get stackName(): string {
    return this.record().identity.stackName;
  }

  public get stackId(): string {
    return this.record().identity.stackId;
  }

  public get status(): StackStatus | undefined {
    return this.current()?.status;
  }

  /** The parameters the stack was given (a nested stack's: the values its parent passed, as strings). */
  public get parameters(): Readonly<Record<string, string>> {
    return this.record().parameters;
  }

  public get outputs(): Readonly<Record<string, unknown>> {
    return this.record().outputs;
  }

  /** A resource of the stack: physical id, attributes (a custom resource's Data) and properties. */
  public resource(logicalId: string): ResourceState {
    const state = this.record().resources.get(logicalId);
    if (!state) throw new ValidationError(`Stack ${this.record().identity.stackName} has no resource ${logicalId} (status ${this.record().status})`);
    return state;
  }

  /** The resources the stack holds now. */
  public get resources(): readonly ResourceState[] {
    return [...(this.current()?.resources.values() ?? [])];
  }

  /** Every event of the stack's operations (its nested stacks' are theirs). */
  public get events(): readonly StackEvent[] {
    const name = this.current()?.identity.stackName;
    return this.sources.events.filter((e) => e.stackName === name);
  }

  /** Every request sent to a custom resource of the stack, with the responses it got; of one resource when `logicalId` is given. */
  public exchanges(logicalId?: string): readonly Exchange[] {
    const name = this.current()?.identity.stackName;
    return this.sources.exchanges.filter((e) => stackNameOf(e.request.StackId) === name
      && (logicalId === undefined || e.request.LogicalResourceId === logicalId));
  }

  /** Every invocation of the stack's Lambda functions; of one function (by logical id) when `functionLogicalId` is given. */
  public invocations(functionLogicalId?: string): readonly Invocation[] {
    const name = this.current()?.identity.stackName;
    return this.sources.invocations.filter((i) => i.stackName === name
      && (functionLogicalId === undefined || i.functionLogicalId === functionLogicalId));
  }

  /** Every line a function of the stack (by logical id) logged, over all its invocations. */
  public logs(functionLogicalId: string): string[] {
    return this.invocations(functionLogicalId).flatMap((i) => i.logs.map((line) => line.message));
  }

  /**
   * The nested stack an AWS::CloudFormation::Stack resource of this stack
   * created (the latest one, deleted or not), read the same way.
   */
  public nestedStack(logicalId: string): StackView {
    const parent = this.record();
    const type = parent.resources.get(logicalId)?.type ?? parent.synthesized.template.Resources[logicalId]?.Type;
    const child = this.sources.records.child(parent.identity.stackId, logicalId);
    if (type !== STACK_RESOURCE_TYPE || !child) {
      throw new ValidationError(`${logicalId} is not a nested stack of stack ${parent.identity.stackName}${type === STACK_RESOURCE_TYPE ? ' (not created yet)' : ''}`);
    }
    return new StackView(() => child, this.sources);
  }

  private record(): StackRecord {
    const record = this.current();
    if (!record) throw new ValidationError('No stack has been deployed yet');
    return record;
  }
}

/** `arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>` → `<name>`. */
function stackNameOf(stackId: string): string {
  return stackId.split('/')[1] ?? stackId;
}
