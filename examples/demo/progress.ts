/*
 * The demo's live output: one line per status change, stamped with the
 * seconds since the demo started and the resource it concerns.
 */

export class Progress {
  private readonly startedAt = Date.now();

  constructor(private readonly write: (line: string) => void = (line) => console.log(line)) {}

  /** Real seconds since the demo started. */
  public get elapsed(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  public line(subject: string, message: string): void {
    this.write(`[${this.elapsed.toFixed(1).padStart(5)}s] ${subject.padEnd(26)} ${message}`);
  }

  public heading(text: string): void {
    this.write(`\n${text}`);
  }
}
