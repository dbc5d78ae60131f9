import { AsyncLocalStorage } from 'async_hooks';
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

/** Where the invocation running in this async context writes: its log, one line writer per stream. */
interface Capture {
  readonly write: LogWriter;
  readonly streams: readonly [ReturnType<typeof lineWriter>, ReturnType<typeof lineWriter>];
}

const capture = new AsyncLocalStorage<Capture>();
let installed = false;

/**
 * Runs `work` with everything a function can print going to `write` instead
 * of the host's output, as Lambda sends it to the function's log: the
 * console, stdout and stderr (one entry per line), and process warnings. The
 * log follows the invocation's async context, so overlapping invocations
 * each write to their own; outside any invocation, output is the host's.
 */
export async function withCapturedLogs<T>(write: LogWriter, work: () => Promise<T>): Promise<T> {
  install();
  const streams = [lineWriter(write), lineWriter(write)] as const;
  try {
    return await capture.run({ write, streams }, work);
  } finally {
    streams.forEach((stream) => stream.flush());
  }
}

/** Puts dispatchers in place of the console's methods, the streams' writes and process warnings, once. */
function install(): void {
  if (installed) return;
  installed = true;
  const target = console as unknown as ConsoleMethods;
  const host = { console: { ...target }, stdout: process.stdout.write, stderr: process.stderr.write, emitWarning: process.emitWarning };
  for (const [method, level] of Object.entries(CONSOLE_LEVELS) as Array<[keyof ConsoleMethods, LogLevel]>) {
    target[method] = (...args: unknown[]) => {
      const running = capture.getStore();
      if (running) running.write(format(...args), level);
      else host.console[method].apply(console, args);
    };
  }
  const stream = (index: 0 | 1, hostWrite: StreamWrite, owner: NodeJS.WriteStream): StreamWrite => ((...args: Parameters<StreamWrite>) => {
    const running = capture.getStore();
    return running ? running.streams[index].write(...args) : hostWrite.apply(owner, args);
  }) as StreamWrite;
  process.stdout.write = stream(0, host.stdout, process.stdout);
  process.stderr.write = stream(1, host.stderr, process.stderr);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const running = capture.getStore();
    if (running) running.write(typeof warning === 'string' ? warning : `${warning.name}: ${warning.message}`, 'WARN');
    else (host.emitWarning as (...args: unknown[]) => void).apply(process, [warning, ...rest]);
  }) as typeof process.emitWarning;
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
