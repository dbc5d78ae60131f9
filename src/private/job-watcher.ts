import { Duration, Stack, aws_events as events, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { customizationJobArns } from './arns';
import type { JobWatchInput } from './contract/job-watcher';
import { providerHandlers } from './handler-role';
import { WATCHERS } from './registry';
import { shortHash } from './short-hash';

const ENTRY = WATCHERS.job;

/** Every rule name of the stack's watched jobs starts with this, so that one ARN pattern covers them. */
const RULE_NAME_PREFIX = 'bedrock-job-wait';

/**
 * The job watcher of a stack (one per stack): a Lambda function that
 * EventBridge invokes for the jobs waited for by a wait condition, with its
 * role and log group (lambda/job-watcher/). Its rules are named under one
 * prefix of the stack, so that its role may disable them (and EventBridge
 * may invoke it for them) without growing per job.
 */
export class JobWatcher extends Construct {
  /** The stack's watcher, created on first use. */
  public static of(scope: IConstruct): JobWatcher {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(ENTRY.constructId) as JobWatcher | undefined) ?? new JobWatcher(stack, ENTRY.constructId);
  }

  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  /** `bedrock-job-wait-<8 hex of the stack name>`: rule names are per account and region, stacks per name. */
  private readonly rulePrefix: string;

  private constructor(scope: Stack, id: string) {
    super(scope, id);
    this.rulePrefix = `${RULE_NAME_PREFIX}-${shortHash(scope.stackName, 8)}`;
    const handlers = providerHandlers(this, 'Reads the model customization jobs of this stack that wait conditions wait for, and signals them',
      Duration.minutes(1));
    this.role = handlers.role;
    this.function = handlers.handler('Function', ENTRY.handler,
      'Signals the wait condition of a model customization job when the job ends (invoked by EventBridge)');
    const rules = scope.formatArn({ service: 'events', resource: 'rule', resourceName: `${this.rulePrefix}-*` });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['bedrock:GetModelCustomizationJob'], resources: [customizationJobArns(this)] }));
    // DisableRule acts on rule ARNs (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html).
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['events:DisableRule'], resources: [rules] }));
    // One permission for every rule of the stack's jobs; SourceArn is matched with ArnLike, so it takes a wildcard
    // (https://docs.aws.amazon.com/lambda/latest/dg/permissions-resource-based.html).
    this.function.addPermission('InvokedByJobRules', {
      principal: new iam.ServicePrincipal('events.amazonaws.com'),
      sourceArn: rules,
      sourceAccount: scope.account,
    });
  }

  /**
   * The name of a rule of the wait of `generation` for the job at `jobPath`:
   * `<prefix>-<12 hex of the path>-<generation>-<suffix>` (at most 56 of the
   * 64 characters allowed). A new generation, a new name: the rule is replaced, never updated.
   */
  public ruleName(jobPath: string, generation: string, suffix: 'state' | 'fallback'): string {
    return `${this.rulePrefix}-${shortHash(jobPath, 12)}-${generation}-${suffix}`;
  }

  /** A target that invokes the watcher with `input` (the permission above covers every rule named by ruleName). */
  public target(input: JobWatchInput): events.IRuleTarget {
    return {
      bind: () => ({ arn: this.function.functionArn, input: events.RuleTargetInput.fromObject(input) }),
    };
  }
}
