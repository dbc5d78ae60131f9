import { Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './synth-errors';

/**
 * What a principal needs on the key that encrypts a custom model, through
 * Bedrock only: "Encryption of model customization jobs and artifacts",
 * statement "Encrypt a model"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html).
 */
const MODEL_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'];

/**
 * The key behind `key`: IAM policies name keys, so an alias this app defines
 * stands for its target, and any other alias is rejected.
 */
export function modelKeyOf(scope: IConstruct, key: kms.IKey, prop: string): kms.IKey {
  if (key instanceof kms.Alias) return key.aliasTargetKey;
  if (/:alias\//.test(key.keyArn)) {
    throw propError(scope, `${prop} is an imported alias: IAM policies that grant a key name its key ARN`, 'Give the key itself');
  }
  return key;
}

/**
 * Grants `grantee` the model key actions, with `kms:ViaService` limited to
 * Bedrock in this stack's region. Added to the grantee's policy, and to the
 * key policy when the grantee is in another account.
 */
export function grantModelKey(scope: IConstruct, key: kms.IKey, grantee: iam.IGrantable): iam.Grant {
  const stack = Stack.of(scope);
  return iam.Grant.addToPrincipalOrResource({
    grantee,
    actions: MODEL_KEY_ACTIONS,
    resourceArns: [key.keyArn],
    resource: key,
    resourceSelfArns: ['*'],
    conditions: { StringEquals: { 'kms:ViaService': `bedrock.${stack.region}.${stack.urlSuffix}` } },
  });
}
