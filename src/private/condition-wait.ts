import { CfnResource, CfnWaitCondition, CfnWaitConditionHandle, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';
import { BedrockProvider } from './provider-base';
import { shortHash } from './short-hash';
import { FALLBACK_INTERVAL } from './slot-queue';
import { waitGeneration } from './wait-generation';
import type { ConditionWaitProperties, WaitResultProperties } from '../contract/common';
import { RESOURCE_KINDS, ResourceKindName } from '../contract/registry';

/**
 * What the condition waits beyond `completionTimeout`: a job that ends just
 * before its timeout, its event lost, is read by the fallback up to one
 * interval later, and the watcher's invocation takes up to a minute.
 */
export const CONDITION_MARGIN = FALLBACK_INTERVAL.plus(Duration.minutes(1));

/**
 * A wait condition's longest Timeout, 43,200 seconds
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html).
 */
const MAX_CONDITION_TIMEOUT_SECONDS = 43_200;

/** The kinds a wait condition may wait for: those whose descriptor names a result kind. */
export type WaitingKind = { [K in ResourceKindName]: (typeof RESOURCE_KINDS)[K] extends { conditionWait: object } ? K : never }[ResourceKindName];

export interface ConditionWaitProps {
  /** The kind of the job: its descriptor names the result kind. */
  readonly kind: WaitingKind;
  /** The properties that define the job (neither tags nor the library's settings): a new job, a new wait (wait-generation.ts). */
  readonly defining: object;
  /** How long the job may take, a wait for a slot included (completionTimeout). */
  readonly timeoutSeconds: number;
  /**
   * What the job waits for before it starts (the job whose model it starts
   * from, say): the handle waits for it too, so that its URL, which expires a
   * day after the handle's creation, lives from the job's start.
   */
  readonly after: readonly IDependable[];
}

/**
 * Waits for a job longer than a custom resource can (up to 12 hours): a wait
 * condition and its handle, which the watcher of the job's kind signals when
 * the job ends (the job may first wait for a free Bedrock slot: the
 * condition's timeout covers both), and, after the condition, a result
 * resource of the kind's result kind that reports what the job made.
 *
 * The handle comes first: the job resource is given its URL, and registers
 * the wait in the stack's slot queue (see slot-queue.ts), where the watcher
 * finds it. A wait condition cannot be updated, so the handle and the
 * condition have logical ids of their generation: a new wait for a new job
 * or timeout.
 */
export class ConditionWait extends Construct {
  /** The job resource's properties of the wait: its generation, the handle's URL and the job's timeout. */
  public readonly properties: ConditionWaitProperties;
  /** The condition's timeout: completionTimeout and the margin, at most 12 hours. */
  public readonly timeoutSeconds: number;
  private readonly kind: WaitingKind;
  private readonly handle: CfnWaitConditionHandle;
  private readonly condition: CfnWaitCondition;

  constructor(scope: Construct, id: string, props: ConditionWaitProps) {
    super(scope, id);
    this.kind = props.kind;
    const generation = waitGeneration(scope, props.defining, props.timeoutSeconds);
    this.handle = new CfnWaitConditionHandle(this, 'Handle');
    this.handle.overrideLogicalId(this.generationalId(this.handle, generation));
    this.handle.node.addDependency(...props.after);
    this.timeoutSeconds = Math.min(props.timeoutSeconds + CONDITION_MARGIN.toSeconds(), MAX_CONDITION_TIMEOUT_SECONDS);
    this.condition = new CfnWaitCondition(this, 'Condition', { handle: this.handle.ref, timeout: String(this.timeoutSeconds), count: 1 });
    this.condition.overrideLogicalId(this.generationalId(this.condition, generation));
    this.properties = { waitGeneration: generation, waitHandleUrl: this.handle.ref, waitSeconds: props.timeoutSeconds };
  }

  /**
   * Waits for `job` (which the handle's URL was given to) and adds the
   * result after the condition, with `extra` properties of its kind; returns
   * the result resource, whose attributes are the completed job's.
   */
  public waitFor(job: CfnResource, jobName: string, extra: object = {}): CfnResource {
    // The job registers the wait; the watcher, the job's provider, must exist before anything signals.
    this.condition.node.addDependency(job);
    const properties: WaitResultProperties = { jobName, jobPhysicalId: job.ref, ...extra };
    const resultKind = RESOURCE_KINDS[this.kind].conditionWait.result;
    const provider = BedrockProvider.of(this, resultKind);
    const result = new CfnResource(this, 'Result', {
      type: RESOURCE_KINDS[resultKind].resourceType,
      properties: { ServiceToken: provider.serviceToken, ...properties },
    });
    result.node.addDependency(this.condition);
    return result;
  }

  /**
   * A logical id of the generation: the construct's path (its letters and
   * digits, and a digest of it, as aws-cdk-lib's own ids end) and the generation.
   */
  private generationalId(element: CfnResource, generation: string): string {
    const stack = Stack.of(this);
    const path = element.node.scopes.slice(element.node.scopes.indexOf(stack) + 1).map((s) => s.node.id).join('/');
    const readable = path.replace(/[^A-Za-z0-9]/g, '').slice(0, 200);
    return Lazy.string({ produce: () => `${readable}${shortHash(path, 8).toUpperCase()}${Stack.of(this).resolve(generation)}` });
  }
}
