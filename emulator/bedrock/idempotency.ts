/*
 * clientRequestToken semantics of the create operations: a request repeated
 * with the same token and the same parameters returns the first result and
 * creates nothing; the same token with other parameters is a conflict
 * (ConflictException, or `mismatch` for an operation that does not model it),
 * or, when the ledger follows rules whose tokenMismatch is 'replayed', the
 * first result as well (RequestRules in capacity.ts, ledger row L-40).
 */
import { conflict, ServiceError } from './errors';

/** How a token reused with other parameters is answered: refused, or the earlier request's result. */
export type TokenMismatch = 'refused' | 'replayed';

export class IdempotencyLedger<T> {
  private readonly entries = new Map<string, { readonly fingerprint: string; readonly result: T }>();
  private rules: { readonly tokenMismatch: TokenMismatch } = { tokenMismatch: 'refused' };

  constructor(private readonly mismatch: (message: string) => ServiceError = conflict) {}

  /** Answers a token reused with other parameters as `rules` say when asked (rules shared by every kind). */
  public follow(rules: { readonly tokenMismatch: TokenMismatch }): void {
    this.rules = rules;
  }

  /** The result of the earlier request with this token, if any (throws when its parameters differ, unless replayed). */
  public replay(token: string | undefined, request: unknown): T | undefined {
    if (token === undefined) return undefined;
    const entry = this.entries.get(token);
    if (entry && entry.fingerprint !== fingerprint(request) && this.rules.tokenMismatch === 'refused') {
      throw this.mismatch(`The clientRequestToken ${token} was already used for a request with different parameters.`);
    }
    return entry?.result;
  }

  public record(token: string | undefined, request: unknown, result: T): void {
    if (token !== undefined) this.entries.set(token, { fingerprint: fingerprint(request), result });
  }
}

/** Canonical JSON: object keys sorted, so member order does not matter. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (isPlainObject(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
