import { stringifyProperties } from '../custom-resources/request';
import { errorMessage } from '../errors';
import type { Operation } from '../stack/operation';
import { ResourceState, STACK_RESOURCE_TYPE } from '../stack/state';
import { isCustomResourceType } from '../template';
import { CustomResources } from './custom-resources';
import { NativeResources } from './native-resources';
import { NestedStacks } from './nested-stacks';
import { DeleteOutcome, ProvisionOutcome } from './outcome';
import { ServiceResources } from './service-resources';

/**
 * Creates, updates and deletes one resource of any type, in one stack;
 * failures are outcomes, not exceptions. An update is given the operation
 * calling: a nested stack's update hands its cleanup phase to it.
 */
export class Provisioner {
  constructor(
    private readonly native: NativeResources,
    private readonly custom: CustomResources,
    private readonly services: ServiceResources,
    private readonly nested: NestedStacks,
  ) {}

  /** The properties as a resource records them (a custom resource's as sent), to tell whether an update changes anything. */
  public recorded(type: string, properties: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    return isCustomResourceType(type) ? stringifyProperties(properties) as Record<string, unknown> : properties;
  }

  /**
   * Whether a resource of this type is updated with every update of its stack,
   * its properties changed or not: CloudFormation "initiates an update to its
   * nested stacks" (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html).
   */
  public updatedWithStack(type: string): boolean {
    return type === STACK_RESOURCE_TYPE;
  }

  public create(logicalId: string, type: string, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    return failuresAsOutcomes(() => (type === STACK_RESOURCE_TYPE
      ? this.nested.create(logicalId, properties)
      : this.handler(type).create(logicalId, type, properties)));
  }

  public update(current: ResourceState, properties: Readonly<Record<string, unknown>>, operation: Operation): Promise<ProvisionOutcome> {
    return failuresAsOutcomes(() => (current.type === STACK_RESOURCE_TYPE
      ? this.nested.update(current, properties, operation)
      : this.handler(current.type).update(current, properties)));
  }

  public delete(state: ResourceState): Promise<DeleteOutcome> {
    return failuresAsOutcomes(() => (state.type === STACK_RESOURCE_TYPE ? this.nested.delete(state) : this.handler(state.type).delete(state)));
  }

  private handler(type: string): NativeResources | CustomResources | ServiceResources {
    if (isCustomResourceType(type)) return this.custom;
    return this.services.handles(type) ? this.services : this.native;
  }
}

async function failuresAsOutcomes<T>(work: () => T | Promise<T>): Promise<T | { ok: false; reason: string }> {
  try {
    return await work();
  } catch (error) {
    return { ok: false, reason: errorMessage(error) };
  }
}
