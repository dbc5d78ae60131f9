/*
 * The calls of CloudFormation's API the engine serves to functions (the
 * integration tests' probes and assertions): DescribeStackResource,
 * DescribeStacks and DeleteStack over the account's stacks
 * (account-stacks.ts), and CreateStack and UpdateStack of stacks whose
 * template is JSON without assets, run by the engine that serves the call.
 * awsQuery, as the SDK sends it: a form body, an XML answer
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html,
 * API_DescribeStacks.html, API_DeleteStack.html, API_CreateStack.html, API_UpdateStack.html).
 */
import { randomUUID } from 'crypto';
import type { AccountStacks, StackCreator } from './account-stacks';
import { escapeXml } from '../../shared/xml';
import { errorMessage, ValidationError } from '../errors';
import type { ApiAnswer } from '../eventbridge/api';
import type { Template } from '../template';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const SERVED = ['DescribeStackResource', 'DescribeStacks', 'DeleteStack', 'CreateStack', 'UpdateStack'];
/** API_CreateStack.html: "A stack name can contain only alphanumeric characters (case sensitive) and hyphens. It must start with an alphabetical character and can't be longer than 128 characters." */
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]{0,127}$/;
/**
 * The resources that need a capability acknowledged (API_CreateStack.html, Capabilities): CAPABILITY_IAM or
 * CAPABILITY_NAMED_IAM, the latter if one has a custom name.
 */
const IAM_TYPES: Readonly<Record<string, string | undefined>> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserToGroupAddition': undefined,
};

/** A refusal with its CloudFormation error code. */
class Refusal extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
  }
}

const element = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

export function answerCloudFormation(stacks: AccountStacks, body: string, create?: StackCreator): ApiAnswer {
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  if (!SERVED.includes(action)) return error('InvalidAction', `The local engine serves ${SERVED.join(', ')}, not ${action}`);
  try {
    return answerAction(stacks, action, form, create);
  } catch (refused) {
    if (refused instanceof Refusal) return error(refused.code, refused.message);
    if (refused instanceof ValidationError) return error('ValidationError', errorMessage(refused));
    throw refused;
  }
}

/** One served action's answer; throws what CloudFormation refuses (a Refusal with its code, or a ValidationError). */
function answerAction(stacks: AccountStacks, action: string, form: URLSearchParams, create: StackCreator | undefined): ApiAnswer {
  if (action === 'CreateStack' || action === 'UpdateStack') {
    const stackId = action === 'CreateStack' ? createStack(stacks, form, create) : updateStack(stacks, form);
    return answer(action, element('StackId', stackId));
  }
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

/** What CreateStack and UpdateStack take that the engine does not run: refused rather than ignored. */
const NOT_SERVED = ['TemplateURL', 'OnFailure', 'DisableRollback', 'TimeoutInMinutes', 'RoleARN', 'NotificationARNs', 'StackPolicyBody',
  'StackPolicyURL', 'RollbackConfiguration', 'EnableTerminationProtection', 'RetainExceptOnCreate', 'Tags'];

function refuseWhatIsNotServed(form: URLSearchParams): void {
  const given = NOT_SERVED.filter((name) => [...form.keys()].some((key) => key === name || key.startsWith(`${name}.`)));
  if (given.length > 0) throw new ValidationError(`The local engine does not serve ${given.join(', ')}`);
}

function createStack(stacks: AccountStacks, form: URLSearchParams, create: StackCreator | undefined): string {
  refuseWhatIsNotServed(form);
  const stackName = form.get('StackName') ?? '';
  if (!STACK_NAME.test(stackName)) throw new ValidationError(`1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  if (stacks.find(stackName)) throw new Refusal('AlreadyExistsException', `Stack [${stackName}] already exists`);
  if (!create) throw new ValidationError('This engine does not create stacks');
  const template = templateOf(form, undefined);
  return create(stackName, template, parametersOf(form, {}));
}

function updateStack(stacks: AccountStacks, form: URLSearchParams): string {
  refuseWhatIsNotServed(form);
  const stackName = form.get('StackName') ?? '';
  const found = stacks.find(stackName);
  if (!found) throw new ValidationError(`Stack [${stackName}] does not exist`);
  const previous = found.stack.current();
  const template = templateOf(form, form.get('UsePreviousTemplate') === 'true' ? previous.template : undefined);
  found.stack.startUpdate(template, parametersOf(form, previous.parameters));
  return found.summary.stackId;
}

/** TemplateBody as JSON (the engine reads no YAML, and no TemplateURL), its IAM resources acknowledged. */
function templateOf(form: URLSearchParams, previous: Template | undefined): Template {
  const body = form.get('TemplateBody');
  if (body === null && !previous) throw new ValidationError('Either Template URL or Template Body must be specified.');
  if (body !== null && previous) throw new ValidationError('You cannot specify both usePreviousTemplate and Template Body');
  let template: Template;
  try {
    template = previous ?? JSON.parse(body!) as Template;
  } catch {
    throw new ValidationError('Template format error: JSON not well-formed. (the local engine reads JSON templates only)');
  }
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object' || template.Resources === null) {
    throw new ValidationError('Template format error: At least one Resources member must be defined.');
  }
  const capabilities = members(form, 'Capabilities').map((member) => form.get(member) ?? '');
  for (const resource of Object.values(template.Resources ?? {})) {
    if (!(resource.Type in IAM_TYPES)) continue;
    const named = IAM_TYPES[resource.Type] !== undefined && resource.Properties?.[IAM_TYPES[resource.Type]!] !== undefined;
    const required = named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM';
    if (!capabilities.includes(required) && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
      throw new Refusal('InsufficientCapabilitiesException', `Requires capabilities : [${required}]`);
    }
  }
  return template;
}

/** Parameters.member.N: ParameterKey with ParameterValue, or UsePreviousValue (a value of `previous`). */
function parametersOf(form: URLSearchParams, previous: Readonly<Record<string, string>>): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const member of members(form, 'Parameters')) {
    const key = form.get(`${member}.ParameterKey`) ?? '';
    const usePrevious = form.get(`${member}.UsePreviousValue`) === 'true';
    const value = usePrevious ? previous[key] : form.get(`${member}.ParameterValue`);
    // A previous value the stack took from the template's default is that default again.
    if (usePrevious && value === undefined) continue;
    if (value === undefined || value === null) throw new ValidationError(`Parameter ${key} has no value to use`);
    parameters[key] = value;
  }
  return parameters;
}

/** The `<name>.member.N` prefixes of a list in the form, in order. */
function members(form: URLSearchParams, name: string): string[] {
  const found: string[] = [];
  const present = (prefix: string) => [...form.keys()].some((key) => key === prefix || key.startsWith(`${prefix}.`));
  for (let n = 1; present(`${name}.member.${n}`); n++) found.push(`${name}.member.${n}`);
  return found;
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
