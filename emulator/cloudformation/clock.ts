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

/**
 * Real time run faster: `factor` engine milliseconds pass in one real
 * millisecond, sleeps included (a 30-second poll interval at 600 takes 50 ms).
 * Shares its time with an emulator clock of the same acceleration started at
 * the same moment.
 */
export class ScaledClock implements Clock {
  private readonly startedAt = hostNow();

  constructor(private readonly factor: number, private readonly start: number = hostNow()) {
    if (!(factor > 0) || !Number.isFinite(factor)) throw new Error(`Clock factor must be a finite number > 0 (got ${factor})`);
  }

  public now(): number {
    return Math.floor(this.start + (hostNow() - this.startedAt) * this.factor);
  }

  public async sleep(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / this.factor));
  }
}

/** A clock kept outside the engine, such as the Bedrock emulator's EmulatedClock. */
export interface OutsideClock {
  now(): Date;
  /** Moves the time forward. */
  advance(seconds: number): void;
}

/**
 * The engine's time read from another clock, and its waiting done by moving
 * that clock forward: an engine and an emulator on one manual time (an
 * EmulatedClock at acceleration 0) see the same hours pass.
 */
export class ExternalClock implements Clock {
  constructor(private readonly outside: OutsideClock) {}

  public now(): number {
    return this.outside.now().getTime();
  }

  public async sleep(ms: number): Promise<void> {
    if (ms > 0) this.outside.advance(ms / 1000);
    // Lets pending I/O run, as a real sleep would.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
