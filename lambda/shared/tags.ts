/*
 * Tags changed in place on any Bedrock resource: the difference between two
 * tag lists, applied with UntagResource and TagResource.
 */
import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-bedrock';
import { callBedrock } from './call';
import { describeError } from './errors';
import { log } from './log';
import type { ResourceTag } from '../../src/contract/common';

/** What turns one tag list into another: the tags to set (new or changed) and the keys to remove. */
export interface TagChanges {
  readonly set: ResourceTag[];
  readonly removeKeys: string[];
}

export function tagChanges(before: readonly ResourceTag[] = [], after: readonly ResourceTag[] = []): TagChanges {
  const old = new Map(before.map(({ key, value }) => [key, value]));
  const keys = new Set(after.map(({ key }) => key));
  return {
    set: after.filter(({ key, value }) => old.get(key) !== value).map(({ key, value }) => ({ key, value })),
    removeKeys: before.map(({ key }) => key).filter((key) => !keys.has(key)),
  };
}

export function isUnchanged(changes: TagChanges): boolean {
  return changes.set.length === 0 && changes.removeKeys.length === 0;
}

/**
 * Applies `changes` to a resource: removals first, so that a resource near
 * Bedrock's 50 tags makes room before new keys arrive. Both calls are
 * idempotent, so the rollback of a half-applied change restores the old tags.
 * `what` names the resource in errors ("model customization job").
 */
export async function applyTagChanges(resourceArn: string, changes: TagChanges, what: string): Promise<void> {
  if (changes.removeKeys.length) {
    try {
      await callBedrock('UntagResource', resourceArn,
        client => client.send(new UntagResourceCommand({ resourceARN: resourceArn, tagKeys: changes.removeKeys })));
    } catch (e) {
      throw new Error(describeError(e, `Removing tags ${changes.removeKeys.join(', ')} from ${what} '${resourceArn}'`));
    }
  }
  if (changes.set.length) {
    try {
      await callBedrock('TagResource', resourceArn,
        client => client.send(new TagResourceCommand({ resourceARN: resourceArn, tags: changes.set })));
    } catch (e) {
      throw new Error(describeError(e, `Tagging ${what} '${resourceArn}'`));
    }
  }
}

/**
 * Changes a resource's tags from `before` to `after` in place, when they
 * differ: its ARN (`arnOf`) is read only then. `what` names it in logs and errors.
 */
export async function changeTags(
  arnOf: () => Promise<string>, before: readonly ResourceTag[] | undefined, after: readonly ResourceTag[] | undefined, what: string,
): Promise<void> {
  const changes = tagChanges(before, after);
  if (isUnchanged(changes)) return;
  const arn = await arnOf();
  log.info('Updating tags in place', { arn, what, changes });
  await applyTagChanges(arn, changes, what);
}

/** A create request's tag field: `{ [field]: tags }` with copies of the tags, or nothing when there are none (no empty list is sent). */
export function tagsField<K extends string>(field: K, list: readonly ResourceTag[] | undefined): { [F in K]?: ResourceTag[] } {
  return (list?.length ? { [field]: list.map(({ key, value }) => ({ key, value })) } : {}) as { [F in K]?: ResourceTag[] };
}
