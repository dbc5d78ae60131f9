import { errorMessage } from '../errors';
import { Operation } from './operation';
import { PreparedTemplate } from './prepared-template';
import { StackRecord } from './stack-record';
import { ResourceState } from './state';

/**
 * CloudFormation's reason when a stack is not created within its timeout
 * (a nested stack's TimeoutInMinutes); the parent's stack resource quotes it
 * ("Embedded stack ... was not successfully created: Stack creation time
 * exceeded the specified timeout", as troubleshooting guides show it).
 */
const CREATION_TIMEOUT_REASON = 'Stack creation time exceeded the specified timeout. Rollback requested by user.';

/**
 * Creates every resource in dependency order. On a failure, deletes what was
 * created, newest first, the failed resource included when it left a
 * physical resource (a custom resource's FAILED response names one). When
 * `cancelled()` holds (the stack was deleted while being created), that
 * deletion is the stack's: DELETE_IN_PROGRESS, retained resources kept,
 * DELETE_COMPLETE. When `timedOut()` holds after a resource, the creation
 * fails and rolls back.
 */
export async function createStack(
  stack: StackRecord, prepared: PreparedTemplate, operation: Operation, cancelled: () => boolean = () => false, timedOut: () => boolean = () => false,
): Promise<void> {
  const { scope, resources, graph } = prepared;
  operation.stackStatus('CREATE_IN_PROGRESS', 'User Initiated');
  const created: ResourceState[] = [];
  let failure: string | undefined;
  for (const id of graph.order) {
    const outcome = await operation.create(id, resources[id].Type, () => scope.properties(id));
    if (outcome.ok) {
      created.push(outcome.state);
      stack.resources.set(id, outcome.state);
      if (!timedOut()) continue;
    } else if (outcome.leftover) {
      created.push(outcome.leftover);
    }
    failure = timedOut() ? CREATION_TIMEOUT_REASON : `The following resource(s) failed to create: [${id}]. Rollback requested by user.`;
    break;
  }
  if (cancelled()) {
    operation.stackStatus('DELETE_IN_PROGRESS', 'User Initiated');
    const deletions = created.reverse().map((state) => ({ state, policy: resources[state.logicalId].DeletionPolicy }));
    const remaining = await operation.deleteAll(deletions, graph);
    stack.resources.clear();
    remaining.forEach((state) => stack.resources.set(state.logicalId, state));
    if (remaining.length === 0) scope.releaseExports();
    operation.stackStatus(remaining.length > 0 ? 'DELETE_FAILED' : 'DELETE_COMPLETE');
    return;
  }
  if (failure === undefined) {
    try {
      stack.outputs = scope.outputs();
      scope.publishExports();
      operation.stackStatus('CREATE_COMPLETE');
      return;
    } catch (error) {
      failure = errorMessage(error);
    }
  }

  operation.stackStatus('ROLLBACK_IN_PROGRESS', failure);
  const deletions = created.reverse().map((state) => ({ state, policy: resources[state.logicalId].DeletionPolicy }));
  const remaining = await operation.deleteAll(deletions, graph, true);
  stack.resources.clear();
  remaining.forEach((state) => stack.resources.set(state.logicalId, state));
  if (remaining.length === 0) scope.releaseExports();
  operation.stackStatus(remaining.length > 0 ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE');
}
