import { cx_api } from 'aws-cdk-lib';
import { AcceleratedClock, Clock } from './clock';
import { AttributeMap, LocalDynamoDB } from '../dynamodb';
import { Exchange } from './custom-resources/custom-resource-sender';
import { RequestType } from './custom-resources/request';
import { ValidationError } from './errors';
import { EventDelivery } from './eventbridge/deliveries';
import { EventRule } from './eventbridge/rules';
import { Invocation } from './lambda/local-lambda';
import type { LocalCloudFormationOptions } from './local-cloudformation-options';
import type { StackResourceDetail, StackSummary } from './services/account-stacks';
import { createStack } from './stack/create-stack';
import { deleteStack } from './stack/delete-stack';
import { newStackIdentity } from './stack/identity';
import { Operation } from './stack/operation';
import { StackRecord } from './stack/stack-record';
import { StackView } from './stack/stack-view';
import { OperationResult, ResourceState, STACK_RESOURCE_TYPE, StackEvent, StackStatus } from './stack/state';
import { checkTypesUnchanged, updateStack } from './stack/update-stack';
import { StackMachinery } from './stack-machinery';
import { Execution } from './stepfunctions/interpreter';
import { SynthesizedStack } from './synthesized-stack';
import { isCustomResourceType, Template } from './template';
import { EventBridgeEvent } from '../shared/eventbridge-event';

export type { LocalCloudFormationOptions } from './local-cloudformation-options';

export interface StackOperationOptions {
  /** Template parameter values (others take their defaults). */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** A synthesized stack: `app.synth().getStackByName(...)`, or a SynthesizedStack. */
export type StackInput = cx_api.CloudFormationStackArtifact | SynthesizedStack;

/** One request to send to a custom resource, outside any stack operation. */
export interface RawRequest {
  readonly requestType: RequestType;
  /** @default a fresh UUID (the same one again is a redelivery of the same request) */
  readonly requestId?: string;
  /** ResourceProperties (ServiceToken defaults to the resource's). @default the resource's current properties */
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly oldProperties?: Readonly<Record<string, unknown>>;
  /** @default the resource's current physical id (none for Create) */
  readonly physicalResourceId?: string;
}

const CREATABLE: readonly (StackStatus | undefined)[] = [undefined, 'DELETE_COMPLETE', 'ROLLBACK_COMPLETE'];
const UPDATABLE: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'];

/**
 * A local CloudFormation for one stack and its nested stacks: deploys a
 * synthesized stack in-process with CloudFormation's semantics (order,
 * rollback, cleanup, statuses), runs its Lambda functions from the cloud
 * assembly's assets and its custom resources through them (the Provider
 * framework's own code included), and waits on an accelerated clock. Its
 * accessors (resources, events, exchanges, invocations, logs) read the
 * top-level stack; `nestedStack(logicalId)` reads a nested stack the same way.
 */
export class LocalCloudFormation {
  public readonly clock: Clock;
  public readonly region: string;
  public readonly accountId: string;
  private readonly machinery: StackMachinery;
  private readonly top: StackView;
  private stack?: StackRecord;
  private busy = false;
  /** Set by a deletion that cancels the stack's creation: its waits give up. */
  private readonly cancellation = { requested: false };
  /** The operation under way. */
  private running?: Promise<OperationResult>;

  /**
   * `machinery`: internal, for a stack that a function creates through CloudFormation's API (CreateStack): it runs on
   * the machinery of the engine that serves the call (its functions, event bus, tables and clock), as a stack of the
   * same account.
   */
  constructor(options: LocalCloudFormationOptions = {}, machinery?: StackMachinery) {
    this.clock = machinery?.clock ?? options.clock ?? new AcceleratedClock();
    this.region = machinery?.region ?? options.region ?? 'us-east-1';
    this.accountId = machinery?.accountId ?? options.accountId ?? '123456789012';
    this.machinery = machinery ?? new StackMachinery(options, this.clock, this.region, this.accountId);
    const { events, sender, lambda, records, services } = this.machinery;
    this.top = new StackView(() => this.stack, { events, exchanges: sender.exchanges, invocations: lambda.invocations, records });
    services.accountStacks.add({
      summary: () => this.summary(),
      describeResource: (logicalId) => this.describeResource(logicalId),
      current: () => ({ template: this.record().synthesized.template, parameters: this.record().parameters }),
      // A failed deletion or update shows in the stack's status, as DescribeStacks reads it.
      startDeletion: () => {
        const stack = this.record();
        if (this.busy && stack.status !== 'CREATE_IN_PROGRESS') throw new ValidationError(`Stack [${stack.identity.stackName}] cannot be deleted while in status ${stack.status}`);
        this.startOperation(() => this.destroy());
      },
      startUpdate: (template, parameters) => this.startOperation(() => this.beginUpdate(this.withTemplate(template), { parameters })),
    });
    services.stackCreator ??= (stackName, template, parameters) => {
      const created = new LocalCloudFormation({}, this.machinery);
      created.startOperation(() => created.beginDeploy(SynthesizedStack.fromTemplate(stackName, template), { parameters }));
      return created.stackId;
    };
  }

  /**
   * Starts an operation a function asked for through the API (what CloudFormation refuses at once is thrown), and
   * lets it run on; its outcome shows in the stack's status. Its invocations nest in the function's.
   */
  private startOperation(start: () => Promise<OperationResult> | string): void {
    const started = this.machinery.lambda.nestedInRunning(start);
    if (typeof started === 'string') throw new ValidationError(started);
    void started.catch(() => undefined);
  }

  /** The stack's assets with another template (an update through the API names no assets). */
  private withTemplate(template: Template): SynthesizedStack {
    return this.record().synthesized.withTemplate(template);
  }

  /** DescribeStacks of the top-level stack: its status with the reason of its latest stack event. */
  private summary(): StackSummary | undefined {
    const stack = this.stack;
    if (!stack) return undefined;
    const own = this.machinery.events.filter((e) => e.stackId === stack.identity.stackId && e.resourceType === STACK_RESOURCE_TYPE);
    return {
      stackId: stack.identity.stackId,
      stackName: stack.identity.stackName,
      status: stack.status,
      statusReason: own.at(-1)?.reason,
      creationTime: own[0]?.timestamp ?? new Date(this.clock.now()),
    };
  }

  /** DescribeStackResource of the top-level stack: the resource's latest event gives its status. */
  private describeResource(logicalId: string): StackResourceDetail | string {
    const stack = this.stack!;
    const resource = stack.resources.get(logicalId);
    const latest = [...this.machinery.events].reverse().find((e) => e.stackId === stack.identity.stackId && e.logicalId === logicalId);
    if (!resource || !latest) return `Resource ${logicalId} does not exist for stack ${stack.identity.stackName}`;
    return {
      stackId: stack.identity.stackId,
      stackName: stack.identity.stackName,
      logicalId,
      physicalId: resource.physicalId,
      resourceType: resource.type,
      status: latest.status,
      lastUpdated: latest.timestamp,
    };
  }

  /** Creates the stack (a stack in ROLLBACK_COMPLETE or DELETE_COMPLETE is created afresh, with a new stack id). */
  public async deploy(input: StackInput, options: StackOperationOptions = {}): Promise<OperationResult> {
    return this.beginDeploy(input, options);
  }

  /** Checks at once what CloudFormation refuses before it starts (throws), and starts the creation. */
  private beginDeploy(input: StackInput, options: StackOperationOptions): Promise<OperationResult> {
    if (!CREATABLE.includes(this.stack?.status)) throw new ValidationError(`Stack [${this.stack!.identity.stackName}] already exists (${this.stack!.status})`);
    const synthesized = this.synthesized(input);
    const identity = newStackIdentity(synthesized.stackName, this.region, this.accountId);
    const resources = new Map<string, ResourceState>();
    const prepared = this.machinery.prepare(synthesized, identity, options.parameters ?? {}, resources);
    this.stack = { identity, status: 'CREATE_IN_PROGRESS', synthesized, parameters: prepared.parameters, resources, outputs: {} };
    return this.run((operation) => createStack(this.stack!, prepared, operation, () => this.cancellation.requested));
  }

  /** Updates the stack to another synthesis of it (its nested stacks with it). */
  public async update(input: StackInput, options: StackOperationOptions = {}): Promise<OperationResult> {
    const started = this.beginUpdate(input, options);
    return typeof started === 'string' ? { status: this.record().status, reason: started, events: [] } : started;
  }

  /** Checks at once what CloudFormation refuses before it starts (throws), and starts the update; why not when there is nothing to update. */
  private beginUpdate(input: StackInput, options: StackOperationOptions): Promise<OperationResult> | string {
    const stack = this.record();
    if (!UPDATABLE.includes(stack.status)) throw new ValidationError(`Stack:${stack.identity.stackId} is in ${stack.status} state and can not be updated.`);
    const synthesized = this.synthesized(input);
    if (synthesized.stackName !== stack.identity.stackName) throw new ValidationError(`This engine holds stack ${stack.identity.stackName}, not ${synthesized.stackName}`);
    const parameters = options.parameters ?? stack.parameters;
    const next = this.machinery.prepare(synthesized, stack.identity, parameters, stack.resources);
    checkTypesUnchanged(stack, next);
    if (JSON.stringify([synthesized.template, parameters]) === JSON.stringify([stack.synthesized.template, stack.parameters])) {
      return 'No updates are to be performed.';
    }
    const current = this.machinery.prepareCurrent(stack);
    return this.run(async (operation) => (await updateStack(stack, current, next, operation)).cleanUp());
  }

  /**
   * Deletes the stack (nothing to do when there is none). While the stack is
   * being created and a wait condition waits, the creation is cancelled: the
   * condition fails ("Resource creation cancelled"), and what was created is
   * deleted; resolves with that operation's result.
   */
  public async destroy(): Promise<OperationResult> {
    const stack = this.stack;
    if (this.busy && this.running && stack?.status === 'CREATE_IN_PROGRESS') {
      this.cancellation.requested = true;
      return this.running;
    }
    if (!stack || stack.status === 'DELETE_COMPLETE') return { status: 'DELETE_COMPLETE', events: [] };
    const prepared = this.machinery.prepareCurrent(stack);
    return this.run((operation) => deleteStack(stack, prepared, operation));
  }

  /**
   * Sends one request to a custom resource of the stack, as CloudFormation
   * would, and returns the exchange; the stack's records are left as they are.
   */
  public async sendRequest(logicalId: string, request: RawRequest): Promise<Exchange> {
    const stack = this.record();
    const definition = stack.synthesized.template.Resources[logicalId];
    if (!definition || !isCustomResourceType(definition.Type)) throw new ValidationError(`${logicalId} is not a custom resource of stack ${stack.identity.stackName}`);
    const current = stack.resources.get(logicalId);
    const properties = current?.properties
      ?? this.machinery.prepareCurrent(stack).scope.properties(logicalId);
    await this.machinery.services.server.start();
    return this.machinery.sender.send({
      stack: stack.identity,
      requestType: request.requestType,
      logicalId,
      resourceType: definition.Type,
      properties: request.properties ? { ServiceToken: properties.ServiceToken, ...request.properties } : properties,
      oldProperties: request.oldProperties,
      physicalResourceId: request.physicalResourceId ?? (request.requestType === 'Create' ? undefined : current?.physicalId),
      requestId: request.requestId,
    });
  }

  public get status(): StackStatus | undefined {
    return this.stack?.status;
  }

  public get stackId(): string {
    return this.top.stackId;
  }

  /** A resource of the stack: physical id, attributes (a custom resource's Data) and properties. */
  public resource(logicalId: string): ResourceState {
    return this.top.resource(logicalId);
  }

  /** The resources the stack holds now. */
  public get resources(): readonly ResourceState[] {
    return this.top.resources;
  }

  public get outputs(): Readonly<Record<string, unknown>> {
    return this.top.outputs;
  }

  /** Every event of the stack's operations (a nested stack's: `nestedStack(id).events`; onProgress reports both). */
  public get events(): readonly StackEvent[] {
    return this.top.events;
  }

  /** Every request sent to a custom resource of the stack, with the responses it got; of one resource when `logicalId` is given. */
  public exchanges(logicalId?: string): readonly Exchange[] {
    return this.top.exchanges(logicalId);
  }

  /** Every invocation of the stack's Lambda functions; of one function (by logical id) when `functionLogicalId` is given. */
  public invocations(functionLogicalId?: string): readonly Invocation[] {
    return this.top.invocations(functionLogicalId);
  }

  /** Every line a function of the stack (by logical id) logged, over all its invocations. */
  public logs(functionLogicalId: string): string[] {
    return this.top.logs(functionLogicalId);
  }

  /** A nested stack of the stack, by the logical id of its AWS::CloudFormation::Stack resource, read as the stack is (see StackView). */
  public nestedStack(logicalId: string): StackView {
    return this.top.nestedStack(logicalId);
  }

  /** Every event EventBridge sent to a rule's target (of any stack: one default bus): rule, target, input, time, outcome. */
  public get eventDeliveries(): readonly EventDelivery[] {
    return this.machinery.services.deliveries.records;
  }

  /** A rule on the default event bus by name, as DescribeRule tells it (its state, say). */
  public rule(name: string): EventRule {
    return this.machinery.services.eventBridge.rule(name);
  }

  /**
   * Puts events on the default event bus, as an AWS service does (any
   * source), and runs what is due: the deliveries to the targets of the
   * rules they match among them. Returns those deliveries.
   */
  public async putEvents(events: readonly EventBridgeEvent[]): Promise<readonly EventDelivery[]> {
    const { server, eventBridge, steps } = this.machinery.services;
    await server.start();
    const deliveries = eventBridge.putEvents(events);
    await steps.runDue();
    return deliveries;
  }

  /**
   * Lets `seconds` of engine time pass outside a stack operation, in the
   * steps a waiting condition takes: event sources drained, schedules fired,
   * deliveries run.
   */
  public async passTime(seconds: number): Promise<void> {
    if (this.busy) throw new ValidationError('The engine is busy with a stack operation (time passes with it)');
    await this.machinery.services.server.start();
    await this.machinery.services.steps.waitUntil(this.clock.now() + seconds * 1000, () => false);
  }

  /**
   * The local DynamoDB that runs the stack's AWS::DynamoDB::Table resources
   * and serves the functions (its tables, items, faults and calls). A table
   * retained by a DeletionPolicy stays in it after the stack is gone.
   */
  public get dynamodb(): LocalDynamoDB {
    return this.machinery.services.dynamodb;
  }

  /** The items of a table of the stack, by the table's logical id, in Scan order (DynamoDB JSON). */
  public tableItems(logicalId: string): AttributeMap[] {
    const state = this.resource(logicalId);
    if (state.type !== 'AWS::DynamoDB::Table') throw new ValidationError(`${logicalId} is a ${state.type}, not an AWS::DynamoDB::Table`);
    return this.machinery.services.dynamodb.items(state.physicalId);
  }

  /** The local services' endpoint (wait condition handles, EventBridge's and DynamoDB's APIs), started if need be. */
  public servicesEndpoint(): Promise<string> {
    return this.machinery.services.server.start();
  }

  /** Stops the local services' server (a later operation starts it again, on another port). */
  public close(): Promise<void> {
    return this.machinery.services.server.close();
  }

  /** Every Step Functions execution (the Provider framework's waiter), of any stack. */
  public get executions(): readonly Execution[] {
    return this.machinery.stepFunctions.executions;
  }

  private record(): StackRecord {
    if (!this.stack) throw new ValidationError('No stack has been deployed yet');
    return this.stack;
  }

  private synthesized(input: StackInput): SynthesizedStack {
    const synthesized = input instanceof SynthesizedStack ? input : SynthesizedStack.fromArtifact(input);
    const { account, region } = synthesized.environment;
    if ((account && account !== this.accountId) || (region && region !== this.region)) {
      throw new ValidationError(`Stack ${synthesized.stackName} is for aws://${account ?? '*'}/${region ?? '*'}; this engine is aws://${this.accountId}/${this.region}`);
    }
    this.machinery.publish(synthesized);
    return synthesized;
  }

  /** Runs one operation at a time (CloudFormation rejects an operation on a stack that is in progress). */
  private run(work: (operation: Operation) => Promise<void>): Promise<OperationResult> {
    if (this.busy) throw new ValidationError(`Stack ${this.record().identity.stackName} is busy with another operation`);
    this.busy = true;
    this.cancellation.requested = false;
    this.running = this.runOperation(work);
    return this.running;
  }

  private async runOperation(work: (operation: Operation) => Promise<void>): Promise<OperationResult> {
    const operation = this.machinery.operation(this.record(), this.cancellation);
    const { server, steps } = this.machinery.services;
    try {
      await server.start();
      await work(operation);
      // Events put during the operation are delivered now if no wait let time pass for them.
      await steps.runDue();
    } finally {
      this.busy = false;
      this.running = undefined;
    }
    return operation.result();
  }
}
