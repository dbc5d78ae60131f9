import { isDeepStrictEqual } from 'util';
import { Clock } from '../clock';
import { errorMessage } from '../errors';
import { DependencyGraph } from './dependency-graph';
import { StackRecord } from './stack-record';
import { OperationResult, ResourceState, ResourceStatus, StackEvent, StackStatus, STACK_RESOURCE_TYPE } from './state';
import type { UpdateAwaitingCleanup } from './update-stack';
import { ProvisionOutcome } from '../resources/outcome';
import { Provisioner } from '../resources/provisioner';

/** A resource to delete, with the DeletionPolicy (or UpdateReplacePolicy) that applies. */
export interface Deletion {
  readonly state: ResourceState;
  readonly policy?: string;
}

/** Readings of the engine's options that stack operations apply (see LocalCloudFormationOptions). */
export interface OperationReadings {
  readonly rollbackUpdatesReplacedCustomResources?: boolean;
  readonly exportInUseKeepsStackStatus?: boolean;
}

/**
 * One stack operation under way: the provisioner's calls wrapped in the
 * events CloudFormation reports, and the first failure's reason.
 */
export class Operation {
  public readonly events: StackEvent[] = [];
  private reason?: string;
  /** Updates of nested stacks whose cleanup phase waits for this stack's, by stack id. */
  private readonly nestedUpdates = new Map<string, UpdateAwaitingCleanup>();

  constructor(
    private readonly stack: StackRecord,
    private readonly provisioner: Provisioner,
    private readonly clock: Clock,
    private readonly onProgress?: (event: StackEvent) => void,
    public readonly readings: OperationReadings = {},
  ) {}

  /** `failure`: the reason is the operation's (by default for a failed or rolling back status; a refusal that keeps the status says so). */
  public stackStatus(status: StackStatus, reason?: string, failure = /(_FAILED|ROLLBACK_IN_PROGRESS)$/.test(status)): void {
    this.stack.status = status;
    // A failure of the stack itself (an output, an export) is the operation's reason when no resource failed first.
    if (reason !== undefined && failure) this.reason ??= reason;
    this.emit(this.stack.identity.stackName, STACK_RESOURCE_TYPE, status, this.stack.identity.stackId, reason);
  }

  /** The reason the stack was last given `status` with, in this operation. */
  public statusReason(status: StackStatus): string | undefined {
    const { stackName } = this.stack.identity;
    return this.events.filter((e) => e.logicalId === stackName && e.resourceType === STACK_RESOURCE_TYPE && e.status === status).at(-1)?.reason;
  }

  /** Whether the operation is putting resources back (an Update now sends them their old properties). */
  public get rollingBack(): boolean {
    return this.stack.status === 'UPDATE_ROLLBACK_IN_PROGRESS';
  }

  /** Keeps a nested stack's update, whose cleanup phase waits for this stack's (see cleanUpNestedStacks). */
  public deferNestedUpdate(stackId: string, update: UpdateAwaitingCleanup): void {
    this.nestedUpdates.set(stackId, update);
  }

  public nestedUpdate(stackId: string): UpdateAwaitingCleanup | undefined {
    return this.nestedUpdates.get(stackId);
  }

  /** The cleanup phases of the nested stacks this operation updated, last updated first: run at the start of this stack's. */
  public async cleanUpNestedStacks(): Promise<void> {
    const updates = [...this.nestedUpdates.values()].reverse();
    this.nestedUpdates.clear();
    for (const update of updates) await update.cleanUp();
  }

  public result(): OperationResult {
    return { status: this.stack.status, events: this.events, ...(this.reason === undefined ? {} : { reason: this.reason }) };
  }

  /** Creates a resource from the properties `resolve` gives (a resolution error fails the resource). */
  public async create(logicalId: string, type: string, resolve: () => Record<string, unknown>): Promise<ProvisionOutcome> {
    this.emit(logicalId, type, 'CREATE_IN_PROGRESS');
    const properties = tryResolve(resolve);
    const outcome = 'reason' in properties ? properties : await this.provisioner.create(logicalId, type, properties.value);
    return this.report(logicalId, type, 'CREATE', outcome);
  }

  /** The properties as the resource records them (see Provisioner.recorded). */
  public recorded(type: string, properties: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    return this.provisioner.recorded(type, properties);
  }

  /**
   * Updates a resource to the properties `resolve` gives; undefined when they
   * are the ones it has (nothing is sent, no event), unless its type is
   * updated with every update of the stack (nested stacks).
   */
  public async update(current: ResourceState, resolve: () => Record<string, unknown>): Promise<ProvisionOutcome | undefined> {
    const properties = tryResolve(resolve);
    const unchanged = 'value' in properties && isDeepStrictEqual(this.recorded(current.type, properties.value), current.properties);
    if (unchanged && !this.provisioner.updatedWithStack(current.type)) return undefined;
    this.emit(current.logicalId, current.type, 'UPDATE_IN_PROGRESS', current.physicalId);
    const outcome = 'reason' in properties ? properties : await this.provisioner.update(current, properties.value, this);
    return this.report(current.logicalId, current.type, 'UPDATE', outcome);
  }

  /**
   * Deletes in the order given (dependents first). Retain skips a resource,
   * as does RetainExceptOnCreate unless the operation that created it is
   * being rolled back. When a deletion fails, what it depends on is left too.
   * Returns the resources that remain.
   */
  public async deleteAll(deletions: readonly Deletion[], graph: DependencyGraph, rollingBackCreation = false): Promise<ResourceState[]> {
    const remaining: ResourceState[] = [];
    const kept = new Set<string>();
    for (const { state, policy } of deletions) {
      if (kept.has(state.logicalId)) {
        remaining.push(state);
        continue;
      }
      if (policy === 'Retain' || (policy === 'RetainExceptOnCreate' && !rollingBackCreation)) {
        this.emit(state.logicalId, state.type, 'DELETE_SKIPPED', state.physicalId);
        continue;
      }
      this.emit(state.logicalId, state.type, 'DELETE_IN_PROGRESS', state.physicalId);
      const outcome = await this.provisioner.delete(state);
      if (outcome.ok) {
        this.emit(state.logicalId, state.type, 'DELETE_COMPLETE', state.physicalId);
        continue;
      }
      this.fail(state.logicalId, state.type, 'DELETE_FAILED', outcome.reason, state.physicalId);
      remaining.push(state);
      graph.allDependenciesOf(state.logicalId).forEach((id) => kept.add(id));
    }
    return remaining;
  }

  private report(logicalId: string, type: string, action: 'CREATE' | 'UPDATE', outcome: ProvisionOutcome): ProvisionOutcome {
    if (outcome.ok) this.emit(logicalId, type, `${action}_COMPLETE`, outcome.state.physicalId);
    else this.fail(logicalId, type, `${action}_FAILED`, outcome.reason, outcome.leftover?.physicalId);
    return outcome;
  }

  private fail(logicalId: string, type: string, status: ResourceStatus, reason: string, physicalId?: string): void {
    this.reason ??= reason;
    this.emit(logicalId, type, status, physicalId, reason);
  }

  private emit(logicalId: string, resourceType: string, status: StackStatus | ResourceStatus, physicalId?: string, reason?: string): void {
    const event: StackEvent = {
      timestamp: new Date(this.clock.now()),
      stackName: this.stack.identity.stackName,
      stackId: this.stack.identity.stackId,
      logicalId,
      resourceType,
      status,
      ...(physicalId === undefined ? {} : { physicalId }),
      ...(reason === undefined ? {} : { reason }),
    };
    this.events.push(event);
    this.onProgress?.(event);
  }
}

/** The resolved properties, or the resolution error as a failure. */
function tryResolve(resolve: () => Record<string, unknown>): { readonly value: Record<string, unknown> } | Extract<ProvisionOutcome, { ok: false }> {
  try {
    return { value: resolve() };
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}
