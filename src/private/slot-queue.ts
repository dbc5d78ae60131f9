import { Duration, RemovalPolicy, Stack, Token, aws_dynamodb as dynamodb, aws_events as events, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct, DependencyGroup, IConstruct, IDependable } from 'constructs';
import { shortHash } from './short-hash';
import type { SlotQueueEnvironment } from '../contract/slot-queue';

const ID = 'BedrockSlotQueue';
/** Every rule of the stack's slot queue starts with this, so that one ARN pattern covers them. */
const RULE_NAME_PREFIX = 'bedrock-slots';
/** Between two runs of a kind's watcher while anything waits (events are best-effort). */
export const FALLBACK_INTERVAL = Duration.minutes(10);
/** The names of the functions' environment variables (lambda/shared/slot-queue.ts reads them). */
const ENV = {
  table: 'BEDROCK_SLOT_QUEUE_TABLE', fallbackRule: 'BEDROCK_SLOT_QUEUE_FALLBACK_RULE',
} as const satisfies Record<string, keyof SlotQueueEnvironment>;

/** A kind that waits for slots, as its provider connects it. */
export interface QueueingKind {
  /** The kind's registry name (in rule names). */
  readonly name: string;
  /** The custom resource type of the kind, in descriptions. */
  readonly resourceType: string;
  /** The provider's handler role, which its watcher shares. */
  readonly role: iam.IRole;
  /** The kind's handler functions: they queue, register and read. */
  readonly handlers: lambda.Function[];
  /** The kind's watcher function. */
  readonly watcher: lambda.Function;
  /** The detail-type of the Bedrock events after which a slot may be free (every one of the Region). */
  readonly events?: string;
}

/**
 * The stack's slot queue (docs/design/waiting-for-a-slot.md): a DynamoDB
 * table of the creates that wait for a free Bedrock slot and of the jobs
 * that wait conditions wait for, one per stack, whatever its number of
 * resources; and, per kind that queues, the rules that invoke the kind's
 * watcher: the kind's Bedrock events (every one of the Region: any job's end
 * may free a slot) and a 10-minute fallback, which the handlers enable when
 * they queue and the watcher disables when nothing waits. Rules are named
 * under one prefix of the stack, so that one Lambda permission and one
 * statement cover them.
 */
export class SlotQueue extends Construct {
  /** The stack's queue, created on first use. */
  public static of(scope: IConstruct): SlotQueue {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(ID) as SlotQueue | undefined) ?? new SlotQueue(stack, ID);
  }

  public readonly table: dynamodb.Table;
  private readonly rulePrefix: string;
  private readonly parts = new Map<string, DependencyGroup>();

  private constructor(scope: Stack, id: string) {
    super(scope, id);
    // Rule names are per account and region, stacks per name. A nested stack's name is a token, whose text changes with
    // the app's other tokens: its path in the app (which starts with its top-level stack's name) is stable.
    const identity = Token.isUnresolved(scope.stackName) ? scope.node.path : scope.stackName;
    this.rulePrefix = `${RULE_NAME_PREFIX}-${shortHash(identity, 8)}`;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // What waits while a deployment runs: nothing to keep once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /**
   * What a resource of `kind` needs before its create may queue: the table,
   * and the kind's rules and the permission that lets them invoke its
   * watcher (filled in when the kind's provider connects).
   */
  public readyFor(kind: string): IDependable {
    let group = this.parts.get(kind);
    if (!group) {
      group = new DependencyGroup(this.table);
      this.parts.set(kind, group);
    }
    return group;
  }

  /** Connects a kind: its functions get the queue, its watcher the rules. */
  public serve(kind: QueueingKind): void {
    const stack = Stack.of(this);
    const fallbackName = `${this.rulePrefix}-${kind.name}-fallback`;
    // Not aws-events-targets' LambdaFunction, which adds a permission per rule: one permission covers the kind's rules (below).
    const target: events.IRuleTarget = { bind: () => ({ arn: kind.watcher.functionArn }) };
    const ready = this.readyFor(kind.name) as DependencyGroup;
    const fallback = new events.Rule(this, `${kind.name}Fallback`, {
      ruleName: fallbackName,
      description: `Runs the ${kind.resourceType} watcher every 10 minutes while anything of this stack waits for a Bedrock slot or a job's end`,
      schedule: events.Schedule.rate(FALLBACK_INTERVAL),
      targets: [target],
    });
    ready.add(fallback);
    if (kind.events) {
      ready.add(new events.Rule(this, `${kind.name}Events`, {
        ruleName: `${this.rulePrefix}-${kind.name}-events`,
        description: `Runs the ${kind.name} watcher when any ${kind.events} of the Region has a final status: a slot may be free`,
        eventPattern: {
          source: ['aws.bedrock'],
          detailType: [kind.events],
          // The final statuses of a job (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelCustomizationJob.html).
          detail: { jobStatus: ['Completed', 'Failed', 'Stopped'] },
        },
        targets: [target],
      }));
    }
    const rules = stack.formatArn({ service: 'events', resource: 'rule', resourceName: `${this.rulePrefix}-${kind.name}-*` });
    // One permission for the kind's rules; SourceArn is matched with ArnLike, so it takes a wildcard
    // (https://docs.aws.amazon.com/lambda/latest/dg/permissions-resource-based.html).
    kind.watcher.addPermission('InvokedByQueueRules', { principal: new iam.ServicePrincipal('events.amazonaws.com'), sourceArn: rules, sourceAccount: stack.account });
    ready.add(kind.watcher.node.findChild('InvokedByQueueRules'));
    kind.role.addToPrincipalPolicy(new iam.PolicyStatement({
      // The items of the queue, one at a time, and the whole (small) table for the watcher
      // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html: table resources).
      // Not Table.grant, which adds its replicas' ARNs (an AWS::NoValue here) to the statement.
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
      resources: [this.table.tableArn],
    }));
    // EnableRule and DisableRule act on rule ARNs (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html);
    // built from the name, as the rule's own attribute would make the role wait for the rule, which waits for the watcher, which waits for the role.
    const fallbackArn = stack.formatArn({ service: 'events', resource: 'rule', resourceName: fallbackName });
    kind.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['events:EnableRule', 'events:DisableRule'], resources: [fallbackArn] }));
    for (const fn of [...kind.handlers, kind.watcher]) {
      fn.addEnvironment(ENV.table, this.table.tableName);
      fn.addEnvironment(ENV.fallbackRule, fallbackName);
    }
  }
}
