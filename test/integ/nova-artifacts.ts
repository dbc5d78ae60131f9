/*
 * Where integ.nova-import.ts finds the artifacts of a SageMaker AI-trained
 * Amazon Nova model: two SSM parameters of the account and Region, read when
 * the stack deploys.
 */
export const NOVA_ARTIFACTS = {
  /** The bucket SageMaker AI wrote the artifacts to. */
  bucket: '/cdk-bedrock-customization/integ/nova-artifacts/bucket',
  /** The prefix in it that holds the model (its checkpoint folder). */
  prefix: '/cdk-bedrock-customization/integ/nova-artifacts/prefix',
};
