/*
 * The calls of CloudFormation's API the engine serves to functions (the
 * integration tests' probes and assertions): DescribeStackResource,
 * DescribeStacks and DeleteStack, over the account's stacks
 * (account-stacks.ts). awsQuery, as the SDK sends it: a form body, an XML
 * answer
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html,
 * API_DescribeStacks.html, API_DeleteStack.html).
 */
import { randomUUID } from 'crypto';
import type { AccountStacks } from './account-stacks';
import { escapeXml } from '../../shared/xml';
import type { ApiAnswer } from '../eventbridge/api';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const SERVED = ['DescribeStackResource', 'DescribeStacks', 'DeleteStack'];

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

export function answerCloudFormation(stacks: AccountStacks, body: string): ApiAnswer {
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  if (!SERVED.includes(action)) return error('InvalidAction', `The local engine serves ${SERVED.join(', ')}, not ${action}`);
  const stackName = form.get('StackName') ?? '';
  const found = stacks.find(stackName);
  if (action === 'DeleteStack') {
    // Deleting a stack that does not exist succeeds, as CloudFormation's does.
    found?.stack.startDeletion();
    return answer(action, '');
  }
  if (action === 'DescribeStacks') {
    if (!found) return error('ValidationError', `Stack with id ${stackName} does not exist`);
    const { summary } = found;
    return answer(action, '<Stacks><member>' + element('StackName', summary.stackName) + element('StackId', summary.stackId)
      + element('CreationTime', summary.creationTime.toISOString()) + element('StackStatus', summary.status)
      + (summary.statusReason ? element('StackStatusReason', summary.statusReason) : '') + '</member></Stacks>');
  }
  const detail = found?.stack.describeResource(form.get('LogicalResourceId') ?? '') ?? `Stack '${stackName}' does not exist`;
  if (typeof detail === 'string') return error('ValidationError', detail);
  return answer(action, '<StackResourceDetail>'
    + element('StackId', detail.stackId) + element('StackName', detail.stackName) + element('LogicalResourceId', detail.logicalId)
    + element('PhysicalResourceId', detail.physicalId) + element('ResourceType', detail.resourceType)
    + element('LastUpdatedTimestamp', detail.lastUpdated.toISOString()) + element('ResourceStatus', detail.status)
    + '</StackResourceDetail>');
}

/** `<Action>Response` holding `<Action>Result` (none for a DeleteStack) and the request id. */
function answer(action: string, result: string): ApiAnswer {
  const xml = `<${action}Response xmlns="${NAMESPACE}">${result ? `<${action}Result>${result}</${action}Result>` : ''}`
    + `<ResponseMetadata>${element('RequestId', randomUUID())}</ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body: xml };
}

function error(code: string, message: string): ApiAnswer {
  const xml = `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code>`
    + `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status: 400, headers: { 'content-type': 'text/xml' }, body: xml };
}
