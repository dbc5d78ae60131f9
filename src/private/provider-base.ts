import { Duration, Stack, aws_iam as iam, aws_kms as kms, custom_resources as cr } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { providerHandlers } from './handler-role';
import { grantModelKey } from './model-key';
import { RESOURCE_KINDS, ResourceKindName } from './registry';
import { SlotQueue } from './slot-queue';

/** Between two reads of what a resource waits for: one Get call per poll. */
const POLL_INTERVAL = Duration.seconds(30);

/** What a kind's provider is made of, beyond its registry entry. */
export interface BedrockProviderOptions {
  /** Describes the handler role. */
  readonly roleDescription: string;
  /** Describes the onEvent function. */
  readonly onEventDescription: string;
  /** Describes the isComplete function, for kinds that wait. */
  readonly isCompleteDescription?: string;
  /**
   * How long one invocation of the kind's handlers may take.
   * @default 5 minutes
   */
  readonly timeout?: Duration;
  /**
   * The ARNs of the resources the kind tags: every one gets at least the
   * provenance tags, so the handlers may always tag and untag them.
   * @default - the kind tags nothing
   */
  readonly taggedArns?: string[];
  /**
   * Describes the watcher function, for kinds whose creates may wait for a slot.
   * @default a generic description
   */
  readonly queueWatcherDescription?: string;
}

/** A provider class: what `of` needs to find or make the stack's provider. */
interface ProviderClass<T extends BedrockProvider> {
  readonly KIND: ResourceKindName;
  new (scope: Construct, id: string): T;
}

/**
 * The custom resource provider of one resource kind in a stack (one per
 * stack and kind, shared by every resource of that kind): the handler role,
 * its log group, the kind's handler functions (from the one handler bundle,
 * with the export names of the registry) and the Provider framework. Each
 * grant extends one statement, so the role's policy does not grow per
 * resource.
 */
export abstract class BedrockProvider extends Construct {
  /** The stack's provider of this kind, created on first use. */
  public static of<T extends BedrockProvider>(this: ProviderClass<T>, scope: IConstruct): T {
    const stack = Stack.of(scope);
    const id = RESOURCE_KINDS[this.KIND].providerId;
    return (stack.node.tryFindChild(id) as T | undefined) ?? new this(stack, id);
  }

  /** The service token of the custom resources. */
  public readonly serviceToken: string;
  /** The role of the handlers that call Bedrock. */
  public readonly handlerRole: iam.Role;
  private passRoles?: iam.PolicyStatement;
  private readonly modelKeys = new Set<kms.IKey>();

  protected constructor(scope: Construct, id: string, kind: ResourceKindName, options: BedrockProviderOptions) {
    super(scope, id);
    const entry = RESOURCE_KINDS[kind];
    const handlers = providerHandlers(this, options.roleDescription, options.timeout);
    this.handlerRole = handlers.role;
    const onEventHandler = handlers.handler('OnEventHandler', entry.onEvent, options.onEventDescription);
    const isComplete = 'isComplete' in entry ? entry.isComplete : undefined;
    const isCompleteHandler = isComplete === undefined ? undefined
      : handlers.handler('IsCompleteHandler', isComplete, options.isCompleteDescription ?? options.onEventDescription);
    const provider = isCompleteHandler === undefined ? new cr.Provider(this, 'Provider', { onEventHandler }) : new cr.Provider(this, 'Provider', {
      onEventHandler,
      isCompleteHandler,
      queryInterval: POLL_INTERVAL,
      // The most a custom resource gets; each resource's own deadline falls well before it (at most 55 minutes).
      totalTimeout: Duration.hours(1),
    });
    this.serviceToken = provider.serviceToken;
    const queue = 'queue' in entry ? entry.queue : undefined;
    if (queue) {
      // The kind's creates may wait for a free Bedrock slot: its watcher, with its role, starts them (slot-queue.ts).
      SlotQueue.of(this).serve({
        name: kind,
        role: this.handlerRole,
        handlers: [onEventHandler, ...(isCompleteHandler ? [isCompleteHandler] : [])],
        watcher: handlers.handler('QueueWatcher', queue.watcher, options.queueWatcherDescription ?? 'Starts what waits for a free Bedrock slot'),
        events: 'events' in queue ? queue.events : undefined,
      });
    }
    if (options.taggedArns) {
      // Every resource is created tagged (the provenance tags), and tags sent with a create are authorized as
      // bedrock:TagResource (the Service Authorization Reference maps each Bedrock create to its action and
      // bedrock:TagResource: https://docs.aws.amazon.com/service-authorization/latest/reference/list_bedrock.html),
      // as are tags added in place; an update that removes tags calls UntagResource.
      this.allow({ actions: ['bedrock:TagResource', 'bedrock:UntagResource'], resources: options.taggedArns });
    }
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

  /** Adds a statement to the handler role's policy, and returns it (to extend). */
  protected allow(props: iam.PolicyStatementProps): iam.PolicyStatement {
    const statement = new iam.PolicyStatement(props);
    this.handlerRole.addToPrincipalPolicy(statement);
    return statement;
  }
}
