import { IResource, Resource, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkBedrockArn, grantInvokeEndpoint } from '../private/endpoints';

/**
 * A model brought into Amazon Bedrock by Custom Model Import (an open-weight
 * model, `ModelImportJob`). Bedrock serves it on demand: applications invoke
 * it by its ARN (InvokeModel, Converse), with no deployment or throughput
 * ([Invoke your imported model](https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html)).
 */
export interface IImportedModel extends IResource, bedrock.IModel {
  // modelArn comes from aws_bedrock.IModel: the imported model's ARN, the modelId of InvokeModel and Converse.

  /**
   * The KMS key that encrypts the model, when this app knows it.
   *
   * @default - unknown, or a key that AWS owns
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Lets `grantee` invoke the model (InvokeModel, InvokeModelWithResponseStream;
   * Converse and ConverseStream are authorized as these), and use its key
   * through Bedrock when this app knows it.
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;
}

/**
 * What every imported model, created or referenced, has in common.
 */
export abstract class ImportedModelBase extends Resource implements IImportedModel {
  public abstract readonly modelArn: string;
  public readonly encryptionKey?: kms.IKey;

  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return grantInvokeEndpoint(this, grantee, this.modelArn, this.encryptionKey);
  }
}

/**
 * References to imported models that exist outside this app.
 */
export class ImportedModel {
  /**
   * An imported model by its ARN, `arn:<partition>:bedrock:<region>:<account>:imported-model/<id>`.
   */
  public static fromImportedModelArn(scope: Construct, id: string, importedModelArn: string): IImportedModel {
    checkBedrockArn(scope, 'ImportedModel.fromImportedModelArn', 'importedModelArn', importedModelArn, 'imported-model', 'an imported model');
    return new class extends ImportedModelBase {
      public readonly modelArn = importedModelArn;
    }(scope, id);
  }

  private constructor() {}
}
