import { LocalDynamoDB } from '../../dynamodb';
import { EventSource } from '../../shared/eventbridge-event';
import { Clock } from '../clock';
import { AccountStacks, StackCreator } from './account-stacks';
import { answerCloudFormation } from './cloudformation-api';
import { LocalServices } from './local-services';
import { TimeSteps } from './time-steps';
import { answerEventBridge } from '../eventbridge/api';
import { Deliveries } from '../eventbridge/deliveries';
import { LocalEventBridge } from '../eventbridge/rules';
import { answerInvoke } from '../lambda/invoke-api';
import { LocalLambda } from '../lambda/local-lambda';
import { LambdaPermissions } from '../lambda/permissions';
import { DynamoDBTables } from '../resources/dynamodb-tables';
import type { LocalStepFunctions } from '../stepfunctions/local-step-functions';
import { answerStepFunctions } from '../stepfunctions/start-execution-api';
import { WaitConditionHandles } from '../wait-conditions/handles';

export interface EngineServicesOptions {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly sources: readonly EventSource[];
  /** See LocalCloudFormationOptions. */
  readonly handleUrlLifetimeSeconds?: number;
  readonly handleAcceptsContentType?: boolean;
  readonly targetChangeDelaySeconds?: number;
  readonly scheduleRestartsWhenEnabled?: boolean;
  readonly ruleUpdateKeepsState?: boolean;
  readonly dynamoDBStaleReadMs?: number;
  readonly accountStacks?: AccountStacks;
}

/**
 * The services a stack's resources use besides Lambda and Step Functions:
 * wait condition handles, the default event bus with its rules and
 * deliveries, the functions' permissions, DynamoDB's tables, the engine's
 * time steps, and the HTTP server that serves the handles, EventBridge's API
 * and DynamoDB's.
 */
export class EngineServices {
  public readonly handles: WaitConditionHandles;
  public readonly permissions = new LambdaPermissions();
  public readonly deliveries: Deliveries;
  public readonly eventBridge: LocalEventBridge;
  public readonly steps: TimeSteps;
  public readonly server: LocalServices;
  /** The tables of AWS::DynamoDB::Table resources, and any a test creates. */
  public readonly dynamodb: LocalDynamoDB;
  public readonly tables: DynamoDBTables;
  /** The account's stacks as CloudFormation's API tells them (the engine adds its own). */
  public readonly accountStacks: AccountStacks;
  /** Starts a stack of the account that a function creates (CreateStack); set by the engine that made these services. */
  public stackCreator?: StackCreator;

  constructor(lambda: LocalLambda, stepFunctions: LocalStepFunctions, options: EngineServicesOptions) {
    const { clock } = options;
    this.accountStacks = options.accountStacks ?? new AccountStacks();
    this.handles = new WaitConditionHandles(clock, options.handleUrlLifetimeSeconds, options.handleAcceptsContentType);
    this.deliveries = new Deliveries(lambda, this.permissions, clock, options.accountId);
    this.eventBridge = new LocalEventBridge({
      clock,
      region: options.region,
      accountId: options.accountId,
      lambda,
      deliveries: this.deliveries,
      targetChangeDelayMs: options.targetChangeDelaySeconds === undefined ? undefined : options.targetChangeDelaySeconds * 1000,
      scheduleRestartsWhenEnabled: options.scheduleRestartsWhenEnabled,
      updateKeepsState: options.ruleUpdateKeepsState,
    });
    this.steps = new TimeSteps(clock, options.sources, this.eventBridge, this.deliveries);
    this.dynamodb = new LocalDynamoDB({
      region: options.region, accountId: options.accountId, now: () => clock.now(), staleReadMs: options.dynamoDBStaleReadMs,
    });
    this.tables = new DynamoDBTables(() => this.dynamodb);
    this.server = new LocalServices({
      handle: (method, path, contentType, body) => this.handles.receive(method, path, contentType, body),
      eventBridge: (operation, body) => {
        const answer = answerEventBridge(this.eventBridge, operation, body, () => new Date(clock.now()));
        // Events a function puts are delivered at once (EventBridge delivers within seconds), not at the next step of a
        // wait: the deliveries' invocations nest in the function's, which may wait for them.
        if (operation === 'PutEvents') void lambda.nestedInRunning(() => this.steps.runDue()).catch(() => undefined);
        return answer;
      },
      dynamodb: (target, body) => this.dynamodb.answer(target, body),
      invoke: (path, invocationType, body) => answerInvoke(lambda, path, invocationType, body),
      cloudFormation: (body) => answerCloudFormation(this.accountStacks, body, this.stackCreator),
      stepFunctions: (operation, body) => answerStepFunctions(stepFunctions, operation, body),
    });
  }

  /** What functions need in their environment to reach the services. */
  public environment(): Record<string, string> {
    const endpoint = this.server.endpoint;
    return endpoint ? {
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ENDPOINT_URL_LAMBDA: endpoint,
      AWS_ENDPOINT_URL_CLOUDFORMATION: endpoint,
      AWS_ENDPOINT_URL_SFN: endpoint,
    } : {};
  }
}
