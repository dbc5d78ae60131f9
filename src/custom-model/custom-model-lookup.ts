import { ArnFormat, CfnResource, Stack, Token, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CustomModelBase, ICustomModel } from './custom-model';
import { CustomModelLookupResourceProperties, ModelStatusValue } from '../contract/kinds/lookup';
import { RESOURCE_KINDS } from '../contract/registry';
import { checkProps } from '../private/prop-check';
import { BedrockProvider } from '../private/provider-base';
import { propError, throwIfInvalid } from '../private/synth-errors';

/** The status of a custom model. */
export enum CustomModelStatus {
  ACTIVE = 'Active',
  CREATING = 'Creating',
  FAILED = 'Failed',
}

/** Whose custom models a lookup considers. */
export enum CustomModelOwnership {
  /** Models this account owns. */
  OWNED = 'OWNED',
  /** Models other accounts share with this account. */
  SHARED = 'SHARED',
}

/**
 * Filters of a `CustomModelLookup` (ListCustomModels). A model matches when it matches every filter set.
 */
export interface CustomModelLookupProps {
  /**
   * Part of the model's name.
   * @default - any name
   */
  readonly nameContains?: string;

  /**
   * The model the custom model was customized from (a foundation model or a custom model).
   * @default - any base model
   */
  readonly baseModel?: bedrock.IModel;

  /**
   * The foundation model underneath the custom model.
   * @default - any foundation model
   */
  readonly foundationModel?: bedrock.IModel;

  /**
   * Only models created after this time.
   * @default - no lower bound
   */
  readonly createdAfter?: Date;

  /**
   * Only models created before this time.
   * @default - no upper bound
   */
  readonly createdBefore?: Date;

  /**
   * Only models in this status.
   * @default CustomModelStatus.ACTIVE
   */
  readonly status?: CustomModelStatus;

  /**
   * Only models this account owns, or only models shared with it.
   * @default - both
   */
  readonly ownership?: CustomModelOwnership;
}

const RESOURCE_TYPE = RESOURCE_KINDS.lookup.resourceType;

/**
 * The newest custom model that matches filters, found at deploy time
 * (ListCustomModels, page after page until a match). Deployment fails with a
 * clear message when no model matches.
 *
 * The lookup runs when the resource is created and when its filters change,
 * not on every deployment. This is not `fromLookup`: nothing is cached in
 * `cdk.context.json`, and the model is an attribute known at deploy time.
 *
 * @resource Custom::BedrockCustomModelLookup
 */
export class CustomModelLookup extends CustomModelBase {
  public readonly modelArn: string;
  public readonly customModelName: string;

  constructor(scope: Construct, id: string, props: CustomModelLookupProps = {}) {
    super(scope, id);
    const properties: CustomModelLookupResourceProperties = {
      nameContains: props.nameContains,
      baseModelArnEquals: props.baseModel?.modelArn,
      foundationModelArnEquals: props.foundationModel?.modelArn,
      creationTimeAfter: props.createdAfter?.toISOString(),
      creationTimeBefore: props.createdBefore?.toISOString(),
      modelStatus: (props.status ?? CustomModelStatus.ACTIVE) as ModelStatusValue,
      isOwned: props.ownership === undefined ? undefined : props.ownership === CustomModelOwnership.OWNED,
    };
    throwIfInvalid(this, lookupErrors(properties));
    const provider = BedrockProvider.of(this, 'lookup');
    provider.grantOnUse('list');
    const resource = new CfnResource(this, 'Resource', { type: RESOURCE_TYPE, properties: { ServiceToken: provider.serviceToken, ...properties } });
    this.modelArn = resource.getAtt('ModelArn').toString();
    this.customModelName = resource.getAtt('ModelName').toString();
  }
}

/**
 * References to existing custom models.
 */
export class CustomModel {
  /**
   * An existing custom model, by ARN.
   */
  public static fromCustomModelArn(scope: Construct, id: string, customModelArn: string): ICustomModel {
    class Import extends CustomModelBase {
      public readonly modelArn = customModelArn;
      // The ARN holds the base model and a service-generated id, not the name.
      public get customModelName(): string {
        throw propError(this, 'customModelName: the name of a custom model referenced by ARN is not known',
          'Use CustomModel.fromCustomModelName to reference it by name');
      }
    }
    const model = new Import(scope, id, { environmentFromArn: customModelArn });
    if (!Token.isUnresolved(customModelArn)) {
      const arn = Stack.of(scope).splitArn(customModelArn, ArnFormat.SLASH_RESOURCE_NAME);
      if (arn.service !== 'bedrock' || arn.resource !== 'custom-model' || !arn.resourceName) {
        throw propError(model, `customModelArn must be the ARN of a custom model (got '${customModelArn}')`,
          'Give arn:<partition>:bedrock:<region>:<account>:custom-model/<base model>/<id>, as Bedrock reports it');
      }
    }
    return model;
  }

  /**
   * An existing custom model of this account and region, by name.
   *
   * A custom model's ARN ends in an id that Bedrock generates, so it cannot
   * be built from the name: a small custom resource resolves it at deploy
   * time (GetCustomModel), and deployment fails when no model has that name.
   */
  public static fromCustomModelName(scope: Construct, id: string, customModelName: string): ICustomModel {
    return new CustomModelByName(scope, id, customModelName);
  }

  private constructor() {}
}

/** A custom model resolved by name at deploy time. */
class CustomModelByName extends CustomModelBase {
  public readonly modelArn: string;
  public readonly customModelName: string;

  constructor(scope: Construct, id: string, name: string) {
    super(scope, id);
    const properties: CustomModelLookupResourceProperties = { modelIdentifier: name };
    throwIfInvalid(this, lookupErrors(properties));
    const provider = BedrockProvider.of(this, 'lookup');
    provider.grantOnUse('get');
    const resource = new CfnResource(this, 'Resource', { type: RESOURCE_TYPE, properties: { ServiceToken: provider.serviceToken, ...properties } });
    this.modelArn = resource.getAtt('ModelArn').toString();
    this.customModelName = name;
  }
}

/** What is wrong with the requests a lookup will send, and with its time window. */
function lookupErrors(p: CustomModelLookupResourceProperties): string[] {
  const errors = checkProps('lookup', p);
  if (p.creationTimeAfter && p.creationTimeBefore && p.creationTimeAfter >= p.creationTimeBefore) {
    errors.push(`createdAfter (${p.creationTimeAfter}) must be before createdBefore (${p.creationTimeBefore})`);
  }
  return errors;
}
