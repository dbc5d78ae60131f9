import { Duration, Stack, aws_iam as iam, aws_kms as kms, custom_resources as cr } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { arnsOf } from './arns';
import { providerHandlers } from './handler-role';
import { grantModelKey } from './model-key';
import { SlotQueue } from './slot-queue';
import type { OperationGrant, ResourceKindEntry } from '../contract/kind';
import { RESOURCE_KINDS, ResourceKindName } from '../contract/registry';

/** Between two reads of what a resource waits for: one Get call per poll. */
const POLL_INTERVAL = Duration.seconds(30);

/**
 * The custom resource provider of one resource kind in a stack (one per
 * stack and kind, shared by every resource of that kind), derived from the
 * kind's descriptor (src/contract/kinds/): the handler role and its
 * statements, its log group, the kind's handler functions (from the one
 * handler bundle) and the Provider framework. Each grant extends one
 * statement, so the role's policy does not grow per resource.
 */
export class BedrockProvider extends Construct {
  /** The stack's provider of `kind`, created on first use. */
  public static of(scope: IConstruct, kind: ResourceKindName): BedrockProvider {
    const stack = Stack.of(scope);
    const id = RESOURCE_KINDS[kind].providerId;
    return (stack.node.tryFindChild(id) as BedrockProvider | undefined) ?? new BedrockProvider(stack, id, kind);
  }

  /** The service token of the custom resources. */
  public readonly serviceToken: string;
  /** The role of the handlers that call Bedrock. */
  public readonly handlerRole: iam.Role;
  private readonly entry: ResourceKindEntry;
  private passRoles?: iam.PolicyStatement;
  private readonly onUse = new Map<string, iam.PolicyStatement>();
  private readonly modelKeys = new Set<kms.IKey>();

  private constructor(scope: Construct, id: string, kind: ResourceKindName) {
    super(scope, id);
    const entry: ResourceKindEntry = RESOURCE_KINDS[kind];
    this.entry = entry;
    const timeout = entry.handlerTimeoutMinutes === undefined ? undefined : Duration.minutes(entry.handlerTimeoutMinutes);
    const handlers = providerHandlers(this, entry.describe.role, timeout);
    this.handlerRole = handlers.role;
    const onEventHandler = handlers.handler('OnEventHandler', entry.onEvent, entry.describe.onEvent);
    const isCompleteHandler = entry.isComplete === undefined ? undefined
      : handlers.handler('IsCompleteHandler', entry.isComplete, entry.describe.isComplete ?? entry.describe.onEvent);
    const provider = isCompleteHandler === undefined ? new cr.Provider(this, 'Provider', { onEventHandler }) : new cr.Provider(this, 'Provider', {
      onEventHandler,
      isCompleteHandler,
      queryInterval: POLL_INTERVAL,
      // The most a custom resource gets; each resource's own deadline falls well before it (at most 55 minutes).
      totalTimeout: Duration.hours(1),
    });
    this.serviceToken = provider.serviceToken;
    const queue = entry.queue;
    if (queue) {
      // The kind's creates may wait for a free Bedrock slot: its watcher, with its role, starts them (slot-queue.ts).
      const watcherDescription = entry.describe.watcher ?? 'Starts what waits for a free Bedrock slot';
      SlotQueue.of(this).serve({
        name: kind,
        resourceType: entry.resourceType,
        role: this.handlerRole,
        handlers: [onEventHandler, ...(isCompleteHandler ? [isCompleteHandler] : [])],
        watcher: handlers.handler('QueueWatcher', queue.watcher, watcherDescription),
        events: queue.events,
      });
    }
    if (entry.tags) {
      // Every resource is created tagged (the provenance tags), and tags sent with a create are authorized as
      // bedrock:TagResource (the Service Authorization Reference maps each Bedrock create to its action and
      // bedrock:TagResource: https://docs.aws.amazon.com/service-authorization/latest/reference/list_bedrock.html),
      // as are tags added in place; an update that removes tags calls UntagResource.
      this.allow({ actions: ['bedrock:TagResource', 'bedrock:UntagResource'], resources: entry.tags.map((target) => arnsOf(this, target)) });
    }
    for (const grant of entry.grants) {
      if (grant.onUse === undefined) this.allow(this.statementOf(grant));
    }
  }

  /**
   * Grants the kind's operations that its descriptor grants on use (`onUse:
   * key`), once per stack, on their targets and on `resources` (what only the
   * construct knows: a job's base model). Later calls add their resources.
   */
  public grantOnUse(key: string, ...resources: string[]): void {
    const statement = this.onUse.get(key);
    if (statement) {
      statement.addResources(...resources);
      return;
    }
    const grant = this.entry.grants.find((g) => g.onUse === key);
    if (!grant) throw new Error(`${this.entry.resourceType} grants nothing on use '${key}'`);
    const props = this.statementOf(grant);
    this.onUse.set(key, this.allow({ ...props, resources: [...resources, ...props.resources!] }));
  }

  /**
   * Lets the handlers pass `role` (a role, or an ARN pattern of roles) to
   * Bedrock, and to Bedrock only.
   */
  public allowPassRole(role: iam.IRole | string): void {
    const arn = typeof role === 'string' ? role : role.roleArn;
    if (this.passRoles) {
      this.passRoles.addResources(arn);
    } else {
      this.passRoles = this.allow({
        actions: ['iam:PassRole'],
        resources: [arn],
        conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      });
    }
  }

  /** Lets the handlers create resources that `key` encrypts. Once per key. */
  public allowModelKey(key: kms.IKey): void {
    if (this.modelKeys.has(key)) return;
    this.modelKeys.add(key);
    grantModelKey(this, key, this.handlerRole);
  }

  /** A grant of the descriptor as a statement: its operations on its targets. */
  private statementOf(grant: OperationGrant): iam.PolicyStatementProps {
    return { actions: grant.operations.map((op) => `bedrock:${op}`), resources: grant.on.map((target) => arnsOf(this, target)) };
  }

  /** Adds a statement to the handler role's policy, and returns it (to extend). */
  private allow(props: iam.PolicyStatementProps): iam.PolicyStatement {
    const statement = new iam.PolicyStatement(props);
    this.handlerRole.addToPrincipalPolicy(statement);
    return statement;
  }
}
