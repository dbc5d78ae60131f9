/*
 * The stacks of the account and Region, as CloudFormation's API serves them
 * to functions (cloudformation-api.ts). Each engine adds the stack it holds;
 * engines given the same AccountStacks (as they share StackExports) see each
 * other's, so that a function of one stack can describe or delete another.
 */
import type { StackStatus } from '../stack/state';

/** What DescribeStackResource tells of one resource. */
export interface StackResourceDetail {
  readonly stackId: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly lastUpdated: Date;
}

/** What DescribeStacks tells of a stack. */
export interface StackSummary {
  readonly stackId: string;
  readonly stackName: string;
  readonly status: StackStatus;
  /** The reason of its latest status, if it has one. */
  readonly statusReason?: string;
  readonly creationTime: Date;
}

/** A stack an engine holds. */
export interface AccountStack {
  /** Undefined until the engine has created the stack. */
  summary(): StackSummary | undefined;
  /** A resource of the stack, or why there is none (CloudFormation's wording). */
  describeResource(logicalId: string): StackResourceDetail | string;
  /** Starts the stack's deletion: DeleteStack answers before it ends. */
  startDeletion(): void;
}

export class AccountStacks {
  private readonly stacks = new Set<AccountStack>();

  public add(stack: AccountStack): void {
    this.stacks.add(stack);
  }

  /**
   * The stack a StackName parameter names: by id, any stack, deleted ones included; by name, one not deleted
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html: a deleted stack is
   * described by its unique stack id only).
   */
  public find(nameOrId: string): { readonly stack: AccountStack; readonly summary: StackSummary } | undefined {
    for (const stack of this.stacks) {
      const summary = stack.summary();
      if (!summary) continue;
      if (summary.stackId === nameOrId || (summary.stackName === nameOrId && summary.status !== 'DELETE_COMPLETE')) return { stack, summary };
    }
    return undefined;
  }
}
