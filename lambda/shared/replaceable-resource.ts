/*
 * onEvent of a replaceable Bedrock resource (a job, an imported model, a
 * deployment, a throughput), written once for every kind; each kind gives
 * what is its own (ReplaceableParts).
 *
 * - Update decodes the new and the old properties and the physical id. A
 *   resource created from the same defining properties (also when an update
 *   rollback sends them back to it) is kept: its tags change in place, then
 *   the kind changes its updatable properties; library-only settings need no
 *   Bedrock call. Otherwise a new resource replaces it (CloudFormation then
 *   deletes the old one), unless a fixed name or the kind's guard forbids
 *   it: both fail before anything is created.
 * - Delete: an id that names nothing has nothing to delete; a create still
 *   queued is taken out of the queue, so that it never starts; the removal
 *   policy retain keeps the resource; else the kind deletes it, and the
 *   Delete may wait (bounded) until it is gone, in isComplete.
 */
import type { CloudFormationCustomResourceDeleteEvent, CloudFormationCustomResourceEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import { DELETE_WAIT_SECONDS, deadlineOf, EventResult, onEventHandler, RequestContext } from './lifecycle';
import { log } from './log';
import { bedrockIdentifier, PhysicalId } from './physical-id';
import { cancelQueued, forgetQueued } from './queued-create';
import type { NameSource, RemovableProperties, ResourceKind } from './resource-kind';
import { changeTags } from './tags';
import type { BedrockRemovalPolicy, ResourceTag } from '../../src/contract/common';

/** An Update, decoded once. `current` is undefined when the physical id names nothing (a failed Create's placeholder). */
export interface Update<P, Id extends PhysicalId | undefined = PhysicalId | undefined> {
  readonly event: CloudFormationCustomResourceUpdateEvent;
  readonly request: RequestContext;
  /** ResourceProperties. */
  readonly props: P;
  /** OldResourceProperties. */
  readonly before: P;
  readonly current: Id;
}

/** An Update that keeps the current resource. */
export interface InPlaceUpdate<P> extends Update<P, PhysicalId> {
  /** The resource's ARN: the id's, or, for a create that waited for a slot, found once by its name. */
  arn(): Promise<string>;
}

/** Why an Update needs a new resource. */
export interface Replacement<P, F = never> {
  /** The defining properties that changed (or that Bedrock cannot change in place), in contract order. */
  readonly changed: ReadonlyArray<keyof P>;
  /** What needs the new resource, worded for a refusal: `changing modelUnits requires a new throughput`. */
  readonly why: string;
  /** What the kind read about the current resource deciding it, handed on to its guard (not read twice). */
  readonly found?: F;
}

/** An Update about to replace the resource: why, and the current resource's name. */
export interface Replacing<P, F = never> extends Update<P> {
  readonly replacement: Replacement<P, F>;
  /** The current resource's name (generated or given), for messages. */
  readonly currentName: string;
}

/** A Delete of a resource the physical id names, and what its removal policy says. */
export interface Deletion {
  readonly event: CloudFormationCustomResourceDeleteEvent;
  readonly current: PhysicalId;
  readonly removalPolicy: BedrockRemovalPolicy;
}

/**
 * What the kind's delete came to: `done` (deleted, or what the removal policy
 * leaves), `gone` (it no longer existed), `kept` (the removal policy keeps
 * it), `waiting` (its deletion goes on: the Delete waits, in isComplete).
 */
export type DeleteOutcome = 'done' | 'gone' | 'kept' | 'waiting';

/** The properties of P that are tag lists. */
export type TagProperty<P> = { [K in keyof P]-?: P[K] extends readonly ResourceTag[] | undefined ? K : never }[keyof P];

/** What a kind adds to the lifecycle: its own Create, in-place Update, guards and Delete. */
export interface ReplaceableParts<P extends RemovableProperties, A, F = never> {
  /** The tag property of the resource itself: it changes in place (TagResource, UntagResource). */
  readonly tags: TagProperty<P>;
  /**
   * Whether the kind's delete acts under the removal policy retain too (a
   * running job is stopped, a model that Failed is deleted): it then says
   * `kept` itself. Otherwise retain keeps the resource untouched.
   */
  readonly deletesUnderRetain?: boolean;
  /** Makes a resource for `props`: the Create, and the replacement of an Update. Once it exists, it must not throw. */
  create(request: RequestContext, props: P): Promise<EventResult<A>>;
  /** The name of the resource `props` made, with the seed of `source`: a generated name is recomputed. */
  name(props: P, source: NameSource): string;
  /** The resource's ARN when the id may have none yet (a create that waited for a slot): found by its name. */
  arnOf?(current: PhysicalId): Promise<string>;
  /** Whether Bedrock-bound changes of an earlier Update are pending (a job's custom model tags): this Update is then not library-only. */
  pending?(update: InPlaceUpdate<P>): boolean;
  /** Whether a resource the defining properties would keep still needs replacing (a model Bedrock cannot swap in place). */
  replaceInstead?(update: InPlaceUpdate<P>): Promise<Replacement<P, F> | undefined>;
  /** The rest of an Update that keeps the resource, once its tags are changed: its updatable properties and the kind's own settings. */
  updateInPlace(update: InPlaceUpdate<P>): Promise<EventResult<A>>;
  /** What else forbids a replacement (it throws), checked before anything is created. */
  guardReplacement?(replacing: Replacing<P, F>): void | Promise<void>;
  /** Deletes the resource, per the removal policy. */
  delete(deletion: Deletion): Promise<DeleteOutcome>;
}

/** The onEvent handler of `kind`: Create, Update and Delete, with `parts` for what is the kind's own. */
export function replaceableOnEvent<P extends RemovableProperties, A, F = never>(
  kind: ResourceKind<P>, parts: ReplaceableParts<P, A, F>,
): (event: CloudFormationCustomResourceEvent) => Promise<EventResult<A>> {
  return onEventHandler<EventResult<A>>({
    create: (event, request) => parts.create(request, kind.decode(event.ResourceProperties)),
    update: (event, request) => updateResource(kind, parts, event, request),
    delete: (event, request) => deleteResource(kind, parts, event, request),
  });
}

async function updateResource<P extends RemovableProperties, A, F>(
  kind: ResourceKind<P>, parts: ReplaceableParts<P, A, F>, event: CloudFormationCustomResourceUpdateEvent, request: RequestContext,
): Promise<EventResult<A>> {
  const props = kind.decode(event.ResourceProperties);
  // Strict on purpose: guessing "changed" from unreadable old properties would create a costly new resource.
  const before = kind.decode(event.OldResourceProperties);
  const current = kind.physicalId.parse(event.PhysicalResourceId);
  const decoded: Update<P> = { event, request, props, before, current };

  if (current && kind.matches(current, props)) {
    const kept: InPlaceUpdate<P> = { ...decoded, current, arn: once(() => parts.arnOf?.(current) ?? Promise.resolve(current.arn)) };
    const replacement = await parts.replaceInstead?.(kept);
    if (replacement) return replace(kind, parts, decoded, replacement);
    await updateTags(kind, parts.tags, kept);
    if (kind.changed(before, props).length === 0 && !parts.pending?.(kept)) {
      log.info('Library-only update: no change in Bedrock', { arn: current.arn });
    }
    return parts.updateInPlace(kept);
  }
  if (!current) log.warn(`The physical id names no ${kind.shortNoun}: creating one`, { physicalResourceId: event.PhysicalResourceId });
  const changed = kind.changed(before, props).filter((key) => kind.defining.includes(key));
  return replace(kind, parts, decoded, { changed, why: `changing ${changed.join(', ')} requires a new ${kind.shortNoun}` });
}

/** Tags change in place, on the resource itself. */
async function updateTags<P extends RemovableProperties>(kind: ResourceKind<P>, property: TagProperty<P>, update: InPlaceUpdate<P>): Promise<void> {
  const tagsOf = (props: P) => props[property] as readonly ResourceTag[] | undefined;
  await changeTags(update.arn, tagsOf(update.before), tagsOf(update.props), kind.noun);
}

/**
 * A new resource for this Update, unless a fixed name or the kind's guard
 * forbids it: both fail before anything is created.
 */
async function replace<P extends RemovableProperties, A, F>(
  kind: ResourceKind<P>, parts: ReplaceableParts<P, A, F>, update: Update<P>, replacement: Replacement<P, F>,
): Promise<EventResult<A>> {
  const { request, props, before, current } = update;
  // The current resource's name, for the messages: its seed recomputes a generated one.
  const currentName = current
    ? parts.name(before, { ...request.identity, seed: current.seed })
    : kind.givenName(before) ?? request.identity.logicalResourceId;
  kind.assertReplaceable(currentName, before, props, replacement.changed);
  await parts.guardReplacement?.({ ...update, replacement, currentName });
  log.info(`Replacing the ${kind.shortNoun}`, { changed: replacement.changed });
  return { ...(await parts.create(request, props)), Replacement: true };
}

async function deleteResource<P extends RemovableProperties, A, F>(
  kind: ResourceKind<P>, parts: ReplaceableParts<P, A, F>, event: CloudFormationCustomResourceDeleteEvent, request: RequestContext,
): Promise<EventResult<A>> {
  const done = { PhysicalResourceId: event.PhysicalResourceId };
  const current = kind.physicalId.parse(event.PhysicalResourceId);
  if (!current) {
    log.info(`The physical id names no ${kind.shortNoun}: nothing to delete`);
    return done;
  }
  if (kind.queues && await cancelQueued(event.LogicalResourceId, current)) return done;
  const removalPolicy = kind.deletePolicyOf(current, event.ResourceProperties);
  const outcome = removalPolicy === 'retain' && !parts.deletesUnderRetain ? 'kept' : await parts.delete({ event, current, removalPolicy });
  // Its item, if any: the resource's wait, or the record of its start.
  if (kind.queues) await forgetQueued(event.LogicalResourceId, current);
  switch (outcome) {
    case 'gone':
      log.info(`The ${kind.noun} no longer exists: nothing to delete`, { id: bedrockIdentifier(current) });
      return done;
    case 'kept':
      log.info(`Keeping the ${kind.noun} (removal policy retain)`, { id: bedrockIdentifier(current) });
      return done;
    case 'waiting':
      return { ...done, Deadline: deadlineOf(request, DELETE_WAIT_SECONDS) };
    case 'done':
      return done;
  }
}

/** `read`, called at most once. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
}
