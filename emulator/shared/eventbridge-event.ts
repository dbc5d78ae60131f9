/*
 * An event on an EventBridge bus, as AWS services put them on the default
 * bus (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html).
 * The emulated Bedrock emits them; the local CloudFormation engine delivers
 * them to the rules of its stack.
 */

export interface EventBridgeEvent {
  readonly 'version': string;
  readonly 'id': string;
  readonly 'detail-type': string;
  readonly 'source': string;
  readonly 'account': string;
  /** ISO 8601, to the second. */
  readonly 'time': string;
  readonly 'region': string;
  readonly 'resources': readonly string[];
  readonly 'detail': Readonly<Record<string, unknown>>;
}

/** A service that emits events: each call returns those emitted up to `now` since the previous call, each once. */
export interface EventSource {
  drain(now: Date): EventBridgeEvent[];
}
