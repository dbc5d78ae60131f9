/*
 * What the apps that run apart read from the account (SSM parameters of the
 * account and Region, resolved when the stack deploys): inputs no stack can
 * make, which a maintainer puts in place first (README, "Testing in a real
 * account").
 */

/** Where integ.nova-import.ts finds the artifacts of a SageMaker AI-trained Amazon Nova model. */
export const NOVA_ARTIFACTS = {
  /** The bucket SageMaker AI wrote the artifacts to. */
  bucket: '/cdk-bedrock-customization/integ/nova-artifacts/bucket',
  /** The prefix in it that holds the model (its checkpoint folder). */
  prefix: '/cdk-bedrock-customization/integ/nova-artifacts/prefix',
};

/** The ARN of a custom model another account shares with this one (AWS RAM), which integ.shared-model.ts reads. */
export const SHARED_MODEL_ARN = '/cdk-bedrock-customization/integ/shared-model-arn';
