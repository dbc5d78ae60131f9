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
