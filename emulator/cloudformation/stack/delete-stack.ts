import { Operation } from './operation';
import { PreparedTemplate } from './prepared-template';
import { StackRecord } from './stack-record';

/**
 * Deletes every resource, dependents first, honouring DeletionPolicy; what
 * fails to delete stays in the stack. An export in use refuses the deletion
 * before anything is deleted: DELETE_FAILED, or with the operation's
 * `exportInUseKeepsStackStatus` the status the stack had, with the reason.
 */
export async function deleteStack(stack: StackRecord, prepared: PreparedTemplate, operation: Operation): Promise<void> {
  const before = stack.status;
  operation.stackStatus('DELETE_IN_PROGRESS', 'User Initiated');
  try {
    prepared.scope.checkDeletable();
  } catch (error) {
    const reason = (error as Error).message;
    return operation.readings.exportInUseKeepsStackStatus ? operation.stackStatus(before, reason, true) : operation.stackStatus('DELETE_FAILED', reason);
  }
  // Resources the template no longer holds (left by a failed rollback) go first.
  const inTemplate = [...prepared.graph.order].reverse().filter((id) => stack.resources.has(id));
  const order = [...[...stack.resources.keys()].filter((id) => !inTemplate.includes(id)), ...inTemplate];
  const deletions = order.map((id) => ({ state: stack.resources.get(id)!, policy: prepared.resources[id]?.DeletionPolicy }));
  const remaining = new Set((await operation.deleteAll(deletions, prepared.graph)).map((state) => state.logicalId));
  for (const id of order) if (!remaining.has(id)) stack.resources.delete(id);
  if (remaining.size === 0) {
    prepared.scope.releaseExports();
    return operation.stackStatus('DELETE_COMPLETE');
  }
  // The stack's reason names the resources whose deletion failed, not those kept for them, as eksctl prints it:
  // `DELETE_FAILED – "The following resource(s) failed to delete: [SG]. "` (the VPC the group is in stays unnamed).
  const failed = operation.events.filter((e) => e.status === 'DELETE_FAILED' && remaining.has(e.logicalId)).map((e) => e.logicalId);
  operation.stackStatus('DELETE_FAILED', `The following resource(s) failed to delete: [${failed.join(', ')}].`);
}
