/*
 * maxResults/nextToken paging for the List operations. Tokens are opaque
 * random strings that remember where the page ended and which filters it was
 * for; an unknown token, or one used with other filters, is rejected as the
 * service rejects a bad token. A page ends at an item, not at an index, so
 * items created or deleted between pages do not shift the next one.
 */
import { randomBytes } from 'crypto';
import { validationError } from './errors';

/** Page size when the request sets no maxResults. */
export const DEFAULT_PAGE_SIZE = 100;

export interface PageRequest {
  readonly maxResults?: number;
  readonly nextToken?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export type SortOrder = 'Ascending' | 'Descending';

/** Items that carry when they were created, and a sequence number that breaks ties. */
export interface Chronological {
  readonly creationTime: Date;
  readonly seq: number;
}

export class Pager {
  private readonly cursors = new Map<string, { readonly filters: string; readonly last: Chronological }>();

  /**
   * One page of `items`, sorted by creation time in `order` (the service's default is Descending).
   * `filters` are the request's other members: a token only continues the listing it came from.
   */
  public page<T extends Chronological>(items: readonly T[], request: PageRequest & { readonly sortOrder?: SortOrder }, filters: object): Page<T> {
    const direction = request.sortOrder === 'Ascending' ? 1 : -1;
    const compare = (a: Chronological, b: Chronological) => direction * (a.creationTime.getTime() - b.creationTime.getTime() || a.seq - b.seq);
    const key = JSON.stringify({ ...filters, sortOrder: request.sortOrder });
    let sorted = [...items].sort(compare);
    if (request.nextToken !== undefined) {
      const cursor = this.cursors.get(request.nextToken);
      if (!cursor || cursor.filters !== key) throw validationError(`Invalid pagination token ${request.nextToken}.`);
      sorted = sorted.filter((item) => compare(item, cursor.last) > 0);
    }
    const size = request.maxResults ?? DEFAULT_PAGE_SIZE;
    const pageItems = sorted.slice(0, size);
    if (sorted.length <= size) return { items: pageItems };
    const nextToken = randomBytes(24).toString('base64url');
    this.cursors.set(nextToken, { filters: key, last: pageItems[pageItems.length - 1] });
    return { items: pageItems, nextToken };
  }
}

/** The creationTimeBefore/creationTimeAfter filters of the List operations (both exclusive). */
export function createdWithin(time: Date, filters: { readonly creationTimeBefore?: Date; readonly creationTimeAfter?: Date }): boolean {
  return (filters.creationTimeBefore === undefined || time < filters.creationTimeBefore)
    && (filters.creationTimeAfter === undefined || time > filters.creationTimeAfter);
}
