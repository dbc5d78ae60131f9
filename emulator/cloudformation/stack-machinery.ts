import { Clock } from './clock';
import { CustomResourceSender } from './custom-resources/custom-resource-sender';
import { isProviderFrameworkCode, providerFrameworkLoader } from './custom-resources/provider-framework';
import { ResponseInbox } from './custom-resources/response-inbox';
import { responseUrlHttps } from './custom-resources/response-url-https';
import { ValidationError } from './errors';
import { IamRoles } from '../shared/iam-roles';
import { engineTimeBuiltins } from './lambda/engine-time';
import { LocalLambda } from './lambda/local-lambda';
import type { LocalCloudFormationOptions } from './local-cloudformation-options';
import { CustomResources } from './resources/custom-resources';
import { NativeResources } from './resources/native-resources';
import { NestedStacks, StackRunner } from './resources/nested-stacks';
import { Provisioner } from './resources/provisioner';
import { ServiceResources } from './resources/service-resources';
import { EngineServices } from './services/engine-services';
import { StackExports } from './stack/exports';
import { StackIdentity } from './stack/identity';
import { NestedStackRecords } from './stack/nested-stack-records';
import { Operation } from './stack/operation';
import { prepareTemplate, PreparedTemplate } from './stack/prepared-template';
import { creationTimedOut, StackRecord } from './stack/stack-record';
import { ResourceState, StackEvent } from './stack/state';
import { LocalStepFunctions } from './stepfunctions/local-step-functions';
import { SynthesizedStack } from './synthesized-stack';
import { REPORTED_REASONS } from './wait-conditions/wait-condition';

/** Set when a deletion of a top-level stack cancels its creation. */
export interface Cancellation {
  readonly requested: boolean;
}

/**
 * What every stack operation runs on, a top-level stack's or a nested
 * stack's: one Lambda, one Step Functions, one custom resource sender, the
 * local services (wait condition handles, the default event bus, Lambda
 * permissions, the engine's time steps) and one clock, so that the
 * resources of a nested stack behave exactly as a top-level stack's.
 */
export class StackMachinery {
  public readonly lambda: LocalLambda;
  public readonly stepFunctions: LocalStepFunctions;
  public readonly sender: CustomResourceSender;
  public readonly services: EngineServices;
  /** The nested stacks created so far, deleted ones included. */
  public readonly records = new NestedStackRecords();
  /** The exports of the account and Region: the options' (shared with other engines), or this engine's own. */
  public readonly exports: StackExports;
  /** The account's IAM roles: the options' (shared with the Bedrock emulator), or this engine's own. */
  public readonly iamRoles: IamRoles;
  /** Every event of every stack, in the order reported. */
  public readonly events: StackEvent[] = [];
  /** Every stack given to deploy or update: the assets they published stay available (as in the bootstrap bucket). */
  private readonly published: SynthesizedStack[] = [];

  constructor(
    private readonly options: LocalCloudFormationOptions,
    public readonly clock: Clock,
    public readonly region: string,
    public readonly accountId: string,
  ) {
    this.exports = options.exports ?? new StackExports();
    this.iamRoles = options.iamRoles ?? new IamRoles();
    const responses = new ResponseInbox(clock);
    const engineTime = options.engineTimeInHandlers ?? true;
    // A function's sleep steps the engine's time (schedules fire, deliveries run nested in its invocation).
    const functionClock: Clock = { now: () => clock.now(), sleep: (ms) => this.services.steps.sleepInFunction(ms) };
    this.lambda = new LocalLambda({
      serviceEnvironment: () => this.services.environment(),
      clock,
      region,
      environment: options.environment ?? {},
      engineTime,
      onLog: options.onLog,
      moduleLoaderFor: (config) => (isProviderFrameworkCode(config.codeDirectory)
        ? providerFrameworkLoader({ lambda: this.lambda, stepFunctions: this.stepFunctions, responses })
        : { builtins: { ...(engineTime ? engineTimeBuiltins(functionClock) : {}), https: responseUrlHttps(responses) } }),
    });
    // The waiter's sleeps (between polls) let time pass as EventBridge would see it pass: schedules fire, event
    // sources are drained and deliveries run meanwhile. Executions run outside any invocation, so nothing nests.
    const steppingClock: Clock = {
      now: () => clock.now(),
      sleep: async (ms) => {
        await this.services.steps.waitUntil(clock.now() + ms, () => false);
      },
    };
    this.stepFunctions = new LocalStepFunctions(this.lambda, steppingClock);
    this.services = new EngineServices(this.lambda, this.stepFunctions, {
      clock,
      region,
      accountId,
      sources: options.eventSources ?? [],
      handleUrlLifetimeSeconds: options.handleUrlLifetimeSeconds,
      handleAcceptsContentType: options.handleAcceptsContentType,
      targetChangeDelaySeconds: options.targetChangeDelaySeconds,
      scheduleRestartsWhenEnabled: options.scheduleRestartsWhenEnabled,
      ruleUpdateKeepsState: options.ruleUpdateKeepsState,
      dynamoDBStaleReadMs: options.dynamoDBStaleReadMs,
      accountStacks: options.accountStacks,
    });
    this.sender = new CustomResourceSender({
      lambda: this.lambda, stepFunctions: this.stepFunctions, responses, clock, lastResponseCounts: options.customResourceLastResponseCounts,
    });
  }


  /** Keeps the assets of a stack given to deploy or update. */
  public publish(synthesized: SynthesizedStack): void {
    this.published.push(synthesized);
  }

  /** The local path of an asset of any stack given so far, newest first (a rollback needs the previous version's); undefined if none has it. */
  public findAsset(objectKey: string): string | undefined {
    const stack = [...this.published].reverse().find((s) => s.hasAsset(objectKey));
    return stack?.assetPath(objectKey);
  }

  /** Like findAsset; when no stack has it, the newest one's error. */
  public assetPath(objectKey: string): string {
    const newest = this.published.at(-1);
    if (!newest) throw new ValidationError('No stack has been deployed yet');
    return this.findAsset(objectKey) ?? newest.assetPath(objectKey);
  }

  public prepare(
    synthesized: SynthesizedStack,
    identity: StackIdentity,
    parameters: Readonly<Record<string, string>>,
    resources: ReadonlyMap<string, ResourceState>,
  ): PreparedTemplate {
    return prepareTemplate(synthesized, identity, parameters, this.options.ssmParameters ?? {}, resources, this.exports);
  }

  /** The stack's template in effect, with its parameters, evaluated in the stack. */
  public prepareCurrent(stack: StackRecord): PreparedTemplate {
    return this.prepare(stack.synthesized, stack.identity, stack.parameters, stack.resources);
  }

  /**
   * A new operation on a stack, its events reported to onProgress. `cancellation`: its top-level stack's, set by a
   * deletion of that stack that cancels its creation (waits give up); each top-level stack of the machinery has its own.
   */
  public operation(stack: StackRecord, cancellation: Cancellation): Operation {
    const { rollbackUpdatesReplacedCustomResources, exportInUseKeepsStackStatus } = this.options;
    return new Operation(stack, this.provisionerFor(stack, cancellation), this.clock, (event) => {
      this.events.push(event);
      this.options.onProgress?.(event);
    }, { rollbackUpdatesReplacedCustomResources, exportInUseKeepsStackStatus });
  }

  /** What the nested stacks of a top-level stack run on: this machinery, with that stack's cancellation. */
  private runnerFor(cancellation: Cancellation): StackRunner {
    return {
      records: this.records,
      clock: this.clock,
      cancellation,
      findAsset: (objectKey) => this.findAsset(objectKey),
      prepare: (synthesized, identity, parameters, resources) => this.prepare(synthesized, identity, parameters, resources),
      prepareCurrent: (stack) => this.prepareCurrent(stack),
      operation: (stack) => this.operation(stack, cancellation),
    };
  }

  /** The resources of one stack, created with its identity (names, ARNs, StackId in requests, handle URLs). */
  private provisionerFor(stack: StackRecord, topCancellation: Cancellation): Provisioner {
    const { lambda, stepFunctions, services, clock, iamRoles } = this;
    const waitConditionReasons = { ...REPORTED_REASONS, ...this.options.waitConditionReasons };
    // A nested stack's creation also gives up at its timeout.
    const cancellation = {
      get requested() {
        return topCancellation.requested || creationTimedOut(stack, clock.now());
      },
    };
    return new Provisioner(
      new NativeResources({ lambda, stepFunctions, iamRoles }, () => ({ identity: stack.identity, assetPath: (key) => this.assetPath(key) })),
      new CustomResources(this.sender, () => stack.identity),
      new ServiceResources(() => {
        const { handles, eventBridge, permissions, steps, tables, server } = services;
        const endpoint = () => server.start();
        return { handles, eventBridge, permissions, steps, tables, waitConditionReasons, cancellation, identity: stack.identity, clock, endpoint };
      }),
      new NestedStacks(this.runnerFor(topCancellation), () => stack),
    );
  }
}
