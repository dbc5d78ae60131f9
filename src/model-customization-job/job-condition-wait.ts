import { CfnResource, CfnWaitCondition, CfnWaitConditionHandle, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';
import type { JobResultResourceProperties } from '../contract/kinds/job-result';
import { RESOURCE_KINDS } from '../contract/registry';
import { BedrockProvider } from '../private/provider-base';
import { shortHash } from '../private/short-hash';
import { FALLBACK_INTERVAL } from '../private/slot-queue';

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

export interface JobConditionWaitProps {
  /** The wait's generation (see wait-generation.ts): a new job or timeout, a new one. */
  readonly generation: string;
  readonly timeoutSeconds: number;
  /** The custom model tags wanted now (rendered), for the result to apply those the model lacks. */
  readonly customModelTags: unknown;
  /**
   * What the job waits for before it starts (the job whose model it starts
   * from, say): the handle waits for it too, so that its URL, which expires a
   * day after the handle's creation, lives from the job's start.
   */
  readonly after: readonly IDependable[];
}

/**
 * Waits for a job longer than a custom resource can (up to 12 hours): a wait
 * condition and its handle, which the stack's job watcher signals when the
 * job ends (the job may first wait for a free Bedrock slot: the condition's
 * timeout covers both), and, after the condition, a job result resource that
 * reports the job's ARN, its output model and metrics.
 *
 * The handle comes first: the job resource is given its URL, and registers
 * the wait in the stack's slot queue (see slot-queue.ts), where the watcher
 * finds it. A wait condition cannot be updated, so the handle and the
 * condition have logical ids of their generation: a new wait for a new job
 * or timeout.
 */
export class JobConditionWait extends Construct {
  /** The URL of the handle, for the job resource. */
  public readonly handleUrl: string;
  /** The condition's timeout: completionTimeout and the margin, at most 12 hours. */
  public readonly timeoutSeconds: number;
  private readonly handle: CfnWaitConditionHandle;
  private readonly condition: CfnWaitCondition;
  private readonly customModelTags: unknown;

  constructor(scope: Construct, id: string, props: JobConditionWaitProps) {
    super(scope, id);
    this.handle = new CfnWaitConditionHandle(this, 'Handle');
    this.handle.overrideLogicalId(this.generationalId(this.handle, props.generation));
    this.handle.node.addDependency(...props.after);
    this.handleUrl = this.handle.ref;
    this.timeoutSeconds = Math.min(props.timeoutSeconds + CONDITION_MARGIN.toSeconds(), MAX_CONDITION_TIMEOUT_SECONDS);
    this.condition = new CfnWaitCondition(this, 'Condition', { handle: this.handle.ref, timeout: String(this.timeoutSeconds), count: 1 });
    this.condition.overrideLogicalId(this.generationalId(this.condition, props.generation));
    this.customModelTags = props.customModelTags;
  }

  /**
   * Waits for `job` (which the handle's URL was given to) and adds the job
   * result after the condition; returns the result resource, whose
   * attributes are the completed job's.
   */
  public waitFor(job: CfnResource, jobName: string): CfnResource {
    // The job registers the wait; the watcher, the job's provider, must exist before anything signals.
    this.condition.node.addDependency(job);
    const properties: JobResultResourceProperties = {
      jobName,
      jobPhysicalId: job.ref,
      customModelTags: this.customModelTags as JobResultResourceProperties['customModelTags'],
    };
    const provider = BedrockProvider.of(this, 'jobResult');
    const result = new CfnResource(this, 'Result', {
      type: RESOURCE_KINDS.jobResult.resourceType,
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
