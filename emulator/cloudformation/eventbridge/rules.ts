/*
 * The default event bus of the engine's account and region, and the rules
 * the stack puts on it: events that match a rule's pattern, and the events of
 * its schedule, go to its targets (the stack's Lambda functions).
 *
 * An update of an `AWS::Events::Rule` is what CloudFormation's handler does:
 * PutRule first, which sets the state the template gives (ENABLED unless it
 * says DISABLED, so a rule disabled since is enabled again), then
 * RemoveTargets and PutTargets
 * (https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-events/blob/master/aws-events-rule/src/main/java/software/amazon/events/rule/UpdateHandler.java).
 * New or updated targets "might not be immediately invoked. Allow a short
 * period of time for changes to take effect"
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html):
 * for `targetChangeDelayMs` after a put, the rule still sends to its old
 * targets, while ListTargetsByRule already lists the new ones.
 *
 * A rate schedule's phase: AWS does not say whether enabling a rule again
 * restarts it. By default the schedule keeps the phase of the rule's creation,
 * so a rule enabled again may fire at once, within that delay, with its old
 * input; `scheduleRestartsWhenEnabled` fires one period after the enabling.
 * No page says what an update does to a rule's state: `updateKeepsState`
 * keeps it through an update whose template State is the same as before.
 */
import { randomUUID } from 'crypto';
import { EventBridgeEvent } from '../../shared/eventbridge-event';
import { Clock } from '../clock';
import { ValidationError } from '../errors';
import { Deliveries, EventDelivery } from './deliveries';
import { EventPattern, matchesPattern, parseEventPattern } from './pattern';
import { schedulePeriodMs } from './schedule';
import { LocalLambda } from '../lambda/local-lambda';

export type RuleState = 'ENABLED' | 'DISABLED';

export interface RuleTarget {
  readonly id: string;
  readonly arn: string;
  /** Constant JSON text the function receives instead of the event. */
  readonly input?: string;
}

export interface EventRule {
  readonly name: string;
  readonly arn: string;
  readonly logicalId: string;
  readonly eventPattern?: EventPattern;
  /** The pattern as DescribeRule returns it (JSON text). */
  readonly eventPatternText?: string;
  readonly scheduleExpression?: string;
  readonly periodMs?: number;
  readonly description?: string;
  readonly roleArn?: string;
  /** The targets as ListTargetsByRule lists them (the latest put). */
  readonly targets: readonly RuleTarget[];
  /** The targets a put replaced, which the rule still sends to until `until` (engine time). */
  readonly replacedTargets?: { readonly targets: readonly RuleTarget[]; readonly until: number };
  /** When the rule was first put (engine time): a rate schedule's phase. */
  readonly createdAt: number;
  state: RuleState;
  /** The schedule's next firing (engine time), while enabled. */
  nextFire?: number;
}

/** An error EventBridge's API answers (its type and message). */
export class EventBridgeError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
    this.name = code;
  }
}

export interface EventBridgeOptions {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly lambda: LocalLambda;
  readonly deliveries: Deliveries;
  /**
   * How long a rule keeps sending to the targets a put replaced.
   * @default 60 seconds
   */
  readonly targetChangeDelayMs?: number;
  /**
   * Whether an enabled rate schedule starts its period afresh.
   * @default false (it keeps the phase of the rule's creation)
   */
  readonly scheduleRestartsWhenEnabled?: boolean;
  /**
   * Whether an update that leaves the template's State as it was keeps the rule's state.
   * @default false (PutRule sets the template's State)
   */
  readonly updateKeepsState?: boolean;
}

/** The default of EventBridgeOptions.targetChangeDelayMs: a "short period". */
const TARGET_CHANGE_DELAY_MS = 60_000;

/** PutTargets' limit of targets per rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
const MAX_TARGETS = 5;
const TARGET_KEYS_IGNORED = ['RoleArn', 'RetryPolicy', 'DeadLetterConfig'];

export class LocalEventBridge {
  private readonly rules = new Map<string, EventRule>();

  constructor(private readonly options: EventBridgeOptions) {}

  /**
   * PutRule and PutTargets from an `AWS::Events::Rule`'s resolved properties:
   * the state is the template's again (unless `updateKeepsState` and the
   * update's `previousProperties` give the same State), the targets replace
   * the old ones. Throws ValidationError (nothing changes) when the rule cannot run here.
   */
  public putRule(
    logicalId: string, name: string, arn: string,
    properties: Readonly<Record<string, unknown>>, previousProperties?: Readonly<Record<string, unknown>>,
  ): EventRule {
    const where = `rule ${logicalId}`;
    const bus = properties.EventBusName;
    if (bus !== undefined && !this.isDefaultBus(bus)) {
      throw new ValidationError(`${where}: EventBusName ${String(bus)}: the local engine's EventBridge has the default event bus only`);
    }
    if (properties.EventPattern === undefined && properties.ScheduleExpression === undefined) {
      throw new ValidationError(`${where}: Parameter(s) EventPattern or ScheduleExpression must be specified.`);
    }
    const eventPattern = properties.EventPattern === undefined ? undefined : parseEventPattern(properties.EventPattern, where);
    const periodMs = properties.ScheduleExpression === undefined ? undefined : schedulePeriodMs(properties.ScheduleExpression, where);
    const previous = this.rules.get(name);
    const templateState = templateStateOf(properties, where);
    const keepsState = this.options.updateKeepsState && previous && previousProperties
      && templateStateOf(previousProperties, where) === templateState;
    const state: RuleState = keepsState ? previous.state : templateState;
    const targets = this.targets(properties.Targets, where);
    const now = this.now();
    const targetsChanged = previous !== undefined && JSON.stringify(previous.targets) !== JSON.stringify(targets);
    const rule: EventRule = {
      name,
      arn,
      logicalId,
      eventPattern,
      eventPatternText: typeof properties.EventPattern === 'string' ? properties.EventPattern : eventPattern && JSON.stringify(eventPattern),
      scheduleExpression: periodMs === undefined ? undefined : String(properties.ScheduleExpression),
      periodMs,
      description: typeof properties.Description === 'string' ? properties.Description : undefined,
      roleArn: typeof properties.RoleArn === 'string' ? properties.RoleArn : undefined,
      targets,
      replacedTargets: targetsChanged
        ? { targets: this.sendingTargets(previous), until: now + this.targetChangeDelayMs() }
        : previous?.replacedTargets,
      createdAt: previous?.createdAt ?? now,
      state,
    };
    // A schedule keeps its phase through an update that leaves it enabled and the same; otherwise it starts as an enabled rule does.
    const keepsPhase = previous?.state === 'ENABLED' && previous.periodMs === periodMs && previous.nextFire !== undefined;
    rule.nextFire = state === 'ENABLED' && periodMs !== undefined ? (keepsPhase ? previous.nextFire : this.firstFiring(rule.createdAt, periodMs)) : undefined;
    this.rules.set(name, rule);
    return rule;
  }

  public deleteRule(name: string): void {
    this.rules.delete(name);
  }

  /** A rule of the default bus, or EventBridge's ResourceNotFoundException. */
  public rule(name: string, busName?: unknown): EventRule {
    if (busName !== undefined && !this.isDefaultBus(busName)) throw new EventBridgeError('ResourceNotFoundException', `Event bus ${String(busName)} does not exist.`);
    const rule = this.rules.get(name);
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeRule.html
    if (!rule) throw new EventBridgeError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);
    return rule;
  }

  /** EnableRule / DisableRule (an enabled schedule fires as firstFiring says). */
  public setState(name: string, state: RuleState, busName?: unknown): void {
    const rule = this.rule(name, busName);
    if (rule.state === state) return;
    rule.state = state;
    rule.nextFire = state === 'ENABLED' && rule.periodMs !== undefined ? this.firstFiring(rule.createdAt, rule.periodMs) : undefined;
  }

  /** Puts events on the bus: each enabled rule whose pattern matches sends them to its targets. */
  public putEvents(events: readonly EventBridgeEvent[]): EventDelivery[] {
    const { accountId, region } = this.options;
    // Another account's or region's events are on another bus.
    const here = events.filter((event) => event.account === accountId && event.region === region);
    return here.flatMap((event) => [...this.rules.values()]
      .filter((rule) => rule.state === 'ENABLED' && rule.eventPattern !== undefined && matchesPattern(rule.eventPattern, event))
      .flatMap((rule) => this.send(rule, event)));
  }

  /** Fires each enabled schedule that is due: once, however many periods went by unseen. */
  public fireDueSchedules(): EventDelivery[] {
    const now = this.now();
    return [...this.rules.values()].flatMap((rule) => {
      if (rule.state !== 'ENABLED' || rule.nextFire === undefined || rule.periodMs === undefined || rule.nextFire > now) return [];
      const firedAt = rule.nextFire;
      rule.nextFire = firedAt + rule.periodMs * (Math.floor((now - firedAt) / rule.periodMs) + 1);
      return this.send(rule, this.scheduledEvent(rule, firedAt));
    });
  }

  /** When the next schedule fires or the next delivery attempt is due. */
  public nextDue(): number | undefined {
    const times = [...this.rules.values()].flatMap((r) => (r.state === 'ENABLED' && r.nextFire !== undefined ? [r.nextFire] : []));
    const delivery = this.options.deliveries.nextDue();
    if (delivery !== undefined) times.push(delivery);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** The account and region of the bus. */
  public get location(): { readonly region: string; readonly accountId: string } {
    return { region: this.options.region, accountId: this.options.accountId };
  }

  public isDefaultBus(name: unknown): boolean {
    const { region, accountId } = this.options;
    return name === 'default' || (typeof name === 'string' && new RegExp(`^arn:[^:]+:events:${region}:${accountId}:event-bus/default$`).test(name));
  }

  /** The targets the rule sends to now: the replaced ones for a short while after a put. */
  private sendingTargets(rule: EventRule): readonly RuleTarget[] {
    return rule.replacedTargets && this.now() < rule.replacedTargets.until ? rule.replacedTargets.targets : rule.targets;
  }

  /** An enabled schedule's next firing: the next one of the phase of the rule's creation, or one period from now. */
  private firstFiring(createdAt: number, periodMs: number): number {
    const now = this.now();
    if (this.options.scheduleRestartsWhenEnabled || now <= createdAt) return now + periodMs;
    return createdAt + periodMs * (Math.floor((now - createdAt) / periodMs) + 1);
  }

  private targetChangeDelayMs(): number {
    return this.options.targetChangeDelayMs ?? TARGET_CHANGE_DELAY_MS;
  }

  private send(rule: EventRule, event: EventBridgeEvent): EventDelivery[] {
    return this.sendingTargets(rule).map((target) => this.options.deliveries.send({
      rule: rule.name,
      ruleArn: rule.arn,
      targetId: target.id,
      targetArn: target.arn,
      eventId: event.id,
      input: target.input === undefined ? event : JSON.parse(target.input),
    }));
  }

  /** The event a schedule sends (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html). */
  private scheduledEvent(rule: EventRule, time: number): EventBridgeEvent {
    const { accountId, region } = this.options;
    return {
      'version': '0',
      'id': randomUUID(),
      'detail-type': 'Scheduled Event',
      'source': 'aws.events',
      'account': accountId,
      'time': new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      'resources': [rule.arn],
      'detail': {},
    };
  }

  /** The rule's targets: Lambda functions of the stack, each with an Input of JSON or none. */
  private targets(value: unknown, where: string): RuleTarget[] {
    const targets = value === undefined ? [] : value;
    if (!Array.isArray(targets)) throw new ValidationError(`${where}: Targets must be a list`);
    if (targets.length > MAX_TARGETS) throw new ValidationError(`${where}: a rule has at most ${MAX_TARGETS} targets (${targets.length} given)`);
    const ids = new Set<string>();
    return targets.map((target: Record<string, unknown>, index) => {
      const at = `${where}, target ${String(target?.Id ?? index)}`;
      if (typeof target?.Id !== 'string' || typeof target.Arn !== 'string') throw new ValidationError(`${at}: Id and Arn are required`);
      if (ids.has(target.Id)) throw new ValidationError(`${at}: two targets have the Id ${target.Id}`);
      ids.add(target.Id);
      const other = Object.keys(target).filter((key) => !['Id', 'Arn', 'Input', ...TARGET_KEYS_IGNORED].includes(key));
      if (other.length > 0) throw new ValidationError(`${at}: ${other.join(', ')} not supported by the local engine's EventBridge (constant Input or the event only)`);
      if (!/^arn:[^:]+:lambda:/.test(target.Arn) || !this.options.lambda.find(target.Arn)) {
        throw new ValidationError(`${at}: ${target.Arn} is not a Lambda function of this stack; the local engine's EventBridge delivers to those only`);
      }
      if (target.Input !== undefined) {
        try {
          JSON.parse(String(target.Input));
        } catch {
          throw new ValidationError(`${at}: Input is not valid JSON text`);
        }
      }
      return { id: target.Id, arn: target.Arn, ...(target.Input === undefined ? {} : { input: String(target.Input) }) };
    });
  }

  private now(): number {
    return this.options.clock.now();
  }
}

/** The state a rule's State property sets (ENABLED unless it says DISABLED). */
function templateStateOf(properties: Readonly<Record<string, unknown>>, where: string): RuleState {
  const stateName = String(properties.State ?? 'ENABLED');
  if (!['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'].includes(stateName)) {
    throw new ValidationError(`${where}: State ${stateName} is not valid (ENABLED or DISABLED)`);
  }
  return stateName === 'DISABLED' ? 'DISABLED' : 'ENABLED';
}
