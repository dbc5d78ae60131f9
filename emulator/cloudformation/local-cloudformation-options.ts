/* The options of a LocalCloudFormation. */
import { Clock } from './clock';
import { LogLine } from './lambda/log-capture';
import type { AccountStacks } from './services/account-stacks';
import type { StackExports } from './stack/exports';
import type { IamRoles } from '../shared/iam-roles';
import { StackEvent } from './stack/state';
import type { WaitConditionReasons } from './wait-conditions/wait-condition';
import { EventSource } from '../shared/eventbridge-event';

export interface LocalCloudFormationOptions {
  /** Variables added to every function's environment, over all others (e.g. `{ AWS_ENDPOINT_URL_BEDROCK: emulator.endpoint }`). */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** Each stack and resource event, as `cdk deploy` prints them. */
  readonly onProgress?: (event: StackEvent) => void;
  /** Each line a function logs (they are kept on the invocations either way; nothing reaches the console). */
  readonly onLog?: (functionName: string, line: LogLine) => void;
  /** @default an AcceleratedClock (waiting takes no time) */
  readonly clock?: Clock;
  /** Values of SSM parameters that `AWS::SSM::Parameter::Value<...>` template parameters name (CDK's bootstrap version is known). */
  readonly ssmParameters?: Readonly<Record<string, string>>;
  /**
   * Whether handlers' `Date` tells the engine's time, so that they see the
   * time the waiter's polls take, and their sleeps through `timers/promises`
   * let the engine's time pass instead of real time.
   * @default true
   */
  readonly engineTimeInHandlers?: boolean;
  /**
   * Services whose events go on the default event bus (the Bedrock
   * emulator's job state changes): drained at each step of the engine's time.
   */
  readonly eventSources?: readonly EventSource[];
  /**
   * How long a wait condition handle's URL takes signals, from the handle's
   * creation: real URLs carry `X-Amz-Expires=86399` (Infinity: never expire).
   * @default 86399
   */
  readonly handleUrlLifetimeSeconds?: number;
  /**
   * How long a rule updated with new targets keeps sending to its old ones
   * (PutTargets: changes take "a short period of time"; 0: at once).
   * @default 60
   */
  readonly targetChangeDelaySeconds?: number;
  /**
   * Whether a rate schedule enabled again fires one period later, rather than
   * on the phase of the rule's creation (AWS does not say which).
   * @default false
   */
  readonly scheduleRestartsWhenEnabled?: boolean;
  /**
   * For how long after a write the local DynamoDB's eventually consistent
   * reads (GetItem and Scan without ConsistentRead) return the item as it
   * was (0: every read sees the latest write). DynamoDB says only that such
   * a read "might not reflect the results of a recently completed write".
   * @default 1000
   */
  readonly dynamoDBStaleReadMs?: number;
  /**
   * Whether a PUT to a wait condition handle with a Content-Type records its
   * signal. The user guide says the header "must be an empty string or
   * omitted" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-waitcondition.html)
   * but not what the URL answers otherwise. Default: 403
   * SignatureDoesNotMatch and no signal, the harsher reading (the signal is
   * lost). true: the signal is recorded, as a presigned URL that signs only
   * `host` would take it.
   * @default false
   */
  readonly handleAcceptsContentType?: boolean;
  /**
   * How a wait condition's failures are worded: on a FAILURE signal, and at
   * its Timeout. The resource page
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html)
   * gives no wording. Default: the wordings users report (e.g.
   * https://github.com/aws-samples/vpn-gateway-strongswan/issues/28), the
   * Reason cut at 1,024 characters: of the signaller's Reason, a caller sees
   * the least. Given: these wordings instead (the Reason whole, say), so that a
   * test shows that nothing depends on CloudFormation's words.
   * @default - `WaitCondition received failed message: '<Reason>' for uniqueId: <UniqueId>` and `WaitCondition timed out. Received <n> conditions when expecting <Count>`
   */
  readonly waitConditionReasons?: Partial<WaitConditionReasons>;
  /**
   * Whether an update of an `AWS::Events::Rule` that leaves the template's
   * State as it was keeps the rule's state (a rule disabled since stays
   * disabled). Default: the resource handler's PutRule sets the template's
   * State (https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-events/blob/master/aws-events-rule/src/main/java/software/amazon/events/rule/UpdateHandler.java),
   * so any update, or an update rollback, enables a rule a function disabled:
   * the harsher reading, the rule fires again. No page says which.
   * @default false
   */
  readonly ruleUpdateKeepsState?: boolean;
  /**
   * Whether an update rollback sends an Update back to a custom resource the
   * update replaced (its Update answered another PhysicalResourceId), as
   * https://github.com/aws/aws-cdk/issues/17443 expects: PhysicalResourceId
   * the replacement's, ResourceProperties the old ones; the physical id it
   * answers is the resource's, and the replacement is deleted at cleanup if
   * it answers another. Default: the old physical resource comes back with
   * no request, the replacement gets a Delete at cleanup: the handler is
   * never told, so it must have left the old resource intact
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requesttypes-update.html
   * does not say).
   * @default false
   */
  readonly rollbackUpdatesReplacedCustomResources?: boolean;
  /**
   * Whether deleting a stack whose export another stack imports leaves the
   * stack in the status it had (its event of that status gives the reason),
   * as users report (https://github.com/USSBA/aws-cft-tools/issues/27,
   * https://github.com/rlister/stax/issues/40). Default: DELETE_FAILED, the
   * harsher reading: the stack can no longer be updated, only deleted again
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html
   * says only that such a stack "can't" be deleted).
   * @default false
   */
  readonly exportInUseKeepsStackStatus?: boolean;
  /**
   * Whether a custom resource's outcome is the last body PUT to its
   * ResponseURL by the time the engine reads it (when the invocation that
   * answered, and the executions it started, have run), not the first.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
   * does not say which of several uploads counts. Default: the first, the
   * stricter reading: an answer cannot be taken back by a later one.
   * @default false
   */
  readonly customResourceLastResponseCounts?: boolean;
  /**
   * The exports of the account and Region (Fn::ImportValue): give engines
   * the same one to deploy stacks that import each other's outputs.
   * @default - the engine's own
   */
  readonly exports?: StackExports;
  /**
   * The stacks of the account and Region that CloudFormation's API
   * (DescribeStacks, DeleteStack, DescribeStackResource) serves to functions:
   * give engines the same one, with the same `exports`, so that a function of
   * one stack can describe or delete another.
   * @default - the engine's own: its stack only
   */
  readonly accountStacks?: AccountStacks;
  /**
   * The account's IAM roles, as services that assume them see them: the
   * engine records there the AWS::IAM::Role resources it creates, with their
   * trust policies, and forgets the ones it deletes. Give the Bedrock emulator
   * the same one (`iamRoles`) so that it refuses a role Bedrock may not assume.
   * @default - the engine's own, which no service reads
   */
  readonly iamRoles?: IamRoles;
}
