import { ArnFormat, Stack, Token, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { foundationModelArn } from '../private/arns';
import { factoryError } from '../private/synth-errors';

/** An inference profile ARN: the id is what follows `inference-profile/`. */
const INFERENCE_PROFILE_ARN = /^arn:[^:]+:bedrock:[^:]+:[0-9]{12}:inference-profile\/(.+)$/;

/**
 * The teacher model of a distillation: a foundation model, or a cross-Region
 * inference profile of one.
 */
export class TeacherModel {
  /**
   * A foundation model of the stack's region, by its aws-cdk-lib identifier.
   *
   * @example TeacherModel.fromFoundationModel(bedrock.FoundationModelIdentifier.AMAZON_NOVA_PRO_V1_0)
   */
  public static fromFoundationModel(identifier: bedrock.FoundationModelIdentifier): TeacherModel {
    return new TeacherModel(identifier.modelId);
  }

  /**
   * A foundation model by its identifier or ARN.
   *
   * A plain identifier is taken to be a foundation model of the stack's
   * region; use `fromInferenceProfile` for an inference profile.
   */
  public static fromModelId(modelIdOrArn: string): TeacherModel {
    return new TeacherModel(modelIdOrArn);
  }

  /**
   * A system-defined cross-Region inference profile, by its id (such as
   * `us.amazon.nova-premier-v1:0`) or ARN.
   *
   * The job's service role may invoke the profile and its model in every
   * Region, as Bedrock requires for a teacher behind a profile. The id must
   * be known when the app is synthesized, to scope that permission.
   */
  public static fromInferenceProfile(profileIdOrArn: string): TeacherModel {
    if (Token.isUnresolved(profileIdOrArn)) {
      throw factoryError('TeacherModel.fromInferenceProfile', 'profileIdOrArn must be known at synthesis (not a token), '
        + 'to scope the service role\'s permission to the model the profile routes to',
      'Give the profile\'s id (such as us.amazon.nova-premier-v1:0) or ARN as a literal string');
    }
    const profileId = INFERENCE_PROFILE_ARN.exec(profileIdOrArn)?.[1] ?? profileIdOrArn;
    // `<geography>.<model id>`, and every foundation model id has a dot of its own.
    const modelId = profileId.slice(profileId.indexOf('.') + 1);
    if (!profileId.includes('.') || !modelId.includes('.')) {
      throw factoryError('TeacherModel.fromInferenceProfile', `profileIdOrArn '${profileIdOrArn}' is not a cross-Region inference profile `
        + '(<geography>.<model id>, such as us.amazon.nova-premier-v1:0, or its ARN)',
      'For a foundation model without a profile, use TeacherModel.fromModelId');
    }
    return new TeacherModel(profileIdOrArn, { profileId, modelId });
  }

  /** The value sent as `teacherModelIdentifier`. */
  public readonly modelIdentifier: string;

  private constructor(modelIdentifier: string, private readonly profile?: { profileId: string; modelId: string }) {
    this.modelIdentifier = modelIdentifier;
  }

  /**
   * The ARNs that the job's service role must be allowed to invoke: the
   * foundation model, or the inference profile and its model in every Region.
   *
   * @see https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-job-access-security.html
   */
  public invokeArns(scope: IConstruct): string[] {
    if (this.profile) {
      const profileArn = this.modelIdentifier.startsWith('arn:') ? this.modelIdentifier : Stack.of(scope).formatArn({
        service: 'bedrock',
        resource: 'inference-profile',
        resourceName: this.profile.profileId,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
      // The profile routes each request to one of the Regions of its geography.
      return [profileArn, foundationModelArn(scope, this.profile.modelId, '*')];
    }
    if (Token.isUnresolved(this.modelIdentifier) || this.modelIdentifier.startsWith('arn:')) {
      return [this.modelIdentifier];
    }
    return [foundationModelArn(scope, this.modelIdentifier)];
  }
}
