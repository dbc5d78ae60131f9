/*
 * The reasons a waited-for Bedrock resource fails with: gone, ended in a
 * terminal status, or late. Every kind's isComplete, the job result and the
 * slot watcher word them here, so that one resource reads the same wherever
 * it fails.
 *
 * A resource is named by its ARN, as Bedrock reports it, or by its name
 * (quoted) while it has no ARN (a job that waited for a slot).
 */
import { boundedMessage } from './bounded-failure';
import { bedrockFailure, MAX_QUOTED_FAILURE_BYTES } from './errors';
import { DELETE_WAIT_SECONDS } from './lifecycle';

/** `Model customization job arn:...`, `Model customization job 'my-job'`: a resource in messages. */
export function named(noun: string, id: string): string {
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${id.startsWith('arn:') ? id : `'${id}'`}`;
}

/** `Custom model arn:... no longer exists`: what was created is gone (deleted outside the stack). */
export function goneReason(noun: string, id: string): string {
  return `${named(noun, id)} no longer exists`;
}

/** The resource as read, or, when the read found none, a failure saying it no longer exists. */
export function present<T>(resource: T | undefined, noun: string, id: string): T {
  if (resource === undefined) throw new Error(goneReason(noun, id));
  return resource;
}

/** How a failed resource is reported: Bedrock's words when it gave none, and what the handler adds after them. */
export interface FailedOptions {
  /** Bedrock's failureMessage. */
  readonly failureMessage?: string;
  /** What stands in for an empty failureMessage: `The job failed.`. */
  readonly fallback: string;
  /** Said after the status, e.g. what became of the new resource of a replacement. */
  readonly note?: string;
}

/**
 * `<Bedrock's failureMessage> (custom model arn:... Failed)`. Bedrock's
 * message comes first, unaltered but bounded (the tighter for the note,
 * which says what to do), so that the status reason shows it whole.
 */
export function failedReason(noun: string, arn: string, status: string, options: FailedOptions): string {
  const note = options.note ?? '';
  const quoted = boundedMessage(bedrockFailure(options.failureMessage, options.fallback), MAX_QUOTED_FAILURE_BYTES - Buffer.byteLength(note));
  return `${quoted} (${noun} ${arn} ${status})${note}`;
}

/** `Model customization job arn:... was stopped before it completed[: <Bedrock's failureMessage>]`. */
export function stoppedReason(noun: string, arn: string, failureMessage?: string): string {
  return `${named(noun, arn)} was stopped before it completed${failureMessage ? `: ${bedrockFailure(failureMessage)}` : ''}`;
}

/**
 * `Custom model arn:... did not become Active within the completion timeout (<deadline>); it is Creating.`
 * `waitsFor` is what the resource did not do; `status` where it stands.
 */
export function deadlineReason(noun: string, arn: string, waitsFor: string, deadline: string | undefined, status: string): string {
  return `${named(noun, arn)} did not ${waitsFor} within the completion timeout (${deadline}); it is ${status}.`;
}

/** Why a resource a Delete waited for is not deleted, and how to delete it by hand. */
export interface NotDeletedOptions {
  /** Where it stands: `is not deleted`, `is still Creating`. */
  readonly state: string;
  /** Said after the wait: `; it is Deleting`. */
  readonly why?: string;
  /** When it can be deleted by hand: `once it is Active or Failed`. */
  readonly when?: string;
  /** The AWS CLI command that deletes it. */
  readonly command: string;
}

/** A Delete that waited DELETE_WAIT_SECONDS in vain: the stack's deletion fails, saying how to finish it. */
export function notDeletedReason(noun: string, arn: string, options: NotDeletedOptions): string {
  return `${named(noun, arn)} ${options.state} after ${DELETE_WAIT_SECONDS / 60} minutes${options.why ?? ''}. `
    + `Delete it ${options.when ? `${options.when} ` : ''}(${options.command}), then delete the stack again.`;
}
