import { IResolvable, Lazy, Stack, TagManager, TagType, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkProp, tableOf } from './prop-check';
import { shortHash } from './short-hash';
import { PROVENANCE_TAG_KEYS, ResourceTag } from '../contract/common';
import { MAX_TAGS_PER_RESOURCE, shape } from '../contract/constraints';
import { RESOURCE_KINDS, ResourceKindName } from '../contract/registry';

type TagMap = { [key: string]: string };

/** The provenance tag keys, in messages. */
const PROVENANCE_KEYS: readonly string[] = Object.values(PROVENANCE_TAG_KEYS);
/** What each provenance tag holds, in messages. */
const PROVENANCE_VALUES: Readonly<Record<string, string>> = {
  [PROVENANCE_TAG_KEYS.stack]: 'the stack name',
  [PROVENANCE_TAG_KEYS.constructPath]: 'the construct path',
};
/** The user's share of a resource's tags: the construct adds the provenance tags. */
const MAX_OWN_TAGS = MAX_TAGS_PER_RESOURCE - PROVENANCE_KEYS.length;

/** The longest tag value Bedrock accepts (256). */
const MAX_TAG_VALUE_LENGTH = shape('TagValue').length!.max!;
/** Hex digits of the hash that ends a shortened value. */
const SHORTENED_HASH_LENGTH = 8;
/**
 * Characters a provenance value never holds: those outside Bedrock's tag
 * value pattern (`^[a-zA-Z0-9\s._:/=+@-]*$`), and whitespace other than a
 * space, which the pattern allows but reads badly in a list.
 */
const DISALLOWED = /[^a-zA-Z0-9 ._:/=+@-]/gu;

/**
 * A stack name or construct path as a tag value Bedrock accepts, the same
 * for the same input: each character outside letters, digits, space and
 * `. _ : / = + @ -` becomes `_`; a result over 256 characters keeps its first
 * 245, then `...` and 8 hex digits of the SHA-256 of the whole input. A token
 * (a nested stack's name) is kept as is: CloudFormation resolves it to a
 * stack name, which is always a valid value.
 */
export function provenanceTagValue(value: string): string {
  if (Token.isUnresolved(value)) return value;
  const mapped = value.replace(DISALLOWED, '_');
  if (mapped.length <= MAX_TAG_VALUE_LENGTH) return mapped;
  const suffix = `...${shortHash(value, SHORTENED_HASH_LENGTH)}`;
  return mapped.slice(0, MAX_TAG_VALUE_LENGTH - suffix.length) + suffix;
}

/** One Bedrock resource that a construct tags (a job, its custom model). */
export interface TagTarget {
  /** What it is, in messages: 'job', 'custom model'. */
  readonly what: string;
  /** The prop of its own tags: 'jobTags'. */
  readonly prop: string;
  /** Those tags. */
  readonly tags?: TagMap;
}

/** A target with the request that sends its tags, and where its tag list lands in it: for the API's rules. */
interface TagTargetRequest extends TagTarget {
  readonly request: string;
  readonly path: string;
}

/** A tag manager that remembers which provenance keys `Tags.of().remove()` tried to remove (it cannot). */
export class ProvenanceGuardedTagManager extends TagManager {
  public readonly removedProvenanceKeys = new Set<string>();

  public removeTag(key: string, priority: number): void {
    if (PROVENANCE_KEYS.includes(key)) this.removedProvenanceKeys.add(key);
    super.removeTag(key, priority);
  }
}

/**
 * The tags of the Bedrock resources of one construct. `Tags.of()` tags
 * (through `manager`) go to each; each target's own tags prop adds to them
 * and wins for the same key. Every target also gets the provenance tags
 * (PROVENANCE_TAG_KEYS: the stack name and the construct path, see
 * provenanceTagValue), by which the command line finds what a stack made;
 * a user tag with one of their keys is an error, so that none is lost or
 * overridden silently. Aspects apply `Tags.of()` tags during synthesis, so
 * the lists are rendered lazily and checked in a validation; the props' own
 * tags are checked at construction.
 */
export class ResourceTags {
  /** The `Tags.of()` tags of the construct's resources. */
  public readonly manager: ProvenanceGuardedTagManager;
  private readonly provenance: TagMap;
  private readonly targets: readonly TagTargetRequest[];

  /**
   * `scope` is the construct that owns the resources: its path is their
   * construct path tag. The kind's descriptor tells where each target's tags prop lands.
   */
  constructor(scope: IConstruct, kind: ResourceKindName, targets: readonly TagTarget[]) {
    this.manager = new ProvenanceGuardedTagManager(TagType.MAP, RESOURCE_KINDS[kind].resourceType);
    this.targets = targets.map((target) => {
      const table = tableOf(kind, target.prop);
      return { ...target, request: table.shape, path: table.props[target.prop].path };
    });
    this.provenance = {
      [PROVENANCE_TAG_KEYS.stack]: provenanceTagValue(Stack.of(scope).stackName),
      [PROVENANCE_TAG_KEYS.constructPath]: provenanceTagValue(scope.node.path),
    };
  }

  /** Every target's tags for the template, by its tags prop (rendered when the template is). */
  public renderAll(): Record<string, IResolvable> {
    return Object.fromEntries(this.targets.map(({ prop }) => [prop, this.render(prop)]));
  }

  /** The tags of a target for the template. */
  public render(prop: string): IResolvable {
    return Lazy.any({ produce: () => toTagList(this.merged(prop)) });
  }

  /** The target's own tags as the API takes them (absent when none): the props' part of the tags. */
  public own(prop: string): ResourceTag[] | undefined {
    return toTagList(this.target(prop).tags);
  }

  /** What is wrong with the props' own tags: each list's rules, the count, reserved keys, each key and value. */
  public propErrors(): string[] {
    const errors: string[] = [];
    for (const { prop, request, path } of this.targets) {
      const tags = this.own(prop);
      // The list's own rules here; each tag below, labelled by its key.
      errors.push(...checkProp(request, path, tags, prop, { shallow: true }));
      if (tags && tags.length > MAX_OWN_TAGS) {
        errors.push(`${prop} must have at most ${MAX_OWN_TAGS} tags: Bedrock accepts ${MAX_TAGS_PER_RESOURCE} on one resource, `
          + `and the construct adds ${provenanceList()} (got ${tags.length})`);
      }
      tags?.forEach((t) => {
        errors.push(...reservedKeyErrors(`${prop} key "${t.key}"`, t.key));
        errors.push(...checkProp(request, `${path}[].key`, t.key, `${prop} key "${t.key}"`));
        errors.push(...checkProp(request, `${path}[].value`, t.value, `${prop}["${t.key}"]`));
      });
    }
    return errors;
  }

  /** What is wrong with the tags once aspects have run: the count per resource, and each `Tags.of()` tag. */
  public validate(): string[] {
    const errors: string[] = [];
    for (const { what, prop } of this.targets) {
      const n = Object.keys(this.merged(prop)).length;
      if (n > MAX_TAGS_PER_RESOURCE) {
        errors.push(`The ${what} would have ${n} tags: ${n - PROVENANCE_KEYS.length} of ${prop} and Tags.of(), and ${provenanceList()}; `
          + `Bedrock accepts at most ${MAX_TAGS_PER_RESOURCE} per resource, so at most ${MAX_OWN_TAGS} of your own`);
      }
    }
    // Every target takes tags of the same shapes: the first one's rules stand for all.
    const { request, path } = this.targets[0];
    for (const [key, value] of Object.entries(this.manager.tagValues())) {
      errors.push(...reservedKeyErrors(`Tags.of() key "${key}"`, key));
      errors.push(...checkProp(request, `${path}[].key`, key, `Tags.of() key "${key}"`));
      errors.push(...checkProp(request, `${path}[].value`, value, `Tags.of() tag "${key}"`));
    }
    for (const key of this.manager.removedProvenanceKeys) {
      errors.push(`Tags.of().remove() cannot remove "${key}": the construct tags every Bedrock resource it creates with ${PROVENANCE_VALUES[key]}`);
    }
    return errors;
  }

  /** The `Tags.of()` tags, the target's own over them, and the provenance tags over all (a clash is an error besides). */
  private merged(prop: string): TagMap {
    return { ...this.manager.tagValues(), ...this.target(prop).tags, ...this.provenance };
  }

  private target(prop: string): TagTarget {
    const found = this.targets.find((t) => t.prop === prop);
    if (!found) throw new Error(`No tag target ${prop}`);
    return found;
  }
}

/** The provenance tags in messages: "the 2 tags a and b". */
function provenanceList(): string {
  return `the ${PROVENANCE_KEYS.length} tags ${PROVENANCE_KEYS.join(' and ')}`;
}

/** The error of a user tag `label` whose `key` is a provenance key. */
function reservedKeyErrors(label: string, key: string): string[] {
  if (!PROVENANCE_KEYS.includes(key)) return [];
  return [`${label} is reserved: the construct sets it to ${PROVENANCE_VALUES[key]} on every Bedrock resource it creates (the command line reads it); `
    + 'use another key'];
}

/**
 * Tags as the Bedrock API takes them, sorted by key so the template does not
 * depend on object order; undefined when there are none.
 */
export function toTagList(tags: TagMap = {}): ResourceTag[] | undefined {
  const keys = Object.keys(tags).sort();
  return keys.length ? keys.map((key) => ({ key, value: tags[key] })) : undefined;
}
