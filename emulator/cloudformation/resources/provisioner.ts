import { stringifyProperties } from '../custom-resources/request';
import { errorMessage } from '../errors';
import { ResourceState } from '../stack/state';
import { isCustomResourceType } from '../template';
import { CustomResources } from './custom-resources';
import { NativeResources } from './native-resources';
import { DeleteOutcome, ProvisionOutcome } from './outcome';
import { ServiceResources } from './service-resources';

/** Creates, updates and deletes one resource of any type; failures are outcomes, not exceptions. */
export class Provisioner {
  constructor(private readonly native: NativeResources, private readonly custom: CustomResources, private readonly services: ServiceResources) {}

  /** The properties as a resource records them (a custom resource's as sent), to tell whether an update changes anything. */
  public recorded(type: string, properties: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
    return isCustomResourceType(type) ? stringifyProperties(properties) as Record<string, unknown> : properties;
  }

  public create(logicalId: string, type: string, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    return failuresAsOutcomes(() => this.handler(type).create(logicalId, type, properties));
  }

  public update(current: ResourceState, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    return failuresAsOutcomes(() => this.handler(current.type).update(current, properties));
  }

  public delete(state: ResourceState): Promise<DeleteOutcome> {
    return failuresAsOutcomes(() => this.handler(state.type).delete(state));
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
