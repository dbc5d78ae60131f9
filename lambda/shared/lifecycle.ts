/*
 * The request lifecycle that the handlers of every replaceable resource kind
 * share, over the aws-cdk-lib Provider framework: onEvent starts work and
 * returns at once; isComplete is polled (every 30 seconds) until it says
 * the work is done, throws, or the deadline that onEvent set has passed.
 *
 * - The deadline counts from the start of the request, before any Bedrock
 *   call or IAM-propagation retry, so that it always falls before the
 *   Provider's and CloudFormation's own one-hour timeouts.
 * - onEvent returns a pending physical id (see physical-id.ts) for what a
 *   Create or a replacing Update made; isComplete confirms it on success.
 */
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { boundedFailure } from './bounded-failure';
import { log } from './log';
import type { RequestIdentity } from './names';
import type { PhysicalId } from './physical-id';
import type { RemovableProperties, ResourceKind } from './resource-kind';

/** What onEvent returns to the Provider framework, which passes it on to isComplete. */
export interface EventResult<A> {
  readonly PhysicalResourceId: string;
  /** The resource's attributes (read with Fn::GetAtt). */
  readonly Data?: A;
  /** When waiting: the time (ISO 8601) after which isComplete fails the resource. */
  readonly Deadline?: string;
  /** Set when an Update made a new resource: should waiting fail, no Delete comes for it. */
  readonly Replacement?: boolean;
}

/** The event isComplete gets: the request, merged with what onEvent returned. */
export type WaitEvent<A> = CloudFormationCustomResourceEvent & EventResult<A>;

/** What isComplete returns. Data is merged over onEvent's. */
export interface CompleteResult<A> {
  readonly IsComplete: boolean;
  readonly PhysicalResourceId?: string;
  readonly Data?: Partial<A>;
}

/** One request as the handlers see it. */
export interface RequestContext {
  /** When onEvent started (ms since the epoch): deadlines count from here. */
  readonly startedAt: number;
  /** What tokens, seeds and generated names derive from. */
  readonly identity: RequestIdentity;
}

export interface EventHandlers<R> {
  create(event: CloudFormationCustomResourceCreateEvent, request: RequestContext): Promise<R>;
  update(event: CloudFormationCustomResourceUpdateEvent, request: RequestContext): Promise<R>;
  delete(event: CloudFormationCustomResourceDeleteEvent, request: RequestContext): Promise<R>;
}

/**
 * The onEvent handler of a kind: logs the request, notes its start, and
 * dispatches it; its failure reason is bounded (see bounded-failure.ts).
 */
export function onEventHandler<R>(handlers: EventHandlers<R>): (event: CloudFormationCustomResourceEvent) => Promise<R> {
  return boundedFailure(async (event: CloudFormationCustomResourceEvent) => {
    const request: RequestContext = {
      startedAt: Date.now(),
      identity: { stackId: event.StackId, logicalResourceId: event.LogicalResourceId, requestId: event.RequestId },
    };
    logRequest(event);
    switch (event.RequestType) {
      case 'Create': return handlers.create(event, request);
      case 'Update': return handlers.update(event, request);
      case 'Delete': return handlers.delete(event, request);
    }
  });
}

/**
 * How long a Delete waits for its resource to be gone (or to leave a state it
 * cannot be deleted in): within the hour a custom resource gets, like the
 * longest polled completion timeout.
 */
export const DELETE_WAIT_SECONDS = 55 * 60;

/** The deadline of a request that waits at most `seconds`. */
export function deadlineOf(request: RequestContext, seconds: number): string {
  return new Date(request.startedAt + seconds * 1000).toISOString();
}

/** Whether the deadline onEvent set has passed. */
export function deadlinePassed(event: EventResult<unknown>): boolean {
  return event.Deadline !== undefined && Date.now() >= Date.parse(event.Deadline);
}

/** Where a waited-for resource stands: done (with the attributes it adds), or not yet. */
export interface Progress<A> {
  readonly done: boolean;
  readonly data?: Partial<A>;
  /** The resource's ARN, when it became known while waiting (a create that waited for a slot): the confirmed id carries it. */
  readonly arn?: string;
}

export const NOT_YET: Progress<never> = { done: false };

export interface WaitHandlers<A> {
  /**
   * A Create or Update that waits (onEvent set a Deadline): whether the
   * resource of `id` is ready. Throws to fail the resource.
   */
  untilReady(event: WaitEvent<A>, id: PhysicalId): Promise<Progress<A>>;
  /** A Delete that waits (onEvent set a Deadline): whether it is done. */
  untilDeleted?(event: WaitEvent<A>, id: PhysicalId): Promise<boolean>;
}

/**
 * The isComplete handler of a kind. A request without a Deadline is complete
 * at once; a completed Create or Update reports its confirmed physical id.
 * Its failure reason is bounded, as onEvent's.
 */
export function isCompleteHandler<P extends RemovableProperties, A>(
  kind: ResourceKind<P>, handlers: WaitHandlers<A>,
): (event: WaitEvent<A>) => Promise<CompleteResult<A>> {
  return boundedFailure(async (event: WaitEvent<A>) => {
    const id = kind.physicalId.parse(event.PhysicalResourceId);
    if (event.RequestType === 'Delete') {
      if (event.Deadline === undefined || !id || !handlers.untilDeleted) return { IsComplete: true };
      return { IsComplete: await handlers.untilDeleted(event, id) };
    }
    if (!id) throw new Error(`The physical id '${event.PhysicalResourceId}' names no ${kind.noun}`);
    if (event.Deadline === undefined) return { IsComplete: true, PhysicalResourceId: kind.physicalId.confirmed(id) };
    const progress = await handlers.untilReady(event, id);
    if (!progress.done) return { IsComplete: false };
    const confirmed = kind.physicalId.confirmed(progress.arn ? { ...id, arn: progress.arn } : id);
    return { IsComplete: true, PhysicalResourceId: confirmed, ...(progress.data ? { Data: progress.data } : {}) };
  });
}

/** The first log line of every onEvent: which request, for which resource. */
function logRequest(event: CloudFormationCustomResourceEvent): void {
  log.info('Request', {
    requestType: event.RequestType,
    resourceType: event.ResourceType,
    logicalResourceId: event.LogicalResourceId,
    requestId: event.RequestId,
    physicalResourceId: event.RequestType === 'Create' ? undefined : event.PhysicalResourceId,
  });
}
