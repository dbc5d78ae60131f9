/*
 * The contract between the constructs (src/) and the handlers (lambda/): one
 * file per resource kind, holding the `properties` object of its custom
 * resource as the construct writes it, and the `Data` it returns; this file
 * holds what several kinds share.
 *
 * CloudFormation turns every scalar into a string on the way to the handler,
 * so handlers never read these values raw: they decode them with the typed
 * decoders of lambda/shared.
 *
 * These modules import nothing at runtime, and handlers import them with
 * `import type` only, so no runtime code crosses between src/ and lambda/.
 */

/** A tag as the Bedrock API takes it. */
export interface ResourceTag {
  readonly key: string;
  readonly value: string;
}

/** Tags every construct puts on the Bedrock resources it creates, naming the stack and the construct that made them (the command line reads them). */
export const PROVENANCE_TAG_KEYS = {
  stack: 'cdk-bedrock-customization:stack',
  constructPath: 'cdk-bedrock-customization:construct-path',
} as const;

/** What happens to a Bedrock resource when its custom resource is deleted. */
export type BedrockRemovalPolicy = 'retain' | 'destroy';

/** The VPC a job runs in, as the Bedrock API takes it (VpcConfig). */
export interface VpcConfigProperties {
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
}

/**
 * The library-only settings of a job that a wait condition waits for (up to
 * 12 hours, longer than a custom resource can; see src/private/condition-wait.ts).
 */
export interface ConditionWaitProperties {
  /**
   * The wait's generation, a digest of what the template shows of the job.
   * A replacement that keeps it cannot be waited for (the condition has
   * waited already), so the handler refuses it before any new job starts.
   */
  readonly waitGeneration?: string;
  /**
   * The URL of the condition's handle, which the stack's watcher signals
   * when the job ends (the job may first wait for a free Bedrock slot).
   */
  readonly waitHandleUrl?: string;
  /** With waitHandleUrl: how long the condition waits for the job, queueing included (completionTimeout). */
  readonly waitSeconds?: number;
}

/** The properties of ConditionWaitProperties: none of them defines a job. */
export const CONDITION_WAIT_PROPERTIES = ['waitGeneration', 'waitHandleUrl', 'waitSeconds'] as const satisfies ReadonlyArray<keyof ConditionWaitProperties>;

/** The properties of a job result: the read-back, after its wait condition, of a job that has completed. */
export interface WaitResultProperties {
  /** The job's name: a job that waited for a slot had no ARN when its resource completed. */
  readonly jobName: string;
  /** The job resource's physical id. */
  readonly jobPhysicalId: string;
}
