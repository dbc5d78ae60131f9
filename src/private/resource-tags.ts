import { AspectPriority, Aspects, IResolvable, Lazy, TagManager, TagType } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MAX_TAGS_PER_RESOURCE } from './constraints';
import { ResourceTag } from './contract/common';
import { checkValue } from './validation';

type TagMap = { [key: string]: string };

/** One Bedrock resource that a construct tags (a job, its custom model). */
export interface TagTarget {
  /** What it is, in messages: 'job', 'custom model'. */
  readonly what: string;
  /** The prop of its own tags: 'jobTags'. */
  readonly prop: string;
  /** Those tags. */
  readonly tags?: TagMap;
  /** The request that sends its tags, and where its tag list lands in it ('jobTags'): for the API's rules. */
  readonly request: string;
  readonly path: string;
}

/**
 * The tags of the Bedrock resources of one construct. `Tags.of()` tags
 * (through `manager`) go to each; each target's own tags prop adds to them
 * and wins for the same key. Aspects apply `Tags.of()` tags during
 * synthesis, so the lists are rendered lazily and checked in a validation;
 * the props' own tags are checked at construction.
 */
export class ResourceTags {
  public readonly manager: TagManager;

  constructor(resourceType: string, private readonly targets: readonly TagTarget[]) {
    this.manager = new TagManager(TagType.MAP, resourceType);
  }

  /** The tags of the target whose prop is `prop`, sorted by key. */
  public list(prop: string): ResourceTag[] {
    return toTagList(this.merged(prop)) ?? [];
  }

  /** The tags of a target for the template: absent when none. */
  public render(prop: string): IResolvable {
    return Lazy.any({ produce: () => toTagList(this.merged(prop)) });
  }

  /** The target's own tags as the API takes them (absent when none): the props' part of the tags. */
  public own(prop: string): ResourceTag[] | undefined {
    return toTagList(this.target(prop).tags);
  }

  /**
   * Calls `allow` once aspects have applied the `Tags.of()` tags, if any
   * target has a tag (creating a tagged resource needs bedrock:TagResource).
   */
  public whenTagged(scope: IConstruct, allow: () => void): void {
    Aspects.of(scope).add({
      visit: (node) => {
        if (node === scope && this.targets.some((t) => this.list(t.prop).length > 0)) allow();
      },
    }, { priority: AspectPriority.READONLY });
  }

  /** What is wrong with the props' own tags: each list's rules, the count, each key and value. */
  public propErrors(): string[] {
    const errors: string[] = [];
    for (const { prop, request, path } of this.targets) {
      const tags = this.own(prop);
      // The list's own rules here; each tag below, labelled by its key.
      errors.push(...checkValue(request, path, tags, prop, { shallow: true }));
      if (tags && tags.length > MAX_TAGS_PER_RESOURCE) {
        errors.push(`${prop} must have at most ${MAX_TAGS_PER_RESOURCE} tags, the most Bedrock accepts on one resource (got ${tags.length})`);
      }
      tags?.forEach((t) => {
        errors.push(...checkValue(request, `${path}[].key`, t.key, `${prop} key "${t.key}"`));
        errors.push(...checkValue(request, `${path}[].value`, t.value, `${prop}["${t.key}"]`));
      });
    }
    return errors;
  }

  /** What is wrong with the tags once aspects have run: the count per resource, and each `Tags.of()` tag. */
  public validate(): string[] {
    const errors: string[] = [];
    for (const { what, prop } of this.targets) {
      const n = this.list(prop).length;
      if (n > MAX_TAGS_PER_RESOURCE) {
        errors.push(`The ${what} would have ${n} tags (${prop} and Tags.of()); Bedrock accepts at most ${MAX_TAGS_PER_RESOURCE} per resource`);
      }
    }
    // Every target takes tags of the same shapes: the first one's rules stand for all.
    const { request, path } = this.targets[0];
    for (const [key, value] of Object.entries(this.manager.tagValues())) {
      errors.push(...checkValue(request, `${path}[].key`, key, `Tags.of() key "${key}"`));
      errors.push(...checkValue(request, `${path}[].value`, value, `Tags.of() tag "${key}"`));
    }
    return errors;
  }

  /** The `Tags.of()` tags with the target's own over them. */
  private merged(prop: string): TagMap {
    return { ...this.manager.tagValues(), ...this.target(prop).tags };
  }

  private target(prop: string): TagTarget {
    const found = this.targets.find((t) => t.prop === prop);
    if (!found) throw new Error(`No tag target ${prop}`);
    return found;
  }
}

/**
 * Tags as the Bedrock API takes them, sorted by key so the template does not
 * depend on object order; undefined when there are none.
 */
export function toTagList(tags: TagMap = {}): ResourceTag[] | undefined {
  const keys = Object.keys(tags).sort();
  return keys.length ? keys.map((key) => ({ key, value: tags[key] })) : undefined;
}
