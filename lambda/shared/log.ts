/*
 * Structured logs: one JSON object per line on stdout, so CloudWatch Logs
 * Insights can filter on fields. Callers pass identifiers and outcomes only,
 * never credentials or whole events (the event carries a presigned ResponseURL).
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

function write(level: LogLevel, message: string, fields: LogFields = {}): void {
  process.stdout.write(`${JSON.stringify({ level, message, ...fields }, replacer)}\n`);
}

// Errors serialize to `{}` by default: keep their name and message.
function replacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}

export const log = {
  debug: (message: string, fields?: LogFields) => write('debug', message, fields),
  info: (message: string, fields?: LogFields) => write('info', message, fields),
  warn: (message: string, fields?: LogFields) => write('warn', message, fields),
  error: (message: string, fields?: LogFields) => write('error', message, fields),
};
