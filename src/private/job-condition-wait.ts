import {
  CfnResource, CfnWaitCondition, CfnWaitConditionHandle, Duration, Stack, aws_events as events,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { JobResultResourceProperties } from './contract/job-result';
import { JobResultProvider } from './job-result-provider';
import { JobWatcher } from './job-watcher';
import { RESOURCE_KINDS } from './registry';
import { shortHash } from './short-hash';

/** Between two reads of the job by the fallback rule: at most 6 Get calls an hour beside the state-change events. */
const FALLBACK_INTERVAL = Duration.minutes(10);

/** The terminal statuses of a job (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelCustomizationJob.html). */
const TERMINAL_STATUSES = ['Completed', 'Failed', 'Stopped'];

export interface JobConditionWaitProps {
  /** The job's custom resource. */
  readonly job: CfnResource;
  readonly jobArn: string;
  /** The properties that define the job (a change starts a new job): the condition is new with each job. */
  readonly defining: Readonly<Record<string, unknown>>;
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
 * A wait condition cannot be updated
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html),
 * and a new one needs a new handle: both have logical ids that change with
 * the job's defining properties and the timeout. The rules keep theirs: an
 * update gives them the new handle and enables the fallback rule again, which
 * signals the new condition within 10 minutes if the job has already ended.
 */
export class JobConditionWait extends Construct {
  /** The job result resource: the output model and metrics as attributes. */
  public readonly result: CfnResource;

  constructor(scope: Construct, id: string, props: JobConditionWaitProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const watcher = JobWatcher.of(this);
    const generation = digest(stack.resolve(props.defining), props.timeoutSeconds);
    const handle = new CfnWaitConditionHandle(this, `Handle${generation}`);
    const fallbackRuleName = watcher.ruleName(scope.node.path, 'fallback');
    const target = watcher.target({ jobArn: props.jobArn, handleUrl: handle.ref, fallbackRuleName });

    const stateChange = new events.Rule(this, 'StateChangeRule', {
      ruleName: watcher.ruleName(scope.node.path, 'state'),
      description: `Signals the wait condition of ${scope.node.path} when the job ends`,
      eventPattern: {
        source: ['aws.bedrock'],
        detailType: ['Model Customization Job State Change'],
        resources: [props.jobArn],
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

    const condition = new CfnWaitCondition(this, `Condition${generation}`, {
      handle: handle.ref,
      timeout: String(props.timeoutSeconds),
      count: 1,
    });
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
}

/** 8 hex digits of the job's defining properties and the timeout: a new job or timeout, a new condition. */
function digest(defining: unknown, timeoutSeconds: number): string {
  return shortHash(JSON.stringify([defining, timeoutSeconds]), 8).toUpperCase();
}
