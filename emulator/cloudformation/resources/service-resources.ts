/*
 * Resource types the engine runs on its local services rather than only
 * recording: wait condition handles and wait conditions, EventBridge rules,
 * the Lambda permissions that let EventBridge invoke the functions, and
 * DynamoDB tables.
 */
import { Clock } from '../clock';
import { errorMessage } from '../errors';
import { DynamoDBTables, TABLE_TYPE } from './dynamodb-tables';
import { nativeResource, requiresReplacement, templateName } from './native-types';
import { DeleteOutcome, ProvisionOutcome } from './outcome';
import { LocalEventBridge } from '../eventbridge/rules';
import { LambdaPermissions } from '../lambda/permissions';
import { TimeSteps } from '../services/time-steps';
import { StackIdentity } from '../stack/identity';
import { ResourceState } from '../stack/state';
import { WaitConditionHandles } from '../wait-conditions/handles';
import { timedOut, verdict, WaitConditionReasons, WaitVerdict, waitConditionSpec } from '../wait-conditions/wait-condition';

export const WAIT_CONDITION_TYPE = 'AWS::CloudFormation::WaitCondition';
const HANDLE_TYPE = 'AWS::CloudFormation::WaitConditionHandle';
const RULE_TYPE = 'AWS::Events::Rule';
const PERMISSION_TYPE = 'AWS::Lambda::Permission';
const TYPES = [WAIT_CONDITION_TYPE, HANDLE_TYPE, RULE_TYPE, PERMISSION_TYPE, TABLE_TYPE];

export interface ServiceResourceContext {
  readonly identity: StackIdentity;
  readonly clock: Clock;
  readonly handles: WaitConditionHandles;
  readonly eventBridge: LocalEventBridge;
  readonly permissions: LambdaPermissions;
  readonly tables: DynamoDBTables;
  readonly steps: TimeSteps;
  /** How a wait condition's failures are worded. */
  readonly waitConditionReasons: WaitConditionReasons;
  /** Whether a stack deletion cancels the creation under way. */
  readonly cancellation: { readonly requested: boolean };
  /** The local services' endpoint, started if need be. */
  endpoint(): Promise<string>;
}

export class ServiceResources {
  constructor(private readonly context: () => ServiceResourceContext) {}

  public handles(type: string): boolean {
    return TYPES.includes(type);
  }

  public async create(logicalId: string, type: string, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    const context = this.context();
    const state = nativeResource(context.identity, logicalId, type, properties);
    if (type === HANDLE_TYPE) {
      const handle = context.handles.create(await context.endpoint(), context.identity.stackId, logicalId);
      return { ok: true, state: { ...state, physicalId: handle.url, attributes: { Id: handle.url } } };
    }
    if (type === WAIT_CONDITION_TYPE) return this.waitFor(logicalId, state);
    if (type === TABLE_TYPE) return { ok: true, state: context.tables.create(state) };
    this.apply(state);
    return { ok: true, state };
  }

  public update(current: ResourceState, properties: Readonly<Record<string, unknown>>): ProvisionOutcome {
    if (current.type === WAIT_CONDITION_TYPE || current.type === HANDLE_TYPE) {
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-waitcondition.html
      return { ok: false, reason: `Updates aren't supported for ${current.type} (give it, and its handle, new logical ids to wait again)`, untouched: true };
    }
    if (current.type === TABLE_TYPE) return this.updateTable(current, properties);
    if (requiresReplacement(current.type, current.properties, properties)) {
      const state = nativeResource(this.context().identity, current.logicalId, current.type, properties);
      this.apply(state);
      return { ok: true, state };
    }
    const state = { ...current, properties };
    this.apply(state, current.properties);
    return { ok: true, state };
  }

  public delete(state: ResourceState): DeleteOutcome {
    const context = this.context();
    if (state.type === HANDLE_TYPE) context.handles.remove(state.physicalId);
    if (state.type === RULE_TYPE) context.eventBridge.deleteRule(state.physicalId);
    if (state.type === PERMISSION_TYPE) context.permissions.remove(state.physicalId);
    if (state.type === TABLE_TYPE) context.tables.delete(state);
    return { ok: true };
  }

  /**
   * A new table when TableName or KeySchema changes (refused for a table
   * whose name the template keeps, as CloudFormation refuses to replace a
   * custom-named resource: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html),
   * else the same table with new properties. A refused update changes nothing.
   */
  private updateTable(current: ResourceState, properties: Readonly<Record<string, unknown>>): ProvisionOutcome {
    const { identity, tables } = this.context();
    try {
      if (!requiresReplacement(current.type, current.properties, properties)) return { ok: true, state: tables.updateInPlace(current, properties) };
      const name = templateName(current.type, properties);
      if (name !== undefined && name === templateName(current.type, current.properties)) {
        return { ok: false, reason: `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`, untouched: true };
      }
      return { ok: true, state: tables.create(nativeResource(identity, current.logicalId, current.type, properties)) };
    } catch (error) {
      return { ok: false, reason: errorMessage(error), untouched: true };
    }
  }

  /** Puts a rule (updated in place: with its `previousProperties`) or a permission; throws ValidationError when a rule cannot run here. */
  private apply(state: ResourceState, previousProperties?: Readonly<Record<string, unknown>>): void {
    const context = this.context();
    if (state.type === RULE_TYPE) {
      context.eventBridge.putRule(state.logicalId, state.physicalId, String(state.attributes.Arn), state.properties, previousProperties);
    }
    if (state.type === PERMISSION_TYPE) context.permissions.put(state.physicalId, state.properties);
  }

  /** Waits, on the engine's time, until the signals decide or the timeout passes. */
  private async waitFor(logicalId: string, state: ResourceState): Promise<ProvisionOutcome> {
    const { handles, clock, steps, identity, cancellation, waitConditionReasons: reasons } = this.context();
    const spec = waitConditionSpec(logicalId, state.properties, (url) => handles.find(url));
    const deadline = clock.now() + spec.timeoutSeconds * 1000;
    let result: WaitVerdict | undefined;
    await steps.waitUntil(deadline, () => cancellation.requested || (result = verdict(spec, reasons)) !== undefined);
    // CloudFormation's word for a resource whose creation a stack deletion stopped.
    if (!result && cancellation.requested) return { ok: false, reason: 'Resource creation cancelled' };
    result ??= timedOut(spec, reasons);
    if (!result.ok) return { ok: false, reason: result.reason };
    // The physical id CloudFormation shows: the stack's id and the handle's logical id.
    return { ok: true, state: { ...state, physicalId: `${identity.stackId}/${spec.handle.logicalId}`, attributes: { Data: result.data } } };
  }
}
