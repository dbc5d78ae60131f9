/*
 * What the engine records about a stack and its resources, and the events it
 * reports while it works (the statuses are CloudFormation's).
 */

/** A resource as CloudFormation knows it once created or updated. */
export interface ResourceState {
  readonly logicalId: string;
  readonly type: string;
  /** Its Ref. */
  readonly physicalId: string;
  /** What Fn::GetAtt reads (a custom resource's response Data). */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The properties it was given, resolved (a custom resource's as sent: every scalar a string). */
  readonly properties: Readonly<Record<string, unknown>>;
}

export type StackStatus =
  | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_COMPLETE' | 'ROLLBACK_FAILED'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_COMPLETE'
  | 'UPDATE_ROLLBACK_IN_PROGRESS' | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_ROLLBACK_COMPLETE' | 'UPDATE_ROLLBACK_FAILED'
  | 'DELETE_IN_PROGRESS' | 'DELETE_COMPLETE' | 'DELETE_FAILED';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE' | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS' | 'DELETE_COMPLETE' | 'DELETE_FAILED' | 'DELETE_SKIPPED';

/** One line of a stack's event log, as `cdk deploy` prints them. */
export interface StackEvent {
  readonly timestamp: Date;
  readonly stackName: string;
  readonly stackId: string;
  /** The resource's logical id, or the stack's name for the stack's own events. */
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly resourceType: string;
  readonly status: StackStatus | ResourceStatus;
  readonly reason?: string;
}

export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

/** How a stack operation ended. */
export interface OperationResult {
  readonly status: StackStatus;
  /** Why it failed: the first failed resource's reason. */
  readonly reason?: string;
  /** The events of this operation. */
  readonly events: readonly StackEvent[];
}
