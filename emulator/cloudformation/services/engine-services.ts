import { EventSource } from '../../shared/eventbridge-event';
import { Clock } from '../clock';
import { LocalServices } from './local-services';
import { TimeSteps } from './time-steps';
import { answerEventBridge } from '../eventbridge/api';
import { Deliveries } from '../eventbridge/deliveries';
import { LocalEventBridge } from '../eventbridge/rules';
import { LocalLambda } from '../lambda/local-lambda';
import { LambdaPermissions } from '../lambda/permissions';
import { WaitConditionHandles } from '../wait-conditions/handles';

export interface EngineServicesOptions {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly sources: readonly EventSource[];
  /** See LocalCloudFormationOptions. */
  readonly handleUrlLifetimeSeconds?: number;
  readonly targetChangeDelaySeconds?: number;
  readonly scheduleRestartsWhenEnabled?: boolean;
}

/**
 * The services a stack's resources use besides Lambda and Step Functions:
 * wait condition handles, the default event bus with its rules and
 * deliveries, the functions' permissions, the engine's time steps, and the
 * HTTP server that serves the handles and EventBridge's API.
 */
export class EngineServices {
  public readonly handles: WaitConditionHandles;
  public readonly permissions = new LambdaPermissions();
  public readonly deliveries: Deliveries;
  public readonly eventBridge: LocalEventBridge;
  public readonly steps: TimeSteps;
  public readonly server: LocalServices;
  /** Set by a stack deletion that cancels the creation under way: a waiting condition gives up. */
  public readonly cancellation = { requested: false };

  constructor(lambda: LocalLambda, options: EngineServicesOptions) {
    const { clock } = options;
    this.handles = new WaitConditionHandles(clock, options.handleUrlLifetimeSeconds);
    this.deliveries = new Deliveries(lambda, this.permissions, clock, options.accountId);
    this.eventBridge = new LocalEventBridge({
      clock,
      region: options.region,
      accountId: options.accountId,
      lambda,
      deliveries: this.deliveries,
      targetChangeDelayMs: options.targetChangeDelaySeconds === undefined ? undefined : options.targetChangeDelaySeconds * 1000,
      scheduleRestartsWhenEnabled: options.scheduleRestartsWhenEnabled,
    });
    this.steps = new TimeSteps(clock, options.sources, this.eventBridge, this.deliveries);
    this.server = new LocalServices({
      handle: (method, path, contentType, body) => this.handles.receive(method, path, contentType, body),
      eventBridge: (operation, body) => answerEventBridge(this.eventBridge, operation, body, () => new Date(clock.now())),
    });
  }

  /** What functions need in their environment to reach the services. */
  public environment(): Record<string, string> {
    const endpoint = this.server.endpoint;
    return endpoint ? { AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint } : {};
  }
}
