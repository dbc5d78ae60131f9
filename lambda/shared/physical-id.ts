/*
 * PhysicalResourceIds of the library's resources.
 *
 * A replaceable Bedrock resource (a job, an imported model):
 * `<arn>#<seed>#<digest>[#<extra>][#pending]` (PhysicalIdFormat).
 *
 * Why not the bare ARN: every Update must return the attributes (names), a
 * library-only Update must not call Bedrock to read them, and generated names
 * depend on the Create's RequestId, which later events do not carry.
 * - `seed` lets every later event recompute the generated names;
 * - `digest`, of the properties the resource was created from, tells an
 *   Update whether that resource already matches (see ResourceKind.digest);
 * - `extra` is a kind's own digest (a job: the custom model tags it was created with);
 * - `pending` marks the id that onEvent returns until the resource has
 *   completed; isComplete confirms it. CloudFormation sees a pending id only
 *   in a failed create's answer, so a Delete of a pending id is the rollback
 *   of a create that never completed: it removes what the create made,
 *   whatever the removal policy.
 *
 * A resource whose create waits in the stack's slot queue (a job Bedrock
 * refused for capacity) has no ARN yet: `queued:<name>` stands in its place,
 * for kinds that queue (its name finds it once it has started).
 *
 * A setting of which an account and region hold one (the invocation logging
 * configuration), with no ARN and no generated name: `<name>#<digest>`
 * (SettingIdFormat), the digest of what the resource last put.
 */
import { DIGEST_LENGTH } from './digest';
import { SEED_LENGTH } from './names';

export interface PhysicalId {
  readonly arn: string;
  readonly seed: string;
  readonly digest: string;
  /** A kind's own digest, when it keeps one. */
  readonly extra?: string;
  /** True until the resource has completed (see above). */
  readonly pending?: boolean;
}

const SEED = new RegExp(`^[0-9a-f]{${SEED_LENGTH}}$`);
const QUEUED_PREFIX = 'queued:';
/** What stands for the ARN of a resource that waits for a slot: its name (Bedrock names have no `#`). */
const QUEUED = /^queued:[^#\s]+$/;

/** The ARN part of a physical id of a resource queued under `name`. */
export function queuedArn(name: string): string {
  return `${QUEUED_PREFIX}${name}`;
}

/** The name of a queued resource's physical id; undefined when the id has a real ARN. */
export function queuedName(id: PhysicalId): string | undefined {
  return id.arn.startsWith(QUEUED_PREFIX) ? id.arn.slice(QUEUED_PREFIX.length) : undefined;
}

/** What a Get of the resource takes: its ARN, or a queued one's name (it may have started since; Bedrock's Gets take either). */
export function bedrockIdentifier(id: PhysicalId): string {
  return queuedName(id) ?? id.arn;
}
const DIGEST = new RegExp(`^[0-9a-f]{${DIGEST_LENGTH}}$`);
const PENDING = 'pending';

/** Formats and parses the physical ids of one kind, whose ARNs match `arnPattern`. */
export class PhysicalIdFormat {
  /** @param queues whether the kind's resources may wait for a slot (a `queued:<name>` id) */
  constructor(private readonly arnPattern: RegExp, private readonly queues = false) {}

  public format({ arn, seed, digest, extra, pending }: PhysicalId): string {
    return [arn, seed, digest, extra, pending ? PENDING : undefined].filter((part) => part !== undefined).join('#');
  }

  /** The id that isComplete reports once the resource has completed. */
  public confirmed(id: PhysicalId): string {
    return this.format({ ...id, pending: false });
  }

  /**
   * The parts of a physical id, or undefined when the id is not ours, e.g. the
   * Provider framework's placeholder after a failed Create: then nothing was created.
   */
  public parse(id: string | undefined): PhysicalId | undefined {
    const parts = id?.split('#') ?? [];
    const pending = parts.at(-1) === PENDING;
    if (pending) parts.pop();
    const [arn, seed, digest, extra, ...rest] = parts;
    const arnOk = arn !== undefined && (this.arnPattern.test(arn) || (this.queues && QUEUED.test(arn)));
    if (!arnOk || !seed || !digest || rest.length || !SEED.test(seed) || !DIGEST.test(digest)) return undefined;
    if (extra !== undefined && !DIGEST.test(extra)) return undefined;
    return { arn, seed, digest, ...(extra !== undefined ? { extra } : {}), ...(pending ? { pending } : {}) };
  }
}

/** The ids of a setting of which an account and region hold one: `<name>#<digest>`. */
export class SettingIdFormat {
  private readonly pattern: RegExp;

  constructor(private readonly name: string) {
    this.pattern = new RegExp(`^${name}#([0-9a-f]{${DIGEST_LENGTH}})$`);
  }

  public format(digest: string): string {
    return `${this.name}#${digest}`;
  }

  /** The digest, or undefined when the id is not ours (a failed Create's placeholder). */
  public parse(id: string | undefined): string | undefined {
    return this.pattern.exec(id ?? '')?.[1];
  }
}
