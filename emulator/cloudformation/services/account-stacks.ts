/*
 * The stacks of the account and Region, as CloudFormation's API serves them
 * to functions (cloudformation-api.ts). Each engine adds the stack it holds;
 * engines given the same AccountStacks (as they share StackExports) see each
 * other's, so that a function of one stack can describe or delete another.
 */
import type { StackStatus } from '../stack/state';
import type { Template } from '../template';

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
  /** The template and parameters in effect (UpdateStack's UsePreviousTemplate and UsePreviousValue). */
  current(): { readonly template: Template; readonly parameters: Readonly<Record<string, string>> };
  /** Starts the stack's deletion: DeleteStack answers before it ends. */
  startDeletion(): void;
  /**
   * Starts an update to `template` (no assets) with `parameters`: UpdateStack answers before it ends. Throws a
   * ValidationError, in CloudFormation's words, for an update that cannot start (the stack busy, nothing to update).
   */
  startUpdate(template: Template, parameters: Readonly<Record<string, string>>): void;
}

/** Starts creating a stack of the account (CreateStack answers before it ends): its stack id; throws a ValidationError for a template it refuses. */
export type StackCreator = (stackName: string, template: Template, parameters: Readonly<Record<string, string>>) => string;

export class AccountStacks {
  private readonly stacks = new Set<AccountStack>();

  public add(stack: AccountStack): void {
    this.stacks.add(stack);
  }

  /** The stacks not deleted: what is left in the account. */
  public live(): StackSummary[] {
    return [...this.stacks].map((stack) => stack.summary()).filter((s): s is StackSummary => s !== undefined && s.status !== 'DELETE_COMPLETE');
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
