import { nativeResource, requiresReplacement } from './native-types';
import { DeleteOutcome, ProvisionOutcome } from './outcome';
import { IamRoles } from '../../shared/iam-roles';
import { functionConfig } from '../lambda/function-config';
import { LocalLambda } from '../lambda/local-lambda';
import { StackIdentity } from '../stack/identity';
import { ResourceState } from '../stack/state';
import { LocalStepFunctions } from '../stepfunctions/local-step-functions';

export interface NativeServices {
  readonly lambda: LocalLambda;
  readonly stepFunctions: LocalStepFunctions;
  readonly iamRoles: IamRoles;
}

/** Where the stack lives, and where the assets of its code are. */
export interface StackContext {
  readonly identity: StackIdentity;
  assetPath(objectKey: string): string;
}

/**
 * Resources of AWS types: records with synthetic ids and attributes, except
 * that Lambda functions and state machines are deployed to the local services.
 */
export class NativeResources {
  constructor(private readonly services: NativeServices, private readonly stack: () => StackContext) {}

  public create(logicalId: string, type: string, properties: Readonly<Record<string, unknown>>): ProvisionOutcome {
    const state = nativeResource(this.stack().identity, logicalId, type, properties);
    this.deploy(state);
    return { ok: true, state };
  }

  /** In place (same physical id and attributes), or a replacement when the resource's name changes. */
  public update(current: ResourceState, properties: Readonly<Record<string, unknown>>): ProvisionOutcome {
    if (requiresReplacement(current.type, current.properties, properties)) return this.create(current.logicalId, current.type, properties);
    const state = { ...current, properties };
    this.deploy(state);
    return { ok: true, state };
  }

  public delete(state: ResourceState): DeleteOutcome {
    if (state.type === 'AWS::Lambda::Function') this.services.lambda.remove(state.physicalId);
    if (state.type === 'AWS::StepFunctions::StateMachine') this.services.stepFunctions.remove(state.physicalId);
    if (state.type === 'AWS::IAM::Role') this.services.iamRoles.remove(String(state.attributes.Arn));
    return { ok: true };
  }

  private deploy(state: ResourceState): void {
    if (state.type === 'AWS::Lambda::Function') {
      const { stackName } = this.stack().identity;
      const resource = { stackName, logicalId: state.logicalId, physicalId: state.physicalId, arn: String(state.attributes.Arn) };
      this.services.lambda.deploy(functionConfig((key) => this.stack().assetPath(key), resource, state.properties));
    }
    if (state.type === 'AWS::StepFunctions::StateMachine') this.services.stepFunctions.deploy(state.physicalId, state.logicalId, state.properties);
    if (state.type === 'AWS::IAM::Role') this.services.iamRoles.put(String(state.attributes.Arn), state.properties.AssumeRolePolicyDocument);
  }
}
