/*
 * The environment the constructs give every function of a kind that queues
 * (its handlers and its watcher): the stack's slot queue table and the
 * kind's fallback rule. Both sides name the variables under this type, so
 * the compiler holds them to one spelling. Imports nothing at runtime.
 */

export interface SlotQueueEnvironment {
  /** The name of the stack's DynamoDB table of what waits for a slot. */
  readonly BEDROCK_SLOT_QUEUE_TABLE: string;
  /** The name of the kind's `rate(10 minutes)` fallback rule. */
  readonly BEDROCK_SLOT_QUEUE_FALLBACK_RULE: string;
}
