/*
 * CloudFormation's DescribeStackResource, the one call of its API the engine
 * serves (to functions of the stack: the integration tests' probes read a
 * resource's physical id with it). awsQuery, as the SDK sends it: a form
 * body, an XML answer
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html).
 */
import { randomUUID } from 'crypto';
import { escapeXml } from '../../shared/xml';
import type { ApiAnswer } from '../eventbridge/api';

/** What DescribeStackResource tells of one resource. */
export interface StackResourceDetail {
  readonly stackId: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly lastUpdated: Date;
}

/** A resource of a stack the engine holds (by stack name or id), or why there is none (CloudFormation's wording). */
export type StackResourceReader = (stackName: string, logicalId: string) => StackResourceDetail | string;

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

export function answerCloudFormation(read: StackResourceReader | undefined, body: string): ApiAnswer {
  const form = new URLSearchParams(body);
  const action = form.get('Action');
  if (action !== 'DescribeStackResource') return error('InvalidAction', `The local engine serves DescribeStackResource only, not ${action}`);
  const stackName = form.get('StackName') ?? '';
  const logicalId = form.get('LogicalResourceId') ?? '';
  const detail = read?.(stackName, logicalId) ?? `Stack '${stackName}' does not exist`;
  if (typeof detail === 'string') return error('ValidationError', detail);
  const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  const xml = `<DescribeStackResourceResponse xmlns="${NAMESPACE}"><DescribeStackResourceResult><StackResourceDetail>`
    + element('StackId', detail.stackId) + element('StackName', detail.stackName) + element('LogicalResourceId', detail.logicalId)
    + element('PhysicalResourceId', detail.physicalId) + element('ResourceType', detail.resourceType)
    + element('LastUpdatedTimestamp', detail.lastUpdated.toISOString()) + element('ResourceStatus', detail.status)
    + `</StackResourceDetail></DescribeStackResourceResult><ResponseMetadata>${element('RequestId', randomUUID())}</ResponseMetadata>`
    + '</DescribeStackResourceResponse>';
  return { status: 200, headers: { 'content-type': 'text/xml' }, body: xml };
}

function error(code: string, message: string): ApiAnswer {
  const xml = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code>`
    + `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status: 400, headers: { 'content-type': 'text/xml' }, body: xml };
}
