import { Stack, Token, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { IConstruct, IDependable } from 'constructs';
import { CustomizationType } from './customization';
import { ICustomModel } from '../custom-model/custom-model';
import { arnsOf, foundationModelArn } from '../private/arns';
import { factoryError } from '../private/synth-errors';

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
   * foundation model of the stack's region, a name without a dot to be a custom
   * model's name, and an unresolved token to be an ARN.
   */
  public static fromModelId(modelIdOrArn: string): BaseModel {
    return new BaseModel(modelIdOrArn);
  }

  /**
   * A custom model, to customize it further (for example a fine-tuned model
   * fine-tuned again on new data).
   *
   * Bedrock cannot customize an imported model: a model whose
   * `customizationType` is `IMPORTED` is rejected. A model whose origin is
   * unknown (such as one referenced by ARN) is accepted, and Bedrock decides.
   */
  public static fromCustomModel(model: ICustomModel): BaseModel {
    if (model.customizationType === CustomizationType.IMPORTED) {
      throw factoryError('BaseModel.fromCustomModel', `model ${model.node.path} is an imported model (customizationType IMPORTED), `
        + 'and Bedrock cannot customize imported models',
      'Start from the foundation model it derives from, or from a model a customization job produced');
    }
    return new BaseModel(model.modelArn, true, model);
  }

  /** The value sent as `baseModelIdentifier`. */
  public readonly modelIdentifier: string;

  /**
   * What a job on this model waits for before it starts: the model's own
   * resources, for a custom model of the app (a job's output model waits
   * for that job's end).
   * @internal
   */
  public get _dependables(): IDependable[] {
    return this.model ? [this.model] : [];
  }

  private constructor(modelIdentifier: string, private readonly custom: boolean = false, private readonly model?: ICustomModel) {
    this.modelIdentifier = modelIdentifier;
  }

  /**
   * Whether this is (or may be) a foundation model: false for a custom
   * model, true for a foundation model and for a token whose model is known
   * only at deployment.
   */
  public get isFoundationModel(): boolean {
    const id = this.modelIdentifier;
    if (this.custom) return false;
    if (Token.isUnresolved(id)) return true;
    // BaseModelIdentifier: foundation model ids have a dot (provider.model); custom model names do not.
    return id.startsWith('arn:') ? id.includes(':foundation-model/') : id.includes('.');
  }

  /**
   * The ARN of this model in the stack of `scope`, for IAM policies.
   */
  public modelArn(scope: IConstruct): string {
    const id = this.modelIdentifier;
    // A model of this account known at deployment (a job's output, say) is one of the account's custom models. Its
    // own ARN would make the policy of the handler that every job of the stack shares wait for the job that
    // produces the model, which waits for that policy: a dependency cycle.
    // (The same account: the same literal, or the same token.)
    if (this.model && Token.isUnresolved(id) && this.model.env.account === Stack.of(scope).account) {
      return arnsOf(scope, 'custom-model');
    }
    if (Token.isUnresolved(id) || id.startsWith('arn:')) return id;
    // A custom model's name: its ARN ends in an id that Bedrock generated.
    if (!this.isFoundationModel) return arnsOf(scope, 'custom-model');
    return foundationModelArn(scope, id);
  }
}
