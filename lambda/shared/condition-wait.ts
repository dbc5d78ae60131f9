/*
 * The handlers' side of a job that a wait condition waits for, up to 12
 * hours (src/private/condition-wait.ts): the job's resource completes once
 * the job is started or queued, and registers the condition's handle in the
 * stack's slot queue, where the kind's watcher (slot-watcher/) finds it and
 * signals it when the job ends; a result resource after the condition reads
 * the job (wait-result.ts). For every kind whose descriptor names a result.
 */
import type { RequestContext } from './lifecycle';
import { queuedName } from './physical-id';
import { integer, optional, string } from './properties';
import type { Fields } from './properties';
import type { InPlaceUpdate, Replacing } from './replaceable-resource';
import type { RemovableProperties, ResourceKind } from './resource-kind';
import { QueuedKind, QueuedWait, queueKey, registerWait } from './slot-queue';
import type { ConditionWaitProperties } from '../../src/contract/common';

/** The decoders of the wait's properties, for a kind's fields. */
export const conditionWaitFields: Fields<ConditionWaitProperties> = {
  waitGeneration: optional(string),
  waitHandleUrl: optional(string),
  waitSeconds: optional(integer),
};

/** The wait a job's create registers: the condition's handle, and when the job must have ended, queueing included. */
export function waitOf(request: RequestContext, props: ConditionWaitProperties): QueuedWait | undefined {
  if (props.waitHandleUrl === undefined) return undefined;
  return { handleUrl: props.waitHandleUrl, deadline: request.startedAt + (props.waitSeconds ?? 0) * 1000 };
}

/**
 * An update that keeps the job and brings a new condition (another timeout,
 * or waiting where it did not): the condition is registered, and the
 * watcher signals it when the job ends, or at once if it has.
 */
export async function registerNewWait<P extends RemovableProperties & ConditionWaitProperties>(
  update: InPlaceUpdate<P>, kind: QueuedKind, jobName: string,
): Promise<void> {
  const { event, request, props, before, current } = update;
  const wait = waitOf(request, props);
  if (!wait || props.waitHandleUrl === before.waitHandleUrl) return;
  const key = queueKey(event.LogicalResourceId, current.seed);
  await registerWait({ key, kind, name: jobName, ...(queuedName(current) === undefined ? { arn: current.arn } : {}) }, wait);
}

/**
 * A replacement's guard: a wait condition waits once. When the template
 * shows what replaces the job, the job has a new wait generation, and with
 * it a new condition (src/private/wait-generation.ts). A replacement that
 * keeps the generation comes from a value the template cannot show (a
 * parameter's, an import's): its condition has waited already and would not
 * wait for the new job, so the update is refused before any new job starts,
 * with the step that works.
 */
export function refuseUnwaitableReplacement<P extends RemovableProperties & ConditionWaitProperties>(
  kind: ResourceKind<P>,
): (replacing: Replacing<P>) => void {
  return ({ props: after, before, currentName }) => {
    // Tags count too: with no job to keep (an id that names none), a tag change alone makes a new job.
    const changed = kind.changed(before, after);
    if (changed.length === 0 || after.waitGeneration === undefined || after.waitGeneration !== before.waitGeneration) return;
    throw new Error(`Cannot replace ${kind.noun} '${currentName}': ${changed.map(String).join(', ')} changed at deployment, from a value `
      + 'the template does not show (a parameter, an import from another stack), so the job\'s wait condition, which has waited for this '
      + 'job, cannot wait for a new one. Deploy this change with another completionTimeout for the job: any other value gives it a new '
      + 'wait condition, which waits for the new job.');
  };
}

/** A job a wait condition waits for, as its kind reads it for the watcher and the result (with Bedrock's description of it). */
export interface WaitedJob<D = unknown> {
  readonly arn: string;
  /** Bedrock's status, described (`InProgress`, `Stopped (by a user)`). */
  readonly status: string;
  readonly completed: boolean;
  /** Why the job failed (Bedrock's message first, bounded); undefined while it runs or once it completed. */
  readonly failure?: string;
  readonly details: D;
}

/** How the watcher and the result of a kind read its jobs. */
export interface WaitedJobReader<D = unknown> {
  /** `model customization job`. */
  readonly noun: string;
  /** The job by ARN or name, or undefined when it does not exist. */
  read(identifier: string): Promise<WaitedJob<D> | undefined>;
}
