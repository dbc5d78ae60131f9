/*
 * Emulated time. A fine-tuning job takes hours; tests take milliseconds. The
 * clock runs at `acceleration` times real speed and can be moved forward by
 * hand, so a test chooses between "time flows fast" and "time moves only when
 * I say so" (acceleration 0).
 */

/**
 * The host's clock, kept at load: the emulator serves requests in the process
 * of the local CloudFormation engine, which replaces `Date` with its own time
 * while a handler runs.
 */
const hostNow = Date.now;

export interface ClockOptions {
  /** Emulated time at start. Default: the real time at start. */
  readonly start?: Date;
  /**
   * Emulated time per real time: 1 is real time, 1000 makes one real
   * millisecond one emulated second, 0 stops the clock between advance()
   * calls. Default: 1.
   */
  readonly acceleration?: number;
}

export class EmulatedClock {
  private readonly startedAt = hostNow();
  private readonly start: number;
  private accelerationValue: number;
  /** Emulated milliseconds added by advance() and by changes of acceleration. */
  private offsetMs = 0;

  constructor(options: ClockOptions = {}) {
    // The same reading as startedAt: a second one could fall a millisecond
    // later and put emulated time ahead of real time.
    this.start = options.start?.getTime() ?? this.startedAt;
    this.accelerationValue = checkAcceleration(options.acceleration ?? 1);
  }

  /** Emulated time per real time (see ClockOptions.acceleration). */
  public get acceleration(): number {
    return this.accelerationValue;
  }

  /** Changes the speed from now on; emulated time so far is kept. */
  public set acceleration(value: number) {
    const now = this.nowMs();
    this.accelerationValue = checkAcceleration(value);
    this.offsetMs += now - this.nowMs();
  }

  public now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves emulated time forward. */
  public advance(seconds: number): void {
    if (!(seconds >= 0)) throw new Error(`Cannot advance the clock by ${seconds} seconds`);
    this.offsetMs += seconds * 1000;
  }

  /** Moves emulated time forward to `time`; nothing if it has passed (for a caller with a clock of its own). */
  public advanceTo(time: Date): void {
    this.offsetMs += Math.max(0, time.getTime() - this.nowMs());
  }

  private nowMs(): number {
    return Math.floor(this.start + (hostNow() - this.startedAt) * this.accelerationValue + this.offsetMs);
  }
}

function checkAcceleration(value: number): number {
  if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`Clock acceleration must be a finite number >= 0 (got ${value})`);
  return value;
}
