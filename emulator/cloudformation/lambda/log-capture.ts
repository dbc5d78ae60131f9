import { format } from 'util';

export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** One line a function wrote, as its log group would hold it. */
export interface LogLine {
  readonly timestamp: Date;
  /** The console method's level; none for what was written to stdout or stderr directly. */
  readonly level?: LogLevel;
  readonly message: string;
}

export type LogWriter = (message: string, level?: LogLevel) => void;

const CONSOLE_LEVELS: Record<'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace', LogLevel> = {
  log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE',
};

type ConsoleMethods = Record<keyof typeof CONSOLE_LEVELS, (...args: unknown[]) => void>;
type StreamWrite = typeof process.stdout.write;

/**
 * Runs `work` with everything a function can print going to `write` instead
 * of the host's output, as Lambda sends it to the function's log: the
 * console, stdout and stderr (one entry per line), and process warnings.
 */
export async function withCapturedLogs<T>(write: LogWriter, work: () => Promise<T>): Promise<T> {
  const target = console as unknown as ConsoleMethods;
  const saved = { console: { ...target }, stdout: process.stdout.write, stderr: process.stderr.write, emitWarning: process.emitWarning };
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    target[method as keyof ConsoleMethods] = (...args: unknown[]) => write(format(...args), level);
  }
  const streams = [lineWriter(write), lineWriter(write)] as const;
  process.stdout.write = streams[0].write;
  process.stderr.write = streams[1].write;
  process.emitWarning = ((warning: string | Error) => write(typeof warning === 'string' ? warning : `${warning.name}: ${warning.message}`, 'WARN')) as typeof process.emitWarning;
  try {
    return await work();
  } finally {
    streams.forEach((stream) => stream.flush());
    Object.assign(target, saved.console);
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    process.emitWarning = saved.emitWarning;
  }
}

/** A stream's `write` that hands on whole lines (the rest when flushed). */
function lineWriter(write: LogWriter): { write: StreamWrite; flush: () => void } {
  let pending = '';
  const streamWrite = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    lines.forEach((line) => write(line));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as StreamWrite;
  return { write: streamWrite, flush: () => (pending ? write(pending) : undefined) };
}
