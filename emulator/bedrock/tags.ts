/*
 * Tags per resource ARN. The kinds' stores register their ARNs when their
 * resources appear, so tagging anything else is ResourceNotFoundException, as in Bedrock.
 */
import type { Tag } from '@aws-sdk/client-bedrock';
import { notFound, ServiceError } from './errors';
import { MAX_TAGS_PER_RESOURCE } from '../../src/contract/constraints';

export class TagStore {
  private readonly byArn = new Map<string, Map<string, string>>();

  /** A resource appears, with its initial tags. */
  public register(arn: string, tags: readonly Tag[] = []): void {
    this.byArn.set(arn, withTags(new Map(), tags, arn));
  }

  /** A resource is gone: its tags go with it. */
  public forget(arn: string): void {
    this.byArn.delete(arn);
  }

  public has(arn: string): boolean {
    return this.byArn.has(arn);
  }

  public list(arn: string): Tag[] {
    return [...this.tagsOf(arn)].map(([key, value]) => ({ key, value }));
  }

  /** Adds or overwrites tags; the resource may hold at most 50 (existing ones count). */
  public tag(arn: string, tags: readonly Tag[]): void {
    this.byArn.set(arn, withTags(this.tagsOf(arn), tags, arn));
  }

  /** Removes tags; keys the resource does not have are ignored. */
  public untag(arn: string, keys: readonly string[]): void {
    const current = this.tagsOf(arn);
    keys.forEach((key) => current.delete(key));
  }

  private tagsOf(arn: string): Map<string, string> {
    const tags = this.byArn.get(arn);
    if (!tags) throw notFound(`The resource ${arn} was not found.`);
    return tags;
  }
}

/** A copy of `current` with `tags` added, within the limit. */
function withTags(current: ReadonlyMap<string, string>, tags: readonly Tag[], arn: string): Map<string, string> {
  const next = new Map(current);
  tags.forEach(({ key, value }) => next.set(key!, value!));
  checkTagCount(next.size, arn);
  return next;
}

/** TooManyTagsException when a resource would hold more than Bedrock's 50 tags. */
export function checkTagCount(count: number, resourceName?: string): void {
  if (count > MAX_TAGS_PER_RESOURCE) {
    throw new ServiceError('TooManyTagsException',
      `The resource can have at most ${MAX_TAGS_PER_RESOURCE} tags (requested ${count}).`,
      resourceName === undefined ? {} : { resourceName });
  }
}
