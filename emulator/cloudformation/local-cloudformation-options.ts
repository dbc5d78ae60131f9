/* The options of a LocalCloudFormation. */
import { Clock } from './clock';
import { LogLine } from './lambda/log-capture';
import type { StackExports } from './stack/exports';
import { StackEvent } from './stack/state';
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
   * The exports of the account and Region (Fn::ImportValue): give engines
   * the same one to deploy stacks that import each other's outputs.
   * @default - the engine's own
   */
  readonly exports?: StackExports;
}
