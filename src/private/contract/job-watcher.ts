/*
 * The input of the job watcher (a Lambda function per stack that EventBridge
 * invokes for the jobs waited for by a wait condition): the constant input of
 * the job's two rules, the state-change rule and the fallback schedule.
 * Imports nothing at runtime.
 */

export interface JobWatchInput {
  readonly jobArn: string;
  /** The presigned URL of the job's wait condition handle. */
  readonly handleUrl: string;
  /** The job's fallback rule (on the default event bus): disabled once the handle is signalled. */
  readonly fallbackRuleName: string;
}
