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
