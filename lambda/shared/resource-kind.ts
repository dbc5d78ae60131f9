/*
 * What the handlers of every replaceable Bedrock resource (a job, an imported
 * model, ...) share about its properties: how they decode, which class each
 * belongs to, and what follows from that.
 *
 * - Bedrock-bound properties define the resource: a change needs a new one
 *   (a new PhysicalResourceId; CloudFormation then deletes the old one).
 * - Tags are Bedrock-bound but change in place (TagResource, UntagResource).
 * - Updatable properties are Bedrock-bound but change in place through the
 *   kind's own update call (a deployment's model): they do not define it.
 * - Library-only settings (removal policy, waiting) never reach Bedrock and
 *   change in place with no Bedrock call.
 */
import { isDeepStrictEqual } from 'util';
import { digestOf } from './digest';
import { log } from './log';
import { generatedName } from './names';
import { PhysicalId, PhysicalIdFormat } from './physical-id';
import { decodeProperties, Fields, struct } from './properties';
import type { BedrockRemovalPolicy } from '../../src/contract/common';

/** Every kind's properties carry the removal policy. */
export interface RemovableProperties {
  readonly removalPolicy: BedrockRemovalPolicy;
}

export interface ResourceKindOptions<P extends RemovableProperties> {
  /** What the resource is called in messages: 'model customization job'. */
  readonly noun: string;
  /** The short word for a new one in messages: 'job'. */
  readonly shortNoun: string;
  /** The ARNs of its Bedrock resources. */
  readonly arn: RegExp;
  /** One decoder per contract field, in contract order: the compiler keeps it in step with the kind's contract (src/contract/). */
  readonly fields: Fields<P>;
  /** Tag properties: they change in place. */
  readonly tags: ReadonlyArray<keyof P>;
  /** Properties the kind's update call changes in place (none when it has no such call). */
  readonly updatable?: ReadonlyArray<keyof P>;
  /** Settings the handler keeps to itself. */
  readonly libraryOnly: ReadonlyArray<keyof P>;
  /** Name properties a user may fix: a fixed name blocks replacement. */
  readonly names: ReadonlyArray<keyof P & string>;
  /** What decoding field by field cannot tell (one of two properties, say). */
  readonly check?: (props: P) => void;
  /** Whether a create may wait for a free Bedrock slot (Bedrock refuses it for capacity): its physical id may then be queued. */
  readonly queues?: boolean;
}

/** The name a resource gets: the property when the user set it, else generated from the stack, the logical id and the seed. */
export interface ResolvedName {
  readonly name: string;
  /** True when the handler generated it (so a resource of that name is this request's). */
  readonly generated: boolean;
}

/** The values every name derivation starts from. */
export interface NameSource {
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly seed: string;
}

export class ResourceKind<P extends RemovableProperties> {
  public readonly noun: string;
  public readonly shortNoun: string;
  /** Whether a create may wait for a free Bedrock slot. */
  public readonly queues: boolean;
  public readonly physicalId: PhysicalIdFormat;
  /** The properties that define the resource, in contract order. */
  public readonly defining: ReadonlyArray<keyof P>;
  /** The properties the kind's update call changes in place, in contract order. */
  public readonly updatable: ReadonlyArray<keyof P>;
  private readonly decoder;
  private readonly removalPolicyDecoder;

  constructor(private readonly options: ResourceKindOptions<P>) {
    this.noun = options.noun;
    this.shortNoun = options.shortNoun;
    this.queues = options.queues ?? false;
    this.physicalId = new PhysicalIdFormat(options.arn, options.queues);
    const keys = Object.keys(options.fields) as Array<keyof P>;
    this.updatable = keys.filter((key) => options.updatable?.includes(key));
    this.defining = keys.filter((key) => !options.tags.includes(key) && !options.libraryOnly.includes(key) && !this.updatable.includes(key));
    this.decoder = struct(options.fields);
    this.removalPolicyDecoder = struct({ removalPolicy: options.fields.removalPolicy });
  }

  /** Decodes ResourceProperties (or OldResourceProperties) as CloudFormation sends them; a bad value names its property. */
  public decode(raw: unknown): P {
    const props = decodeProperties(this.decoder, raw);
    this.options.check?.(props);
    return props;
  }

  /**
   * The removal policy of a Delete, which must not fail on an unrelated
   * property: when in doubt, keep the (costly) resource.
   */
  public removalPolicyOf(raw: unknown): BedrockRemovalPolicy {
    try {
      return decodeProperties(this.removalPolicyDecoder, raw).removalPolicy;
    } catch (e) {
      log.warn(`Unreadable removalPolicy: keeping the ${this.noun}'s resources`, { error: e });
      return 'retain';
    }
  }

  /**
   * What a Delete removes: a pending id is the rollback of a create that
   * never completed, which removes what it made whatever the removal policy.
   */
  public deletePolicyOf(id: PhysicalId, raw: unknown): BedrockRemovalPolicy {
    if (!id.pending) return this.removalPolicyOf(raw);
    log.info('Rolling back a create that did not complete: removing what it made, whatever the removal policy', { arn: id.arn });
    return 'destroy';
  }

  /**
   * A digest of the defining properties: the resource of a physical id was
   * created from exactly these when the digests match, whatever
   * OldResourceProperties says (an update rollback sends the old properties
   * back to the resource they created).
   */
  public digest(props: P): string {
    return digestOf(Object.fromEntries(this.defining.map((key) => [key, props[key]])));
  }

  /** Bedrock-bound properties that differ: the defining ones (in contract order), then the updatable ones, then tags. */
  public changed(before: P, after: P): Array<keyof P> {
    return [...this.defining, ...this.updatable, ...this.options.tags].filter((key) => !isDeepStrictEqual(before[key], after[key]));
  }

  /** Updatable properties that differ: what the kind's update call must change. */
  public updated(before: P, after: P): Array<keyof P> {
    return this.updatable.filter((key) => !isDeepStrictEqual(before[key], after[key]));
  }

  /** Whether the resource of `id` was created from `props` (so an Update keeps it). */
  public matches(id: PhysicalId, props: P): boolean {
    return id.digest === this.digest(props);
  }

  /** The name the user gave the resource (its first name property), if any. */
  public givenName(props: P): string | undefined {
    const key = this.options.names[0];
    const given = key === undefined ? undefined : props[key];
    return typeof given === 'string' ? given : undefined;
  }

  /** The name `key` gives: the property, or generated. */
  public name(props: P, key: keyof P & string, source: NameSource): ResolvedName {
    const given = props[key];
    return typeof given === 'string'
      ? { name: given, generated: false }
      : { name: generatedName(source.stackId, source.logicalResourceId, source.seed), generated: true };
  }

  /**
   * CloudFormation creates the new resource before deleting the old one, so a
   * fixed name cannot be reused: fails, as CloudFormation does for its own
   * custom-named resources. `current` names the resource in the message.
   */
  public assertReplaceable(current: string, before: P, after: P, changed: ReadonlyArray<keyof P>): void {
    for (const key of this.options.names) {
      const fixed = after[key];
      if (fixed !== undefined && fixed === before[key]) {
        throw new Error(`Cannot replace ${this.noun} '${current}': changing ${changed.join(', ')} requires a new ${this.options.shortNoun}, `
          + `and ${key} is fixed to '${String(fixed)}'. Change ${key} too, or remove it to let the handler generate names.`);
      }
    }
  }
}

/** The message for a create refused because a resource of that name exists: whose name it is, and what to do. */
export function nameTakenMessage(what: string, name: ResolvedName, prop: string): string {
  // 'an imported model', 'a custom model'.
  const article = /^[aeiou]/i.test(what) ? 'An' : 'A';
  return name.generated
    ? `${article} ${what} named '${name.name}' already exists, and the handler generated that ${prop}. Deploy again to generate a new one.`
    : `${article} ${what} named '${name.name}' already exists (${prop} is set in your stack). Choose another ${prop}, or remove it to let the handler generate one.`;
}
