/*
 * The demo's live output: one line per status change, stamped with the
 * seconds since the demo started and the resource it concerns.
 */

import type { LogLine, StackEvent } from '../../emulator/cloudformation';

/** The host's clock, kept at load: while a handler runs, the local CloudFormation engine gives `Date` its own time. */
export const hostNow = Date.now;

export class Progress {
  private readonly startedAt = hostNow();

  constructor(private readonly write: (line: string) => void) {}

  /** Real seconds since the demo started. */
  public get elapsed(): number {
    return (hostNow() - this.startedAt) / 1000;
  }

  public line(subject: string, message: string): void {
    this.write(`[${this.elapsed.toFixed(1).padStart(5)}s] ${subject.padEnd(26)} ${message}`);
  }

  public heading(text: string): void {
    this.write(`\n${text}`);
  }
}

/** An event's status line, with its reason when it has one. */
export function withReason(text: string, event: StackEvent): string {
  return event.reason ? `${text}: ${event.reason}` : text;
}

/** What the demo reads of a handler's structured log line (lambda/shared/log.ts). */
export interface LogEntry {
  message?: string;
  logicalResourceId?: string;
  jobArn?: string;
  jobName?: string;
  status?: string;
}

/** A handler's structured log line, or undefined for any other. */
export function jsonLine(line: LogLine): LogEntry | undefined {
  return line.message.startsWith('{') ? JSON.parse(line.message) : undefined;
}
