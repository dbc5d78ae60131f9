import { IResource, Resource, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { CustomizationType } from '../model-customization-job/customization';
import { grantModelKey } from '../private/model-key';

/**
 * A Bedrock custom model: the output of a customization job, an imported
 * model, or a reference to an existing one.
 *
 * A custom model is not invoked by its ARN alone (invocation goes through a
 * provisioned throughput or a custom model deployment), so `grant` is for
 * management actions such as `bedrock:GetCustomModel`.
 */
export interface ICustomModel extends IResource, bedrock.IModel {
  // modelArn comes from aws_bedrock.IModel (jsii forbids declaring it again).

  /**
   * The name of the custom model.
   * @attribute
   */
  readonly customModelName: string;

  /**
   * How the model came to be, when known.
   *
   * Constructs that import models set `CustomizationType.IMPORTED`, which
   * `BaseModel.fromCustomModel` refuses: Bedrock cannot customize imported
   * models.
   *
   * @default - unknown (a model referenced by ARN, for example)
   */
  readonly customizationType?: CustomizationType;

  /**
   * The KMS key that encrypts the model, when this app knows it.
   *
   * @default - unknown, or a key that AWS manages
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Grants `actions` on this custom model to `grantee`, and, when the model
   * has an `encryptionKey`, the key actions Bedrock needs to use the model on
   * the grantee's behalf (through Bedrock only).
   *
   * @example model.grant(role, 'bedrock:GetCustomModel')
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/**
 * What every custom model, created or referenced, has in common.
 */
export abstract class CustomModelBase extends Resource implements ICustomModel {
  public abstract readonly modelArn: string;
  public abstract readonly customModelName: string;
  public readonly customizationType?: CustomizationType;
  public readonly encryptionKey?: kms.IKey;

  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    const grant = iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.modelArn] });
    return this.encryptionKey ? grant.combine(grantModelKey(this, this.encryptionKey, grantee)) : grant;
  }
}
