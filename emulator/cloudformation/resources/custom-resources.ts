import { DeleteOutcome, ProvisionOutcome } from './outcome';
import { generatedName } from './physical-names';
import { CustomResourceSender, Exchange } from '../custom-resources/custom-resource-sender';
import { stringifyProperties } from '../custom-resources/request';
import { NO_RESPONSE_REASON } from '../custom-resources/response';
import { StackIdentity } from '../stack/identity';
import { ResourceState } from '../stack/state';

/** Custom resources of one stack: each operation is a request to the ServiceToken, and its response decides. */
export class CustomResources {
  constructor(private readonly sender: CustomResourceSender, private readonly stack: () => StackIdentity) {}

  public async create(logicalId: string, type: string, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    return this.outcome(await this.sender.send({ stack: this.stack(), requestType: 'Create', logicalId, resourceType: type, properties }));
  }

  /** An Update request; a response with another PhysicalResourceId is a replacement. */
  public async update(current: ResourceState, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    if (stringifyProperties(properties.ServiceToken) !== current.properties.ServiceToken) return { ok: false, reason: 'Modifying service token is not allowed.' };
    return this.outcome(await this.sender.send({
      stack: this.stack(),
      requestType: 'Update',
      logicalId: current.logicalId,
      resourceType: current.type,
      properties,
      oldProperties: current.properties,
      physicalResourceId: current.physicalId,
    }));
  }

  public async delete(state: ResourceState): Promise<DeleteOutcome> {
    const { outcome } = await this.sender.send({
      stack: this.stack(),
      requestType: 'Delete',
      logicalId: state.logicalId,
      resourceType: state.type,
      properties: state.properties,
      physicalResourceId: state.physicalId,
    });
    return outcome.status === 'SUCCESS' ? { ok: true } : { ok: false, reason: outcome.reason };
  }

  private outcome({ request, outcome }: Exchange): ProvisionOutcome {
    const resource = { logicalId: request.LogicalResourceId, type: request.ResourceType, properties: request.ResourceProperties };
    if (outcome.status === 'SUCCESS') return { ok: true, state: { ...resource, physicalId: outcome.physicalResourceId, attributes: outcome.data } };
    // A failed Create leaves a resource to delete: the one its response named or, with no response, one CloudFormation names.
    const unanswered = outcome.reason === NO_RESPONSE_REASON;
    const leftoverId = outcome.physicalResourceId ?? (unanswered ? generatedName(this.stack().stackName, request.LogicalResourceId) : undefined);
    const leftover = request.RequestType === 'Create' && leftoverId ? { ...resource, physicalId: leftoverId, attributes: {} } : undefined;
    return { ok: false, reason: outcome.reason, leftover };
  }
}
