/*
 * Stacks for the engine's wait condition and EventBridge tests, built with
 * aws-cdk-lib as a construct would: a wait condition and its handle, rules
 * on a schedule or an event pattern targeting the watcher function of
 * ./watchers with a constant input.
 */
import {
  App, CfnResource, CustomResource, Duration, Stack, aws_cloudformation as cfn, aws_events as events,
  aws_events_targets as targets, aws_lambda as lambda, custom_resources as cr,
} from 'aws-cdk-lib';
import { fixtureFunction } from './functions';
import { SynthesizedStack } from '../../../emulator/cloudformation';

export const STACK_NAME = 'WaitFixture';
export const WATCHER = 'Watcher';
export const JOB_ARN = 'arn:aws:bedrock:us-east-1:123456789012:model-customization-job/abcd1234';

/** A stack with its app, to fill in and synthesize. */
export function newStack(): Stack {
  return new Stack(new App(), STACK_NAME);
}

export function synth(stack: Stack): SynthesizedStack {
  return SynthesizedStack.fromArtifact((stack.node.scope as App).synth().getStackByName(STACK_NAME));
}

/** The watcher function (logical id `Watcher`, or `id`). */
export function watcher(stack: Stack, id = WATCHER, entry = 'watch'): lambda.Function {
  return fixtureFunction(stack, id, 'watchers', entry);
}

/** A wait condition `id` and its handle `<id>Handle`. */
export function waitCondition(
  stack: Stack,
  id: string,
  options: { timeoutSeconds: number; count?: number },
): { handle: cfn.CfnWaitConditionHandle; condition: cfn.CfnWaitCondition } {
  const handle = new cfn.CfnWaitConditionHandle(stack, `${id}Handle`);
  handle.overrideLogicalId(`${id}Handle`);
  const condition = new cfn.CfnWaitCondition(stack, id, { handle: handle.ref, timeout: String(options.timeoutSeconds), count: options.count });
  condition.overrideLogicalId(id);
  return { handle, condition };
}

export interface WatchRuleOptions {
  readonly schedule?: Duration;
  readonly pattern?: events.EventPattern;
  /** The target's constant input (tokens allowed); none: the event. */
  readonly input?: Record<string, unknown>;
  readonly enabled?: boolean;
  readonly ruleName?: string;
}

/** A rule `id` targeting `fn` through targets.LambdaFunction (which adds the Lambda permission). */
export function watchRule(stack: Stack, id: string, fn: lambda.IFunction, options: WatchRuleOptions): events.Rule {
  const rule = new events.Rule(stack, id, {
    ruleName: options.ruleName,
    schedule: options.schedule && events.Schedule.rate(options.schedule),
    eventPattern: options.pattern,
    enabled: options.enabled,
    targets: [new targets.LambdaFunction(fn, options.input ? { event: events.RuleTargetInput.fromObject(options.input) } : {})],
  });
  setLogicalId(rule, id);
  return rule;
}

/** The pattern the job watcher's event rule has: the job's state changes to a final status. */
export function jobPattern(jobArn = JOB_ARN): events.EventPattern {
  return {
    source: ['aws.bedrock'],
    detailType: ['Model Customization Job State Change'],
    resources: [jobArn],
    detail: { jobStatus: ['Completed', 'Failed', 'Stopped'] },
  };
}

/** A custom resource `id` whose onEvent (behind a Provider) signals `handle` on Create. */
export function signaller(stack: Stack, id: string, handle: cfn.CfnWaitConditionHandle, signal: { uniqueId: string; data: string }): CustomResource {
  const provider = new cr.Provider(stack, `${id}Provider`, { onEventHandler: watcher(stack, `${id}Function`, 'signalOnCreate') });
  const resource = new CustomResource(stack, id, {
    serviceToken: provider.serviceToken,
    properties: { HandleUrl: handle.ref, UniqueId: signal.uniqueId, Data: signal.data },
  });
  setLogicalId(resource, id);
  return resource;
}

function setLogicalId(construct: { node: { defaultChild?: unknown } }, id: string): void {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(id);
}
