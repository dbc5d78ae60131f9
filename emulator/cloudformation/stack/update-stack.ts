import { errorMessage, ValidationError } from '../errors';
import { isCustomResourceType } from '../template';
import { Deletion, Operation } from './operation';
import { PreparedTemplate } from './prepared-template';
import { StackRecord } from './stack-record';
import { ResourceState } from './state';

/** What an update did to one resource, for cleanup or rollback. */
interface Change {
  readonly kind: 'created' | 'updated' | 'replaced';
  readonly before?: ResourceState;
  readonly after: ResourceState;
}

/** A resource to send back to its old properties: as it stands now, and as it was. */
interface Restore {
  readonly current: ResourceState;
  readonly before: ResourceState;
}

/** What the stack held before the update, put back by a rollback. */
type Previous = Pick<StackRecord, 'synthesized' | 'parameters' | 'outputs'>;

/**
 * An update up to its cleanup phase. A top-level stack cleans up at once; a
 * nested stack's cleanup waits for its parent's, so that a failure later in
 * the parent's update can still roll it back to the resources it had
 * (CloudFormation "paused the resource cleanup because a sibling stack of a
 * nested stack fails to update or roll back":
 * https://repost.aws/knowledge-center/cloudformation-stack-cleanup-stuck).
 */
export interface UpdateAwaitingCleanup {
  /** The cleanup phase: UPDATE_COMPLETE, or UPDATE_ROLLBACK_COMPLETE after a rollback (nothing after UPDATE_ROLLBACK_FAILED). */
  readonly cleanUp: () => Promise<void>;
  /** Rolls back an update that succeeded (its parent's update failed later); absent once rolled back. */
  readonly rollBack?: () => Promise<UpdateAwaitingCleanup>;
}

/** CloudFormation refuses an update that changes a resource's type, before changing anything. */
export function checkTypesUnchanged(stack: StackRecord, next: PreparedTemplate): void {
  const changedType = Object.keys(next.resources).find((id) => {
    const existing = stack.resources.get(id);
    return existing !== undefined && existing.type !== next.resources[id].Type;
  });
  if (changedType) throw new ValidationError(`Update of resource type is not permitted (${changedType})`);
}

/**
 * Moves a stack from `current` to `next`: in `next`'s dependency order,
 * creates added resources and updates changed ones, up to the cleanup phase
 * (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS), which deletes removed resources and
 * the old physical resources of replaced ones. A failure rolls back (see
 * rollBack), up to that rollback's cleanup phase.
 */
export async function updateStack(
  stack: StackRecord, current: PreparedTemplate, next: PreparedTemplate, operation: Operation,
): Promise<UpdateAwaitingCleanup> {
  const previous: Previous = { synthesized: stack.synthesized, parameters: stack.parameters, outputs: stack.outputs };
  operation.stackStatus('UPDATE_IN_PROGRESS', 'User Initiated');
  const changes: Change[] = [];
  let failure: string | undefined;
  let failedUpdate: Restore | undefined;
  for (const id of next.graph.order) {
    const existing = stack.resources.get(id);
    const resolve = () => next.scope.properties(id);
    if (!existing) {
      const outcome = await operation.create(id, next.resources[id].Type, resolve);
      if (outcome.ok || outcome.leftover) changes.push({ kind: 'created', after: outcome.ok ? outcome.state : outcome.leftover! });
      if (outcome.ok) stack.resources.set(id, outcome.state);
      else failure = `The following resource(s) failed to create: [${id}].`;
    } else {
      const outcome = await operation.update(existing, resolve);
      if (outcome?.ok) {
        stack.resources.set(id, outcome.state);
        changes.push({ kind: outcome.state.physicalId === existing.physicalId ? 'updated' : 'replaced', before: existing, after: outcome.state });
      } else if (outcome) {
        failure = `The following resource(s) failed to update: [${id}].`;
        failedUpdate = outcome.untouched ? undefined : attemptedUpdate(operation, existing, resolve);
      }
    }
    if (failure !== undefined) break;
  }

  let outputs: Record<string, unknown> = {};
  if (failure === undefined) {
    try {
      outputs = next.scope.outputs();
      next.scope.publishExports();
    } catch (error) {
      failure = errorMessage(error);
    }
  }
  if (failure !== undefined) return rollBack(stack, next, operation, { failure, changes, failedUpdate, previous });

  stack.synthesized = next.synthesized;
  stack.parameters = next.parameters;
  stack.outputs = outputs;
  operation.stackStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  return {
    cleanUp: () => cleanUp(stack, current, next, operation, changes),
    rollBack: () => rollBack(stack, next, operation, { changes, previous }),
  };
}

/** Deletes what the update removed or replaced; nested stacks' cleanups first. */
async function cleanUp(
  stack: StackRecord, current: PreparedTemplate, next: PreparedTemplate, operation: Operation, changes: readonly Change[],
): Promise<void> {
  await operation.cleanUpNestedStacks();
  const replaced = new Map(changes.filter((c) => c.kind === 'replaced').map((c) => [c.after.logicalId, c.before!]));
  const removed = current.graph.order.filter((id) => !(id in next.resources) && stack.resources.has(id));
  const deletions: Deletion[] = [...current.graph.order].reverse().flatMap((id) => {
    if (replaced.has(id)) return [{ state: replaced.get(id)!, policy: next.resources[id].UpdateReplacePolicy }];
    return removed.includes(id) ? [{ state: stack.resources.get(id)!, policy: current.resources[id].DeletionPolicy }] : [];
  });
  // Cleanup failures leave the physical resources behind; the update stands, as in CloudFormation.
  await operation.deleteAll(deletions, current.graph);
  removed.forEach((id) => stack.resources.delete(id));
  operation.stackStatus('UPDATE_COMPLETE');
}

/**
 * UPDATE_ROLLBACK_IN_PROGRESS: an Update back to the old properties for the
 * failed resource and each one updated in place, newest first (a nested
 * stack rolls its own update back); replaced resources get their old
 * physical resource back. Then the cleanup phase deletes what this update
 * created (replacements included). A failed Update back stops the rollback:
 * UPDATE_ROLLBACK_FAILED. `failure` is absent when the update succeeded and
 * its parent's failed. With the operation's
 * `rollbackUpdatesReplacedCustomResources`, a replaced custom resource gets
 * an Update back too, and its replacement is deleted only if it answers
 * another physical id.
 */
async function rollBack(
  stack: StackRecord,
  next: PreparedTemplate,
  operation: Operation,
  { failure, changes, failedUpdate, previous }: { failure?: string; changes: readonly Change[]; failedUpdate?: Restore; previous: Previous },
): Promise<UpdateAwaitingCleanup> {
  operation.stackStatus('UPDATE_ROLLBACK_IN_PROGRESS', failure);
  const sentBack = (c: Change) => c.kind === 'updated'
    || (c.kind === 'replaced' && operation.readings.rollbackUpdatesReplacedCustomResources === true && isCustomResourceType(c.after.type));
  const restores: Restore[] = [
    ...(failedUpdate ? [failedUpdate] : []),
    ...[...changes].reverse().filter(sentBack).map((c) => ({ current: c.after, before: c.before! })),
  ];
  // Replacements an Update back answered away from: deleted at cleanup, as what the update created.
  const movedAway: Change[] = [];
  for (const { current, before } of restores) {
    const outcome = await operation.update(current, () => ({ ...before.properties }));
    if (outcome && !outcome.ok) {
      operation.stackStatus('UPDATE_ROLLBACK_FAILED');
      return { cleanUp: () => Promise.resolve() };
    }
    const restored = outcome?.ok ? outcome.state : before;
    stack.resources.set(before.logicalId, restored);
    const change = changes.find((c) => c.kind === 'replaced' && c.after === current);
    if (change && restored.physicalId !== current.physicalId) movedAway.push(change);
  }
  stack.synthesized = previous.synthesized;
  stack.parameters = previous.parameters;
  stack.outputs = previous.outputs;

  const created = [...changes].reverse().filter((c) => !sentBack(c));
  for (const change of created) {
    if (change.before) stack.resources.set(change.before.logicalId, change.before);
    else stack.resources.delete(change.after.logicalId);
  }
  operation.stackStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  return {
    cleanUp: async () => {
      await operation.cleanUpNestedStacks();
      const deletions = [...changes].reverse().filter((c) => created.includes(c) || movedAway.includes(c))
        .map((c) => ({ state: c.after, policy: next.resources[c.after.logicalId]?.DeletionPolicy }));
      await operation.deleteAll(deletions, next.graph, true);
      operation.stackStatus('UPDATE_ROLLBACK_COMPLETE');
    },
  };
}

/** The failed resource as its failed Update left it (the properties sent); none when they could not be resolved, as nothing was sent. */
function attemptedUpdate(operation: Operation, existing: ResourceState, resolve: () => Record<string, unknown>): Restore | undefined {
  try {
    return { current: { ...existing, properties: operation.recorded(existing.type, resolve()) }, before: existing };
  } catch {
    return undefined;
  }
}
