/*
 * The faults a test injects into a local service, in the order added: the
 * first whose match applies to a request, and that has struck fewer than its
 * `times`, fails it. Each service says what a match applies to and what
 * error a fault answers with.
 */

/** What every service's fault match has: at most this many injections, then the fault retires. */
export interface FaultTimes {
  readonly times?: number;
}

/** A fault in place: how often it struck, and a way to remove it. */
export class CountedFault<Match extends FaultTimes> {
  public injected = 0;

  constructor(public readonly match: Match, public readonly remove: () => void) {}
}

export class FaultList<Target, Match extends FaultTimes, Failure> {
  private entries: { readonly fault: CountedFault<Match>; readonly applies: (target: Target) => boolean; readonly failure: () => Failure }[] = [];

  /** Adds a fault (with `fields`, what the service's fault says of itself: its error) that fails what `applies` to. */
  public add<Fields extends object>(
    match: Match, applies: (target: Target) => boolean, failure: () => Failure, fields: Fields,
  ): CountedFault<Match> & Fields {
    if (match.times !== undefined && !(match.times >= 0)) throw new Error(`times must be >= 0 (got ${match.times})`);
    const fault: CountedFault<Match> & Fields = Object.assign(new CountedFault(match, () => {
      this.entries = this.entries.filter((e) => e.fault !== fault);
    }), fields);
    this.entries.push({ fault, applies, failure });
    return fault;
  }

  public clear(): void {
    this.entries = [];
  }

  /** The error of the first fault (in the order added) that strikes this request, counted. */
  public strike(target: Target): Failure | undefined {
    for (const { fault, applies, failure } of this.entries) {
      if (fault.injected >= (fault.match.times ?? Infinity) || !applies(target)) continue;
      fault.injected += 1;
      return failure();
    }
    return undefined;
  }
}
