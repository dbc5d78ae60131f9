/*
 * A probe: a function of the test stack that makes one AWS SDK call and
 * answers how it ended (./functions/probe), for assertions that expect an
 * error, which an assertion's own call cannot (it fails the assertion stack).
 * Its role holds only what each probed call needs.
 */
import * as path from 'path';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** One call: the client, the operation's name, its input. */
export interface ProbedCall {
  readonly client: 'bedrock' | 's3' | 'cloudformation';
  readonly command: string;
  readonly input: object;
}

export class Probe extends Construct {
  private readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, private readonly integ: IntegTest) {
    super(scope, id);
    this.fn = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'probe')),
      handler: 'index.handler',
    });
  }

  /** Asserts that `call`, made with the probe's role given `allow`, ends with `outcome` ('ok' or the error's name). */
  public expect(call: ProbedCall, allow: iam.PolicyStatement, outcome: string): void {
    this.call(call, allow).expect(ExpectedResult.objectLike({ Payload: JSON.stringify({ outcome }) }));
  }

  /** Asserts that `call` succeeds and that the value at `answer` (a dotted path in its output) matches `pattern`. */
  public expectAnswer(call: ProbedCall, allow: iam.PolicyStatement, answer: string, pattern: string): void {
    this.call({ ...call, answer }, allow).expect(ExpectedResult.objectLike({ Payload: Match.stringLikeRegexp(pattern) }));
  }

  private call(call: ProbedCall & { readonly answer?: string }, allow: iam.PolicyStatement) {
    this.fn.addToRolePolicy(allow);
    return this.integ.assertions.invokeFunction({ functionName: this.fn.functionName, payload: JSON.stringify(call) });
  }
}
