import * as timers from 'timers/promises';
import { Clock } from '../clock';

/**
 * Runs `work` with `Date` telling the engine's time: `Date.now()`, `new Date()`
 * and `Date()` read the clock, so a handler sees the waiter's polls take as
 * long as they would in AWS (a deadline it computed passes). Dates it builds
 * from values, and `instanceof Date`, behave as usual.
 */
export async function withEngineTime<T>(clock: Clock, work: () => Promise<T>): Promise<T> {
  const saved = globalThis.Date;
  globalThis.Date = new Proxy(saved, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length > 0 ? args : [clock.now()], newTarget),
    apply: (target) => new target(clock.now()).toString(),
    get: (target, property, receiver) => (property === 'now' ? () => clock.now() : Reflect.get(target, property, receiver)),
  });
  try {
    return await work();
  } finally {
    globalThis.Date = saved;
  }
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
