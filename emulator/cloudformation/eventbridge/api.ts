/*
 * EventBridge's API as @aws-sdk/client-eventbridge calls it: awsJson1_1,
 * `X-Amz-Target: AWSEvents.<Operation>`, errors as `{ "__type", "message" }`
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html).
 */
import { randomUUID } from 'crypto';
import { EventBridgeError, LocalEventBridge } from './rules';
import { EventBridgeEvent } from '../../shared/eventbridge-event';

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

type Request = Record<string, unknown>;

const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** PutEvents takes 1 to 10 entries (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). */
const MAX_ENTRIES = 10;
const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Answers one API call (`operation` from X-Amz-Target, `body` its JSON). */
export function answerEventBridge(bus: LocalEventBridge, operation: string, body: string, now: () => Date): ApiAnswer {
  try {
    let request: Request;
    try {
      request = JSON.parse(body || '{}') as Request;
    } catch {
      throw new EventBridgeError('SerializationException', 'The request body is not JSON');
    }
    return ok(dispatch(bus, operation, request, now));
  } catch (error) {
    if (!(error instanceof EventBridgeError)) throw error;
    return {
      status: 400,
      headers: { 'content-type': CONTENT_TYPE, 'x-amzn-errortype': error.code },
      body: JSON.stringify({ __type: error.code, message: error.message }),
    };
  }
}

function dispatch(bus: LocalEventBridge, operation: string, request: Request, now: () => Date): unknown {
  switch (operation) {
    case 'DescribeRule': {
      const rule = bus.rule(ruleName(request), request.EventBusName);
      return {
        Name: rule.name,
        Arn: rule.arn,
        ...(rule.eventPatternText === undefined ? {} : { EventPattern: rule.eventPatternText }),
        ...(rule.scheduleExpression === undefined ? {} : { ScheduleExpression: rule.scheduleExpression }),
        State: rule.state,
        ...(rule.description === undefined ? {} : { Description: rule.description }),
        ...(rule.roleArn === undefined ? {} : { RoleArn: rule.roleArn }),
        EventBusName: 'default',
        CreatedBy: rule.arn.split(':')[4],
      };
    }
    case 'ListTargetsByRule': {
      // The latest put, even while the rule still sends to the targets it replaced (see rules.ts).
      const rule = bus.rule(ruleName(request, 'Rule'), request.EventBusName);
      return { Targets: rule.targets.map((t) => ({ Id: t.id, Arn: t.arn, ...(t.input === undefined ? {} : { Input: t.input }) })) };
    }
    case 'DisableRule':
    case 'EnableRule':
      bus.setState(ruleName(request), operation === 'EnableRule' ? 'ENABLED' : 'DISABLED', request.EventBusName);
      return {};
    case 'PutEvents':
      return putEvents(bus, request, now);
    default:
      throw new EventBridgeError('UnknownOperationException',
        `${operation || '(no X-Amz-Target)'}: the local engine's EventBridge serves DescribeRule, DisableRule, EnableRule, ListTargetsByRule and PutEvents`);
  }
}

/** The rule's name from the request's `Name` (ListTargetsByRule: `Rule`). */
function ruleName(request: Request, member: 'Name' | 'Rule' = 'Name'): string {
  const name = request[member];
  const at = member.toLowerCase();
  if (typeof name !== 'string') throw new EventBridgeError('ValidationException', `1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
  if (!NAME.test(name)) {
    throw new EventBridgeError('ValidationException', `1 validation error detected: Value '${name}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ and have length between 1 and 64`);
  }
  return name;
}

/** Custom events: sources of AWS services are refused (NotAuthorizedForSourceException), each entry answered on its own. */
function putEvents(bus: LocalEventBridge, request: Request, now: () => Date): unknown {
  const entries = request.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw new EventBridgeError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`);
  }
  const results = entries.map((entry: Request) => {
    const error = entryError(bus, entry);
    if (error) return { ErrorCode: error[0], ErrorMessage: error[1] };
    const event = toEvent(bus, entry, now());
    bus.putEvents([event]);
    return { EventId: event.id };
  });
  return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
}

/** The reason an entry is refused (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html). */
function entryError(bus: LocalEventBridge, entry: Request): [string, string] | undefined {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry?.[field] !== 'string' || entry[field] === '') return ['InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`];
  }
  if (entry.EventBusName !== undefined && !bus.isDefaultBus(entry.EventBusName)) return ['InvalidArgument', `Event bus ${String(entry.EventBusName)} does not exist.`];
  if (String(entry.Source).startsWith('aws.')) return ['NotAuthorizedForSourceException', 'Not authorized for the source.'];
  try {
    const detail = JSON.parse(String(entry.Detail));
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return ['MalformedDetail', 'Detail is malformed.'];
  } catch {
    return ['MalformedDetail', 'Detail is malformed.'];
  }
  return undefined;
}

function toEvent(bus: LocalEventBridge, entry: Request, now: Date): EventBridgeEvent {
  // The SDK sends Time as epoch seconds.
  const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : now;
  const { region, accountId } = bus.location;
  return {
    'version': '0',
    'id': randomUUID(),
    'detail-type': String(entry.DetailType),
    'source': String(entry.Source),
    'account': accountId,
    'time': time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    'resources': Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
    'detail': JSON.parse(String(entry.Detail)),
  };
}

function ok(result: unknown): ApiAnswer {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(result) };
}
