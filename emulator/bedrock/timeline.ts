/*
 * How long a stage of a job or model lasts: a number of polls (Get calls on
 * the resource over HTTP), a span of emulated time, or whichever comes first.
 * Polls make tests deterministic; emulated seconds make timestamps realistic.
 */
import { EmulatedClock } from './clock';

/**
 * The length of a stage. `{ polls: 2 }` ends on the second Get during the stage;
 * `{ seconds: 600 }` after ten emulated minutes; both: whichever comes first;
 * `{}` ends at once.
 */
export interface StageDuration {
  readonly polls?: number;
  readonly seconds?: number;
}

/** One running stage: when it started and how many polls it has seen. */
export class StageTimer {
  private readonly startedAt: Date;
  private polls = 0;

  constructor(private readonly clock: EmulatedClock, private readonly duration: StageDuration, startedAt?: Date) {
    this.startedAt = startedAt ?? clock.now();
  }

  public poll(): void {
    this.polls += 1;
  }

  /**
   * When the stage ended, or undefined while it runs. A stage that ran out of
   * time ended exactly then, even if nobody looked until later.
   */
  public endedAt(): Date | undefined {
    const { polls, seconds } = this.duration;
    const now = this.clock.now();
    if (seconds !== undefined) {
      const end = new Date(this.startedAt.getTime() + seconds * 1000);
      if (end <= now) return end;
    }
    if (polls !== undefined) return this.polls >= polls ? now : undefined;
    return seconds === undefined ? this.startedAt : undefined;
  }
}
