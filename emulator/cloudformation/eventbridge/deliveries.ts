/*
 * EventBridge's delivery to Lambda targets: an asynchronous invocation,
 * allowed only by the function's resource-based policy
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html);
 * once Lambda has the event, its own retries apply (two more attempts, one
 * and two minutes apart, when the function fails).
 */
import { Clock } from '../clock';
import { errorMessage } from '../errors';
import { ASYNC_ATTEMPT_DELAYS_MS } from '../lambda/async-invocation';
import { LocalLambda } from '../lambda/local-lambda';
import { LambdaPermissions } from '../lambda/permissions';

export type DeliveryOutcome = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One event sent to one target of one rule. */
export interface EventDelivery {
  /** The rule's name. */
  readonly rule: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly targetArn: string;
  /** The id of the event that matched (or of the scheduled event). */
  readonly eventId: string;
  /** What the function receives: the target's constant Input, or the event. */
  readonly input: unknown;
  /** When EventBridge sent it, on the engine's clock. */
  readonly time: Date;
  /** DELIVERED once Lambda has accepted it; FAILED when it could not be (no permission, no function). */
  outcome: DeliveryOutcome;
  reason?: string;
  /** The function's invocations for it: 1, or up to 3 when it failed (Lambda's retries). */
  attempts: number;
  /** The error of the last invocation, when it failed. */
  functionError?: string;
}

interface Attempt {
  readonly due: number;
  readonly sequence: number;
  readonly delivery: EventDelivery;
  /** Index in ASYNC_ATTEMPT_DELAYS_MS. */
  readonly attempt: number;
}

/** Most attempts run by one call of runDue: a rule that feeds itself cannot hold the engine's time still. */
const MAX_ATTEMPTS_PER_RUN = 500;
const EVENTS_PRINCIPAL = 'events.amazonaws.com';

export class Deliveries {
  public readonly records: EventDelivery[] = [];
  private readonly attempts: Attempt[] = [];
  private sequence = 0;

  constructor(
    private readonly lambda: LocalLambda,
    private readonly permissions: LambdaPermissions,
    private readonly clock: Clock,
    private readonly accountId: string,
  ) {}

  /** Queues a delivery, due now. */
  public send(delivery: Omit<EventDelivery, 'outcome' | 'attempts' | 'time'>): EventDelivery {
    const record: EventDelivery = { ...delivery, time: new Date(this.clock.now()), outcome: 'PENDING', attempts: 0 };
    this.records.push(record);
    this.queue(record, 0, this.clock.now());
    return record;
  }

  /** When the next queued attempt is due, if any. */
  public nextDue(): number | undefined {
    return this.attempts.length > 0 ? Math.min(...this.attempts.map((a) => a.due)) : undefined;
  }

  /** Runs the attempts due now, earliest first, one at a time. */
  public async runDue(): Promise<void> {
    for (let run = 0; run < MAX_ATTEMPTS_PER_RUN; run++) {
      const now = this.clock.now();
      const due = this.attempts.filter((a) => a.due <= now).sort((a, b) => a.due - b.due || a.sequence - b.sequence)[0];
      if (!due) return;
      this.attempts.splice(this.attempts.indexOf(due), 1);
      await this.run(due);
    }
  }

  private async run({ delivery, attempt }: Attempt): Promise<void> {
    if (attempt === 0) {
      const reason = this.refusal(delivery);
      if (reason) {
        delivery.outcome = 'FAILED';
        delivery.reason = reason;
        return;
      }
      delivery.outcome = 'DELIVERED';
    }
    try {
      delivery.attempts += 1;
      const output = await this.lambda.invoke(delivery.targetArn, JSON.stringify(delivery.input), 'Event');
      delivery.functionError = output.FunctionError ? payloadError(output.Payload) : undefined;
      if (output.FunctionError && attempt + 1 < ASYNC_ATTEMPT_DELAYS_MS.length) {
        this.queue(delivery, attempt + 1, this.clock.now() + ASYNC_ATTEMPT_DELAYS_MS[attempt + 1]);
      }
    } catch (error) {
      // The function went away between the attempts: Lambda drops the event.
      delivery.reason = errorMessage(error);
    }
  }

  /** Why EventBridge cannot hand the event to the function, if it cannot. */
  private refusal(delivery: EventDelivery): string | undefined {
    const config = this.lambda.find(delivery.targetArn);
    if (!config) return `Function not found: ${delivery.targetArn}`;
    const request = { functionName: config.functionName, principal: EVENTS_PRINCIPAL, sourceArn: delivery.ruleArn, sourceAccount: this.accountId };
    if (this.permissions.allows(request)) return undefined;
    return `EventBridge is not authorized to invoke ${config.functionArn}: no statement of its resource-based policy `
      + `(AWS::Lambda::Permission) allows ${EVENTS_PRINCIPAL} from ${delivery.ruleArn}`;
  }

  private queue(delivery: EventDelivery, attempt: number, due: number): void {
    this.attempts.push({ due, sequence: this.sequence++, delivery, attempt });
  }
}

/** The errorMessage of a failed invocation's payload. */
function payloadError(payload: Uint8Array): string {
  const text = new TextDecoder().decode(payload);
  try {
    return (JSON.parse(text) as { errorMessage?: string }).errorMessage ?? text;
  } catch {
    return text;
  }
}
