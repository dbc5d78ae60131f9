/*
 * A probe: a function of the test stack that makes AWS SDK calls and answers
 * how each ended (./functions/probe), for assertions that expect an error,
 * which an assertion's own call cannot (it fails the assertion stack). Its
 * role holds only what the probed calls need. Calls are made once the test
 * stack is deployed (`expect`, `expectAnswer`; `expectSequence`: calls in
 * turn, a later one naming what an earlier one answered), or during its
 * deployment (`expectDuring`: after the resources it follows, e.g. while a job
 * runs). CDK merges the statements repeated across calls.
 */
import * as path from 'path';
import { ExpectedResult, IApiCall, IntegTest, Match, WaiterStateMachineOptions } from '@aws-cdk/integ-tests-alpha';
import { CfnResource, CustomResource, Duration, Stack, aws_iam as iam, aws_lambda as lambda, custom_resources as cr } from 'aws-cdk-lib';
import { Construct, IDependable } from 'constructs';

/** One call: the client, the operation's name, its input. */
export interface ProbedCall {
  readonly client: 'bedrock' | 'bedrock-runtime' | 's3' | 'cloudformation' | 'dynamodb' | 'eventbridge';
  readonly command: string;
  readonly input: object;
}

/** A call of a sequence. */
export interface SequenceStep extends ProbedCall {
  /** A dotted path in its output: the value a later step's `{{N}}` stands for. */
  readonly answer?: string;
  /** A dotted path in its output: the value its outcome reports when it succeeds (else 'ok'). */
  readonly report?: string;
  /**
   * A regular expression: the call is made again every 10 seconds while the value at `report` does not match it (a
   * stack operation's status), within the function's time; during the deployment only (`expectDuring`: up to 14 minutes).
   */
  readonly until?: string;
  /** Seconds to wait before the call, from the end of the step before it. */
  readonly after?: number;
}

/**
 * How long an assertion waits for its expectation (waitForAssertions): within CloudFormation's hour for a custom
 * resource's answer, so that what never comes fails the assertion, not the assertion stack.
 */
export const ASSERTION_WAIT: WaiterStateMachineOptions = { totalTimeout: Duration.minutes(50), interval: Duration.minutes(1) };

/** What a probed call needs: one statement or several. */
export type Allowed = iam.PolicyStatement | iam.PolicyStatement[];

export class Probe extends Construct {
  /** Makes the calls once the test stack is deployed. */
  private readonly fn: lambda.Function;
  /**
   * Makes the calls during the deployment, with a role of its own: the role of the calls made once the stack is
   * deployed may name what exists only at the deployment's end (a job's ARN once it is waited for).
   */
  private during?: { readonly fn: lambda.Function; readonly provider: cr.Provider };
  private readonly permitted = new Map<lambda.Function, Set<iam.PolicyStatement>>();

  constructor(scope: Construct, id: string, private readonly integ: IntegTest) {
    super(scope, id);
    this.fn = this.probeFunction('Function');
  }

  /**
   * Asserts that `call`, made with the probe's role given `allow`, ends with `outcome` ('ok' or the error's name).
   * Returns the assertion's call, for what must come after it (`next`).
   */
  public expect(call: ProbedCall, allow: Allowed, outcome: string): IApiCall {
    const invoke = this.call(call, allow);
    invoke.expect(ExpectedResult.objectLike({ Payload: JSON.stringify({ outcome }) }));
    return invoke;
  }

  /** Asserts that `call` succeeds and that the value at `answer` (a dotted path in its output) matches `pattern`. */
  public expectAnswer(call: ProbedCall, allow: Allowed, answer: string, pattern: string): void {
    this.call({ ...call, answer }, allow).expect(ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp(pattern) }));
  }

  /**
   * Asserts that `steps`, called in turn, end with `outcomes`: each step's error name, else the value at its
   * `report`, else 'ok'. The string `{{N}}` in a step's input stands for the value at step N's `answer` (from 0).
   * Returns the assertion's call, for what must come after it (`next`).
   */
  public expectSequence(steps: SequenceStep[], allow: Allowed, outcomes: string[]): IApiCall {
    this.permit(this.fn, allow);
    const call = this.integ.assertions.invokeFunction({ functionName: this.fn.functionName, payload: JSON.stringify({ steps }) });
    call.expect(ExpectedResult.objectLike({ Payload: JSON.stringify({ outcome: 'ok', outcomes }) }));
    return call;
  }

  /**
   * Asserts that `call`, made during the test stack's deployment once every resource of `after` is created (and
   * before whatever depends on neither), ends with `outcome`; or that a sequence of calls (as `expectSequence`)
   * ends with its outcomes, comma-separated. The call is a custom resource `id` of the probe, whose physical id ends
   * with the outcome; the assertion reads it back with DescribeStackResource (this version's `assertions.expect`
   * reads an attribute its own handler does not answer). `outcome` is a regular expression. Returns the probe's
   * resource, for what must wait for it. `cleanup`: stacks the calls make (by name), which the probe deletes when the
   * test stack is deleted, should the calls have left them.
   */
  public expectDuring(
    id: string, call: ProbedCall | SequenceStep[], allow: Allowed, outcome: string, after: IDependable[], cleanup: string[] = [],
  ): CustomResource {
    if (!this.during) {
      // Within the Provider framework's 15 minutes: a step may wait for a stack operation (`until`).
      const fn = this.probeFunction('DuringFunction', Duration.minutes(14));
      this.during = { fn, provider: new cr.Provider(this, 'Provider', { onEventHandler: fn }) };
    }
    this.permit(this.during.fn, allow);
    const stack = Stack.of(this);
    const probe = new CustomResource(this, id, {
      serviceToken: this.during.provider.serviceToken,
      resourceType: 'Custom::Probe',
      properties: {
        Call: stack.toJsonString(Array.isArray(call) ? { steps: call } : call),
        ...(cleanup.length > 0 ? { Cleanup: JSON.stringify(cleanup) } : {}),
      },
    });
    probe.node.addDependency(...after);
    this.expectAnswer(
      { client: 'cloudformation', command: 'DescribeStackResource', input: { StackName: stack.stackName, LogicalResourceId: stack.getLogicalId(probe.node.defaultChild as CfnResource) } },
      new iam.PolicyStatement({ actions: ['cloudformation:DescribeStackResource'], resources: [stack.stackId] }),
      'StackResourceDetail.PhysicalResourceId', `"answer":"[^"]*:${outcome}"`);
    return probe;
  }

  private probeFunction(id: string, timeout?: Duration): lambda.Function {
    return new lambda.Function(this, id, {
      timeout,
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'probe')),
      handler: 'index.handler',
    });
  }

  /** Adds each statement to the role of `fn` once. */
  private permit(fn: lambda.Function, allow: Allowed): void {
    const permitted = this.permitted.get(fn) ?? new Set<iam.PolicyStatement>();
    this.permitted.set(fn, permitted);
    for (const statement of [allow].flat().filter((s) => !permitted.has(s))) {
      permitted.add(statement);
      fn.addToRolePolicy(statement);
    }
  }

  private call(call: ProbedCall & { readonly answer?: string }, allow: Allowed) {
    this.permit(this.fn, allow);
    return this.integ.assertions.invokeFunction({ functionName: this.fn.functionName, payload: JSON.stringify(call) });
  }
}
