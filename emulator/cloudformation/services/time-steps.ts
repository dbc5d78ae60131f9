import { EventSource } from '../../shared/eventbridge-event';
import { Clock } from '../clock';
import { Deliveries } from '../eventbridge/deliveries';
import { LocalEventBridge } from '../eventbridge/rules';

/** The longest step of engine time while something waits: event sources are read at least this often. */
export const MAX_STEP_MS = 60_000;

/**
 * The engine's time passing while something waits (a wait condition, or
 * `passTime`): in steps of at most a minute, or to the next due schedule or
 * delivery, or to the deadline if sooner. Each step drains the event
 * sources onto the bus, fires due schedules and runs due deliveries.
 */
export class TimeSteps {
  private running?: Promise<void>;

  constructor(
    private readonly clock: Clock,
    private readonly sources: readonly EventSource[],
    private readonly bus: LocalEventBridge,
    private readonly deliveries: Deliveries,
  ) {}

  /** What is due now: one run at a time (deliveries invoke functions). */
  public async runDue(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.run();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /**
   * A function's sleep: time passes as in a wait (sources drained, schedules fired, deliveries run, their invocations
   * nested in the sleeping function's), in steps of its own; while another run is under way (which may be what invoked
   * the function), a step only moves the clock.
   */
  public async sleepInFunction(ms: number): Promise<void> {
    // Never waits for another run: that one may be waiting for an invocation queued behind this function.
    await this.stepUntil(this.clock.now() + ms, () => false, () => (this.running ? Promise.resolve() : this.runDue()));
  }

  /**
   * Lets time pass, step by step, until `done()` holds (checked after each
   * step) or the deadline passes. Returns whether `done()` held.
   */
  public waitUntil(deadline: number, done: () => boolean): Promise<boolean> {
    return this.stepUntil(deadline, done, () => this.runDue());
  }

  /** Runs `step`, then lets the clock move to the next step (a minute at most, or what is due, or the deadline). */
  private async stepUntil(deadline: number, done: () => boolean, step: () => Promise<void>): Promise<boolean> {
    for (;;) {
      await step();
      if (done()) return true;
      const now = this.clock.now();
      if (now >= deadline) return false;
      const next = Math.min(now + MAX_STEP_MS, deadline, this.bus.nextDue() ?? Infinity);
      await this.clock.sleep(Math.max(1, next - now));
    }
  }

  private async run(): Promise<void> {
    const now = new Date(this.clock.now());
    for (const source of this.sources) this.bus.putEvents(source.drain(now));
    this.bus.fireDueSchedules();
    await this.deliveries.runDue();
  }
}
