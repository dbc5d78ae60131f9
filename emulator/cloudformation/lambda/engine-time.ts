import { AsyncLocalStorage } from 'async_hooks';
import * as timers from 'timers/promises';
import { Clock } from '../clock';

/** The engine's clock of the invocation running in this async context. */
const engineClock = new AsyncLocalStorage<Clock>();
let installed = false;

/**
 * Runs `work` with `Date` telling the engine's time: `Date.now()`, `new Date()`
 * and `Date()` read the clock, so a handler sees the waiter's polls take as
 * long as they would in AWS (a deadline it computed passes). Dates it builds
 * from values, and `instanceof Date`, behave as usual. The clock follows the
 * invocation's async context, so overlapping invocations keep theirs, and
 * `Date` outside any invocation is the host's time.
 */
export async function withEngineTime<T>(clock: Clock, work: () => Promise<T>): Promise<T> {
  install();
  return engineClock.run(clock, work);
}

/** Puts a proxy in place of `Date`, once: it reads the running invocation's clock, if any. */
function install(): void {
  if (installed) return;
  installed = true;
  const now = (real: DateConstructor) => engineClock.getStore()?.now() ?? real.now();
  globalThis.Date = new Proxy(globalThis.Date, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length > 0 ? args : [now(target)], newTarget),
    apply: (target) => new target(now(target)).toString(),
    get: (target, property, receiver) => (property === 'now' ? () => now(target) : Reflect.get(target, property, receiver)),
  });
}

/**
 * Built-in modules whose waiting happens on the engine's clock: a handler that
 * sleeps with `timers/promises` (between retries, or while it waits for a
 * status) lets the engine's time pass instead of real time, through `clock`'s
 * sleep (the machinery's steps it: schedules fire and events are delivered
 * meanwhile). Other timers (the SDK's socket and retry timers) stay real.
 */
export function engineTimeBuiltins(clock: Clock): Record<string, unknown> {
  const setTimeout = async <T>(ms?: number, value?: T): Promise<T> => {
    await clock.sleep(ms ?? 0);
    return value as T;
  };
  return { 'timers/promises': { ...timers, setTimeout } };
}
