/*
 * AWS::CloudFormation::Stack: a nested stack, run as a stack of its own
 * beside its parent, by the same operations
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html).
 * Its name is `<parent name>-<logical id>-<12 random characters>` (as in
 * `demo-dev-JetsPreheatJob-IXX3J912KGKS`), its Ref its stack id, and
 * `Fn::GetAtt <id>.Outputs.<name>` reads its outputs. The parent's failures
 * quote the child's status reason as CloudFormation words them: "Embedded
 * stack <id> was not successfully created: <reason>" (e.g.
 * aws-quickstart/quickstart-apache-superset#62), "... was not successfully
 * updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: <reason>"
 * (as the Jets docs' "Debugging CloudFormation" shows it).
 */
import * as fs from 'fs';
import { DeleteOutcome, ProvisionOutcome } from './outcome';
import { generatedName } from './physical-names';
import { Clock } from '../clock';
import { stringifyProperties } from '../custom-resources/request';
import { errorMessage, ValidationError } from '../errors';
import { createStack } from '../stack/create-stack';
import { deleteStack } from '../stack/delete-stack';
import { newStackIdentity, StackIdentity } from '../stack/identity';
import { NestedStackRecords } from '../stack/nested-stack-records';
import { Operation } from '../stack/operation';
import { PreparedTemplate } from '../stack/prepared-template';
import { creationTimedOut, StackRecord } from '../stack/stack-record';
import { ResourceState, STACK_RESOURCE_TYPE } from '../stack/state';
import { checkTypesUnchanged, updateStack } from '../stack/update-stack';
import { SynthesizedStack } from '../synthesized-stack';
import { Template } from '../template';

/** What nested stacks need of the engine: the machinery every stack operation uses. */
export interface StackRunner {
  readonly records: NestedStackRecords;
  readonly clock: Clock;
  /** Set when a deletion of the top-level stack cancels its creation. */
  readonly cancellation: { readonly requested: boolean };
  /** The local path of an asset of the stacks given to the engine, if any has it. */
  findAsset(objectKey: string): string | undefined;
  prepare(
    synthesized: SynthesizedStack,
    identity: StackIdentity,
    parameters: Readonly<Record<string, string>>,
    resources: ReadonlyMap<string, ResourceState>,
  ): PreparedTemplate;
  prepareCurrent(stack: StackRecord): PreparedTemplate;
  operation(stack: StackRecord): Operation;
}

/** Stack names are at most 128 characters. */
const STACK_NAMES = { maxLength: 128 };

/** The nested stacks of one parent stack. */
export class NestedStacks {
  constructor(private readonly runner: StackRunner, private readonly parent: () => StackRecord) {}

  /**
   * Creates the child stack. If its creation fails, the child rolls back and
   * stays (ROLLBACK_COMPLETE) for the parent's rollback to delete it; if a
   * deletion of the top-level stack cancels it, the child is deleted.
   */
  public async create(logicalId: string, properties: Readonly<Record<string, unknown>>): Promise<ProvisionOutcome> {
    const parent = this.parent();
    const { templateUrl, parameters, timeoutInMinutes } = nestedStackProperties(properties);
    const { region, accountId } = parent.identity;
    const identity = newStackIdentity(generatedName(parent.identity.stackName, logicalId, STACK_NAMES), region, accountId);
    const synthesized = SynthesizedStack.fromTemplate(identity.stackName, this.template(templateUrl));
    const resources = new Map<string, ResourceState>();
    const prepared = this.runner.prepare(synthesized, identity, parameters, resources);
    const { clock } = this.runner;
    // TimeoutInMinutes: "the length of time ... that CloudFormation waits for the nested stack to reach the CREATE_COMPLETE state".
    const deadlines = [parent.creationDeadline, timeoutInMinutes === undefined ? undefined : clock.now() + timeoutInMinutes * 60_000];
    const creationDeadline = Math.min(...deadlines.map((d) => d ?? Infinity));
    const child: StackRecord = {
      identity,
      status: 'CREATE_IN_PROGRESS',
      synthesized,
      parameters,
      resources,
      outputs: {},
      parent: { stackId: parent.identity.stackId, logicalId },
      ...(Number.isFinite(creationDeadline) ? { creationDeadline } : {}),
    };
    this.runner.records.add(child);
    const operation = this.runner.operation(child);
    const { cancellation } = this.runner;
    await createStack(child, prepared, operation, () => cancellation.requested, () => creationTimedOut(child, clock.now()));
    child.creationDeadline = undefined;
    const state = stackResource(logicalId, properties, child);
    if (child.status === 'CREATE_COMPLETE') return { ok: true, state };
    // CloudFormation's word for a resource whose creation a stack deletion stopped.
    const reason = cancellation.requested
      ? 'Resource creation cancelled'
      : `Embedded stack ${identity.stackId} was not successfully created: ${operation.statusReason('ROLLBACK_IN_PROGRESS')}`;
    return { ok: false, reason, leftover: state };
  }

  /**
   * Updates the child to its new template and parameters, up to its cleanup
   * phase, which waits for the parent's (see UpdateAwaitingCleanup). While
   * the parent rolls back, the child's update is rolled back instead.
   */
  public async update(current: ResourceState, properties: Readonly<Record<string, unknown>>, parentOperation: Operation): Promise<ProvisionOutcome> {
    const child = this.child(current.physicalId);
    const { stackId } = child.identity;
    if (parentOperation.rollingBack) {
      const update = parentOperation.nestedUpdate(stackId);
      if (update?.rollBack) parentOperation.deferNestedUpdate(stackId, await update.rollBack());
      if (child.status === 'UPDATE_ROLLBACK_FAILED') {
        return { ok: false, reason: `Embedded stack ${stackId} was not successfully updated. Currently in UPDATE_ROLLBACK_FAILED.` };
      }
      return { ok: true, state: stackResource(current.logicalId, properties, child) };
    }
    const { templateUrl, parameters } = nestedStackProperties(properties);
    const synthesized = SynthesizedStack.fromTemplate(child.identity.stackName, this.template(templateUrl));
    const next = this.runner.prepare(synthesized, child.identity, parameters, child.resources);
    checkTypesUnchanged(child, next);
    const previous = this.runner.prepareCurrent(child);
    const operation = this.runner.operation(child);
    parentOperation.deferNestedUpdate(stackId, await updateStack(child, previous, next, operation));
    if (child.status === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS') return { ok: true, state: stackResource(current.logicalId, properties, child) };
    const reason = operation.statusReason('UPDATE_ROLLBACK_IN_PROGRESS');
    return { ok: false, reason: `Embedded stack ${stackId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: ${reason}` };
  }

  /** Deletes the child stack (nothing to do once it is deleted). */
  public async delete(state: ResourceState): Promise<DeleteOutcome> {
    const child = this.runner.records.byId(state.physicalId);
    if (!child || child.status === 'DELETE_COMPLETE') return { ok: true };
    const operation = this.runner.operation(child);
    await deleteStack(child, this.runner.prepareCurrent(child), operation);
    if (operation.result().status === 'DELETE_COMPLETE') return { ok: true };
    // A child whose export is in use may keep its status: the reason is then the operation's.
    const reason = operation.statusReason('DELETE_FAILED') ?? operation.result().reason;
    return { ok: false, reason: `Embedded stack ${child.identity.stackId} was not successfully deleted: ${reason}` };
  }

  private child(stackId: string): StackRecord {
    const child = this.runner.records.byId(stackId);
    if (!child) throw new ValidationError(`Stack ${stackId} does not exist`);
    return child;
  }

  /** The template TemplateURL names: an asset of the cloud assembly (CDK uploads a nested stack's template as a file asset). */
  private template(templateUrl: string): Template {
    const objectKey = objectKeyOf(templateUrl);
    const file = objectKey === undefined ? undefined : this.runner.findAsset(objectKey);
    if (file === undefined) {
      const detail = `${templateUrl}: no asset ${objectKey ?? ''} in the cloud assembly`;
      throw new ValidationError(`TemplateURL must reference a valid S3 object to which you have access. (${detail})`);
    }
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
    } catch (error) {
      throw new ValidationError(`Template format error: ${templateUrl} is not a JSON template (${errorMessage(error)})`);
    }
  }
}

/** The stack resource as its parent records it: its Ref the child's stack id, its attributes `Outputs.<name>`. */
function stackResource(logicalId: string, properties: Readonly<Record<string, unknown>>, child: StackRecord): ResourceState {
  const attributes = Object.fromEntries(Object.entries(child.outputs).map(([name, value]) => [`Outputs.${name}`, stringifyProperties(value)]));
  return { logicalId, type: STACK_RESOURCE_TYPE, physicalId: child.identity.stackId, properties, attributes };
}

/**
 * TemplateURL, Parameters (strings: "you can't pass values that are of type
 * CommaDelimitedList to nested stacks", a number passes as its text) and
 * TimeoutInMinutes. NotificationARNs and Tags are recorded, not used.
 */
function nestedStackProperties(properties: Readonly<Record<string, unknown>>): {
  readonly templateUrl: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly timeoutInMinutes?: number;
} {
  const { TemplateURL: templateUrl, Parameters: parameters = {}, TimeoutInMinutes: timeout } = properties;
  if (typeof templateUrl !== 'string') throw new ValidationError('Property TemplateURL cannot be empty.');
  const isObject = typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters);
  if (!isObject || !Object.values(parameters).every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    throw new ValidationError('Value of property Parameters must be an object with String (or simple type) properties');
  }
  const timeoutInMinutes = timeout === undefined ? undefined : Number(timeout);
  if (timeoutInMinutes !== undefined && !(Number.isInteger(timeoutInMinutes) && timeoutInMinutes >= 1)) {
    throw new ValidationError(`Value of property TimeoutInMinutes must be a whole number of minutes, at least 1 (got ${JSON.stringify(timeout)})`);
  }
  return { templateUrl, parameters: stringifyProperties(parameters) as Record<string, string>, timeoutInMinutes };
}

/**
 * The object key of an S3 URL: path-style `https://s3.<region>.amazonaws.com/<bucket>/<key>`
 * (as CDK writes a nested stack's TemplateURL; also `s3-<region>` and the
 * global `s3.amazonaws.com`), or virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com/<key>`.
 */
function objectKeyOf(templateUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(templateUrl);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(url.pathname).replace(/^\//, '');
  const pathStyle = /^s3[.-]/.test(url.hostname);
  const key = pathStyle ? path.slice(path.indexOf('/') + 1) : path;
  return pathStyle && !path.includes('/') ? undefined : key || undefined;
}
