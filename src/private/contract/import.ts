/*
 * The properties contract of `Custom::BedrockCustomModelImport` (see common.ts).
 * Imports types only: no runtime code crosses between src/ and lambda/.
 */
import type { ResourceTag, BedrockRemovalPolicy } from './common';

/** Properties of the `Custom::BedrockCustomModelImport` resource (CreateCustomModel). */
export interface CustomModelImportResourceProperties {
  /** Omitted: the handler generates one per RequestId. */
  readonly modelName?: string;
  /** `s3://<bucket>/<prefix>`: the model artifacts SageMaker wrote. */
  readonly modelSourceS3Uri: string;
  readonly roleArn: string;
  /** Omitted: Bedrock encrypts the model with a key that AWS manages. */
  readonly modelKmsKeyArn?: string;
  readonly modelTags?: ResourceTag[];

  // Library-only settings below: they never reach Bedrock and update in place.

  /** Whether Delete removes the model. */
  readonly removalPolicy: BedrockRemovalPolicy;
  /** The resource fails when the model is not Active after this many seconds. */
  readonly completionTimeoutSeconds: number;
}

/** The `Data` an import resource returns (read with `Fn::GetAtt`). */
export interface CustomModelImportResourceAttributes {
  readonly ModelArn: string;
  readonly ModelName: string;
}
