import {
  CfnResource, CfnWaitCondition, CfnWaitConditionHandle, Duration, Fn, Lazy, Stack, aws_events as events,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { JobResultResourceProperties } from './contract/job-result';
import { JobResultProvider } from './job-result-provider';
import { JobWatcher } from './job-watcher';
import { RESOURCE_KINDS } from './registry';
import { shortHash } from './short-hash';

/** Between two reads of the job by the fallback rule: at most 6 Get calls an hour beside the state-change events. */
export const FALLBACK_INTERVAL = Duration.minutes(10);

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

/** The terminal statuses of a job (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelCustomizationJob.html). */
const TERMINAL_STATUSES = ['Completed', 'Failed', 'Stopped'];

export interface JobConditionWaitProps {
  /** The job's custom resource. */
  readonly job: CfnResource;
  readonly jobArn: string;
  /** The wait's generation (see wait-generation.ts): a new job or timeout, a new one. */
  readonly generation: string;
  readonly timeoutSeconds: number;
  /** The custom model tags wanted now (rendered), for the result to apply those the model lacks. */
  readonly customModelTags: unknown;
}

/**
 * Waits for a job longer than a custom resource can (up to 12 hours): a wait
 * condition and its handle, which the stack's job watcher signals when the
 * job ends, told by two rules: the job's state-change events (best-effort)
 * and a 10-minute fallback schedule. After the condition, a job result
 * resource reports the output model and metrics.
 *
 * Everything that names a condition belongs to one generation: a wait
 * condition cannot be updated, so the handle and the condition have logical
 * ids of their generation, and the rules names of theirs (a new name
 * replaces a rule). A rule is so never updated in place, which would enable
 * it again before its new input applies (and an update rollback would enable
 * it with its old input): each invocation's input is its own condition's,
 * and the watcher disables the rule it came from. The handle depends on the
 * job, so that its URL, which expires a day after the handle's creation,
 * lives from the job's start, whenever a chain of jobs before it ends.
 */
export class JobConditionWait extends Construct {
  /** The job result resource: the output model and metrics as attributes. */
  public readonly result: CfnResource;

  constructor(scope: Construct, id: string, props: JobConditionWaitProps) {
    super(scope, id);
    const watcher = JobWatcher.of(this);
    const handle = new CfnWaitConditionHandle(this, 'Handle');
    handle.overrideLogicalId(this.generationalId(handle, props.generation));
    handle.node.addDependency(props.job);
    const fallbackRuleName = watcher.ruleName(scope.node.path, props.generation, 'fallback');
    const target = watcher.target({ jobArn: props.jobArn, handleUrl: handle.ref, fallbackRuleName });

    const stateChange = new events.Rule(this, 'StateChangeRule', {
      ruleName: watcher.ruleName(scope.node.path, props.generation, 'state'),
      description: `Signals the wait condition of ${scope.node.path} when the job ends`,
      eventPattern: {
        source: ['aws.bedrock'],
        detailType: ['Model Customization Job State Change'],
        resources: [props.jobArn, eventJobArn(props.jobArn)],
        detail: { jobStatus: TERMINAL_STATUSES },
      },
      targets: [target],
    });
    const fallback = new events.Rule(this, 'FallbackRule', {
      ruleName: fallbackRuleName,
      description: `Reads ${scope.node.path} every 10 minutes while its wait condition waits (events are best-effort)`,
      schedule: events.Schedule.rate(FALLBACK_INTERVAL),
      targets: [target],
    });

    const condition = new CfnWaitCondition(this, 'Condition', {
      handle: handle.ref,
      timeout: String(Math.min(props.timeoutSeconds + CONDITION_MARGIN.toSeconds(), MAX_CONDITION_TIMEOUT_SECONDS)),
      count: 1,
    });
    condition.overrideLogicalId(this.generationalId(condition, props.generation));
    // The watcher can only be invoked once the rules exist, and the job must exist for them to name it.
    condition.node.addDependency(stateChange, fallback, watcher, props.job);

    const properties: JobResultResourceProperties = {
      jobArn: props.jobArn,
      jobPhysicalId: props.job.ref,
      customModelTags: props.customModelTags as JobResultResourceProperties['customModelTags'],
    };
    const provider = JobResultProvider.of(this);
    this.result = new CfnResource(this, 'Result', {
      type: RESOURCE_KINDS.jobResult.resourceType,
      properties: { ServiceToken: provider.serviceToken, ...properties },
    });
    this.result.node.addDependency(condition);
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

/**
 * The job's ARN as the user guide's sample event names it,
 * `model-customization-job/<id>`: the API's ARN is
 * `model-customization-job/<base model>/<id>`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge-how-it-works.html),
 * so the rule matches both.
 */
function eventJobArn(jobArn: string): string {
  const parts = Fn.split('/', jobArn);
  return Fn.join('/', [Fn.select(0, parts), Fn.select(2, parts)]);
}
