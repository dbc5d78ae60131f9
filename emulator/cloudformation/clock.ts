/*
 * The engine's time. Waiting (the waiter's query interval, Lambda's retry
 * delays, CloudFormation's ServiceTimeout) happens on this clock, which skips
 * ahead instead of sleeping, so an hour of polling takes milliseconds.
 */

/** The host's `Date.now`, kept before handler invocations replace `Date` with the engine's time. */
const hostNow = Date.now;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Lets `ms` pass. */
  sleep(ms: number): Promise<void>;
}

/** Real time plus every sleep so far, which returns at once. */
export class AcceleratedClock implements Clock {
  private skipped = 0;

  public now(): number {
    return hostNow() + this.skipped;
  }

  public async sleep(ms: number): Promise<void> {
    this.skipped += Math.max(0, ms);
    // Lets pending I/O (an emulator answering over HTTP) run, as a real sleep would.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets time pass until `time` (at once if it has passed). */
export async function sleepUntil(clock: Clock, time: number): Promise<void> {
  await clock.sleep(Math.max(0, time - clock.now()));
}
