import { randomUUID } from 'crypto';
import { cx_api } from 'aws-cdk-lib';
import { AcceleratedClock, Clock } from './clock';
import { AttributeMap, LocalDynamoDB } from '../dynamodb';
import { CustomResourceSender, Exchange } from './custom-resources/custom-resource-sender';
import { isProviderFrameworkCode, providerFrameworkLoader } from './custom-resources/provider-framework';
import { RequestType } from './custom-resources/request';
import { ResponseInbox } from './custom-resources/response-inbox';
import { ValidationError } from './errors';
import { EventDelivery } from './eventbridge/deliveries';
import { EventRule } from './eventbridge/rules';
import { engineTimeBuiltins } from './lambda/engine-time';
import { Invocation, LocalLambda } from './lambda/local-lambda';
import { LocalCloudFormationOptions } from './local-cloudformation-options';
import { CustomResources } from './resources/custom-resources';
import { NativeResources } from './resources/native-resources';
import { Provisioner } from './resources/provisioner';
import { ServiceResources } from './resources/service-resources';
import { EngineServices } from './services/engine-services';
import { createStack } from './stack/create-stack';
import { deleteStack } from './stack/delete-stack';
import { StackIdentity } from './stack/identity';
import { Operation } from './stack/operation';
import { prepareTemplate, PreparedTemplate } from './stack/prepared-template';
import { StackRecord } from './stack/stack-record';
import { OperationResult, ResourceState, StackEvent, StackStatus } from './stack/state';
import { updateStack } from './stack/update-stack';
import { Execution } from './stepfunctions/interpreter';
import { LocalStepFunctions } from './stepfunctions/local-step-functions';
import { SynthesizedStack } from './synthesized-stack';
import { isCustomResourceType } from './template';
import { EventBridgeEvent } from '../shared/eventbridge-event';
import { partitionOf } from '../shared/region';

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
 * A local CloudFormation for one stack: deploys a synthesized stack
 * in-process with CloudFormation's semantics (order, rollback, cleanup,
 * statuses), runs its Lambda functions from the cloud assembly's assets and
 * its custom resources through them (the Provider framework's own code
 * included), and waits on an accelerated clock.
 */
export class LocalCloudFormation {
  public readonly clock: Clock;
  public readonly region: string;
  public readonly accountId: string;
  /** Every event of every operation. */
  public readonly events: StackEvent[] = [];
  private readonly lambda: LocalLambda;
  private readonly stepFunctions: LocalStepFunctions;
  private readonly sender: CustomResourceSender;
  private readonly provisioner: Provisioner;
  private readonly services: EngineServices;
  /** Every stack given to deploy or update: the assets they published stay available (as in the bootstrap bucket). */
  private readonly published: SynthesizedStack[] = [];
  private stack?: StackRecord;
  private busy = false;
  /** The operation under way. */
  private running?: Promise<OperationResult>;

  constructor(private readonly options: LocalCloudFormationOptions = {}) {
    this.clock = options.clock ?? new AcceleratedClock();
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    const responses = new ResponseInbox(this.clock);
    const region = this.region;
    this.lambda = new LocalLambda({
      serviceEnvironment: () => this.services.environment(),
      clock: this.clock,
      region,
      environment: options.environment ?? {},
      engineTime: options.engineTimeInHandlers ?? true,
      onLog: options.onLog,
      moduleLoaderFor: (config) => (isProviderFrameworkCode(config.codeDirectory)
        ? providerFrameworkLoader({ lambda: this.lambda, stepFunctions: this.stepFunctions, responses })
        : { builtins: (options.engineTimeInHandlers ?? true) ? engineTimeBuiltins(this.clock) : undefined }),
    });
    this.stepFunctions = new LocalStepFunctions(this.lambda, this.clock);
    this.services = new EngineServices(this.lambda, {
      clock: this.clock,
      region,
      accountId: this.accountId,
      sources: options.eventSources ?? [],
      handleUrlLifetimeSeconds: options.handleUrlLifetimeSeconds,
      targetChangeDelaySeconds: options.targetChangeDelaySeconds,
      scheduleRestartsWhenEnabled: options.scheduleRestartsWhenEnabled,
      dynamoDBStaleReadMs: options.dynamoDBStaleReadMs,
    });
    const services = { lambda: this.lambda, stepFunctions: this.stepFunctions, responses, clock: this.clock };
    this.sender = new CustomResourceSender(services, () => this.record().identity);
    this.provisioner = new Provisioner(
      new NativeResources({ lambda: this.lambda, stepFunctions: this.stepFunctions }, () => ({
        identity: this.record().identity,
        assetPath: (key) => this.assetPath(key),
      })),
      new CustomResources(this.sender, () => this.record().identity.stackName),
      new ServiceResources(() => {
        const { server, ...shared } = this.services;
        return { ...shared, identity: this.record().identity, clock: this.clock, endpoint: () => server.start() };
      }),
    );
  }

  /** Creates the stack (a stack in ROLLBACK_COMPLETE or DELETE_COMPLETE is created afresh, with a new stack id). */
  public async deploy(input: StackInput, options: StackOperationOptions = {}): Promise<OperationResult> {
    if (!CREATABLE.includes(this.stack?.status)) throw new ValidationError(`Stack [${this.stack!.identity.stackName}] already exists (${this.stack!.status})`);
    const synthesized = this.synthesized(input);
    const { stackName } = synthesized;
    const identity: StackIdentity = {
      stackName,
      stackId: `arn:${partitionOf(this.region)}:cloudformation:${this.region}:${this.accountId}:stack/${stackName}/${randomUUID()}`,
      region: this.region,
      accountId: this.accountId,
    };
    const resources = new Map<string, ResourceState>();
    const prepared = this.prepare(synthesized, identity, options.parameters ?? {}, resources);
    this.stack = { identity, status: 'CREATE_IN_PROGRESS', synthesized, parameters: prepared.parameters, resources, outputs: {} };
    return this.run((operation) => createStack(this.stack!, prepared, operation, () => this.services.cancellation.requested));
  }

  /** Updates the stack to another synthesis of it. */
  public async update(input: StackInput, options: StackOperationOptions = {}): Promise<OperationResult> {
    const stack = this.record();
    if (!UPDATABLE.includes(stack.status)) throw new ValidationError(`Stack:${stack.identity.stackId} is in ${stack.status} state and can not be updated.`);
    const synthesized = this.synthesized(input);
    if (synthesized.stackName !== stack.identity.stackName) throw new ValidationError(`This engine holds stack ${stack.identity.stackName}, not ${synthesized.stackName}`);
    const parameters = options.parameters ?? stack.parameters;
    const next = this.prepare(synthesized, stack.identity, parameters, stack.resources);
    const changedType = Object.keys(next.resources).find((id) => {
      const existing = stack.resources.get(id);
      return existing !== undefined && existing.type !== next.resources[id].Type;
    });
    if (changedType) throw new ValidationError(`Update of resource type is not permitted (${changedType})`);
    if (JSON.stringify([synthesized.template, parameters]) === JSON.stringify([stack.synthesized.template, stack.parameters])) {
      return { status: stack.status, reason: 'No updates are to be performed.', events: [] };
    }
    const current = this.prepare(stack.synthesized, stack.identity, stack.parameters, stack.resources);
    return this.run((operation) => updateStack(stack, current, next, operation));
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
      this.services.cancellation.requested = true;
      return this.running;
    }
    if (!stack || stack.status === 'DELETE_COMPLETE') return { status: 'DELETE_COMPLETE', events: [] };
    const prepared = this.prepare(stack.synthesized, stack.identity, stack.parameters, stack.resources);
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
      ?? this.prepare(stack.synthesized, stack.identity, stack.parameters, stack.resources).scope.properties(logicalId);
    await this.services.server.start();
    return this.sender.send({
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
    return this.record().identity.stackId;
  }

  /** A resource of the stack: physical id, attributes (a custom resource's Data) and properties. */
  public resource(logicalId: string): ResourceState {
    const state = this.record().resources.get(logicalId);
    if (!state) throw new ValidationError(`Stack ${this.record().identity.stackName} has no resource ${logicalId} (status ${this.record().status})`);
    return state;
  }

  /** The resources the stack holds now. */
  public get resources(): readonly ResourceState[] {
    return [...(this.stack?.resources.values() ?? [])];
  }

  public get outputs(): Readonly<Record<string, unknown>> {
    return this.record().outputs;
  }

  /** Every request sent to a custom resource, with the responses it got; of one resource when `logicalId` is given. */
  public exchanges(logicalId?: string): readonly Exchange[] {
    return this.sender.exchanges.filter((e) => logicalId === undefined || e.request.LogicalResourceId === logicalId);
  }

  /** Every Lambda invocation; of one function (by logical id) when `functionLogicalId` is given. */
  public invocations(functionLogicalId?: string): readonly Invocation[] {
    return this.lambda.invocations.filter((i) => functionLogicalId === undefined || i.functionLogicalId === functionLogicalId);
  }

  /** Every line a function (by logical id) logged, over all its invocations. */
  public logs(functionLogicalId: string): string[] {
    return this.invocations(functionLogicalId).flatMap((i) => i.logs.map((line) => line.message));
  }

  /** Every event EventBridge sent to a rule's target: rule, target, input, time, outcome. */
  public get eventDeliveries(): readonly EventDelivery[] {
    return this.services.deliveries.records;
  }

  /** A rule on the default event bus by name, as DescribeRule tells it (its state, say). */
  public rule(name: string): EventRule {
    return this.services.eventBridge.rule(name);
  }

  /**
   * Puts events on the default event bus, as an AWS service does (any
   * source), and runs what is due: the deliveries to the targets of the
   * rules they match among them. Returns those deliveries.
   */
  public async putEvents(events: readonly EventBridgeEvent[]): Promise<readonly EventDelivery[]> {
    await this.services.server.start();
    const deliveries = this.services.eventBridge.putEvents(events);
    await this.services.steps.runDue();
    return deliveries;
  }

  /**
   * Lets `seconds` of engine time pass outside a stack operation, in the
   * steps a waiting condition takes: event sources drained, schedules fired,
   * deliveries run.
   */
  public async passTime(seconds: number): Promise<void> {
    if (this.busy) throw new ValidationError('The engine is busy with a stack operation (time passes with it)');
    await this.services.server.start();
    await this.services.steps.waitUntil(this.clock.now() + seconds * 1000, () => false);
  }

  /**
   * The local DynamoDB that runs the stack's AWS::DynamoDB::Table resources
   * and serves the functions (its tables, items, faults and calls). A table
   * retained by a DeletionPolicy stays in it after the stack is gone.
   */
  public get dynamodb(): LocalDynamoDB {
    return this.services.dynamodb;
  }

  /** The items of a table of the stack, by the table's logical id, in Scan order (DynamoDB JSON). */
  public tableItems(logicalId: string): AttributeMap[] {
    const state = this.resource(logicalId);
    if (state.type !== 'AWS::DynamoDB::Table') throw new ValidationError(`${logicalId} is a ${state.type}, not an AWS::DynamoDB::Table`);
    return this.services.dynamodb.items(state.physicalId);
  }

  /** The local services' endpoint (wait condition handles, EventBridge's and DynamoDB's APIs), started if need be. */
  public servicesEndpoint(): Promise<string> {
    return this.services.server.start();
  }

  /** Stops the local services' server (a later operation starts it again, on another port). */
  public close(): Promise<void> {
    return this.services.server.close();
  }

  /** Every Step Functions execution (the Provider framework's waiter). */
  public get executions(): readonly Execution[] {
    return this.stepFunctions.executions;
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
    this.published.push(synthesized);
    return synthesized;
  }

  /** An asset of any stack given so far, newest first (a rollback needs the previous version's code). */
  private assetPath(objectKey: string): string {
    return ([...this.published].reverse().find((s) => s.hasAsset(objectKey)) ?? this.record().synthesized).assetPath(objectKey);
  }

  private prepare(
    synthesized: SynthesizedStack,
    identity: StackIdentity,
    parameters: Readonly<Record<string, string>>,
    resources: ReadonlyMap<string, ResourceState>,
  ): PreparedTemplate {
    return prepareTemplate(synthesized, identity, parameters, this.options.ssmParameters ?? {}, resources);
  }

  /** Runs one operation at a time (CloudFormation rejects an operation on a stack that is in progress). */
  private run(work: (operation: Operation) => Promise<void>): Promise<OperationResult> {
    if (this.busy) throw new ValidationError(`Stack ${this.record().identity.stackName} is busy with another operation`);
    this.busy = true;
    this.services.cancellation.requested = false;
    this.running = this.runOperation(work);
    return this.running;
  }

  private async runOperation(work: (operation: Operation) => Promise<void>): Promise<OperationResult> {
    const operation = new Operation(this.record(), this.provisioner, this.clock, (event) => {
      this.events.push(event);
      this.options.onProgress?.(event);
    });
    try {
      await this.services.server.start();
      await work(operation);
      // Events put during the operation are delivered now if no wait let time pass for them.
      await this.services.steps.runDue();
    } finally {
      this.busy = false;
      this.running = undefined;
    }
    return operation.result();
  }
}
