import { ArnFormat, Stack, Token, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The model a customization job starts from.
 */
export class BaseModel {
  /**
   * A foundation model, by its aws-cdk-lib identifier.
   *
   * @example BaseModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_EXPRESS_V1_0_8K)
   */
  public static fromFoundationModel(identifier: bedrock.FoundationModelIdentifier): BaseModel {
    return new BaseModel(identifier.modelId);
  }

  /**
   * A model by its identifier or ARN, as CreateModelCustomizationJob's
   * `baseModelIdentifier` accepts it.
   *
   * A plain identifier (such as `amazon.nova-micro-v1:0:128k`) is taken to be a
   * foundation model of the stack's region. An unresolved token is taken to be an ARN.
   */
  public static fromModelId(modelIdOrArn: string): BaseModel {
    return new BaseModel(modelIdOrArn);
  }

  /** The value sent as `baseModelIdentifier`. */
  public readonly modelIdentifier: string;

  private constructor(modelIdentifier: string) {
    this.modelIdentifier = modelIdentifier;
  }

  /**
   * The ARN of this model in the stack of `scope`, for IAM policies.
   */
  public modelArn(scope: IConstruct): string {
    if (Token.isUnresolved(this.modelIdentifier) || this.modelIdentifier.startsWith('arn:')) {
      return this.modelIdentifier;
    }
    // Foundation model ARNs have no account.
    return Stack.of(scope).formatArn({
      service: 'bedrock',
      account: '',
      resource: 'foundation-model',
      resourceName: this.modelIdentifier,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}
