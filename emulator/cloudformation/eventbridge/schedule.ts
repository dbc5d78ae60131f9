/*
 * Rate expressions (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html#eb-rate-expressions):
 * `rate(value unit)`, a positive whole value, the unit singular for 1 and
 * plural otherwise; scheduled rules live on the default bus only.
 */
import { ValidationError } from '../errors';

const UNIT_MS: Readonly<Record<string, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The period of a schedule expression, in milliseconds; throws ValidationError for anything else. */
export function schedulePeriodMs(expression: unknown, where: string): number {
  const text = String(expression);
  if (/^cron\(.*\)$/.test(text)) {
    throw new ValidationError(`${where}: ScheduleExpression ${text}: cron expressions are not supported by the local engine's EventBridge; use rate(...)`);
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
  const value = rate ? Number(rate[1]) : 0;
  const unit = rate?.[2];
  // PutRule's ValidationException; rate(1 minutes) and rate(5 minute) are invalid too.
  if (!rate || value < 1 || (value === 1) !== !unit!.endsWith('s')) {
    throw new ValidationError(`${where}: Parameter ScheduleExpression is not valid. (${text})`);
  }
  return value * UNIT_MS[unit!.replace(/s$/, '')];
}
