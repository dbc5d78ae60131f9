/* The first log line of every onEvent: which request, for which resource. */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { log } from './log';

export function logRequest(event: CloudFormationCustomResourceEvent): void {
  log.info('Request', {
    requestType: event.RequestType,
    resourceType: event.ResourceType,
    logicalResourceId: event.LogicalResourceId,
    requestId: event.RequestId,
    physicalResourceId: event.RequestType === 'Create' ? undefined : event.PhysicalResourceId,
  });
}
