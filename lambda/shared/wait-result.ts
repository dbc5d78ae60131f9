/*
 * onEvent of a result kind: the resource after a job's wait condition
 * (condition-wait.ts), for every kind a wait condition may wait for.
 *
 * Create and Update read the job, which the condition says has completed,
 * by its name (a job that waited for a slot had no ARN when its resource
 * completed), and report its ARN and what the kind reads of it. Delete has
 * nothing to do: the job's own resource deletes what the job made, per its
 * removal policy.
 */
import type { CloudFormationCustomResourceCreateEvent, CloudFormationCustomResourceUpdateEvent } from 'aws-lambda';
import type { WaitedJob, WaitedJobReader } from './condition-wait';
import { EventResult, onEventHandler } from './lifecycle';
import { log } from './log';
import { decodeProperties, Fields, string, struct } from './properties';
import { goneReason, named } from './status-reasons';
import type { WaitResultProperties } from '../../src/contract/common';

/** The decoders of the properties every result has, for a kind's fields. */
export const waitResultFields: Fields<WaitResultProperties> = { jobName: string, jobPhysicalId: string };

export interface WaitResultParts<P extends WaitResultProperties, D, A> {
  readonly fields: Fields<P>;
  /** The kind's attributes of its completed job (and what else a completed job's result does, which must not fail it). */
  report(props: P, job: WaitedJob<D>): Promise<A>;
}

/** The onEvent handler of the result of `jobs`' kind. */
export function waitResultOnEvent<P extends WaitResultProperties, D, A>(
  jobs: WaitedJobReader<D>, parts: WaitResultParts<P, D, A>,
): ReturnType<typeof onEventHandler<EventResult<A & { JobArn: string }>>> {
  const readResult = async (event: CloudFormationCustomResourceCreateEvent | CloudFormationCustomResourceUpdateEvent) => {
    const props = decodeProperties(struct(parts.fields), event.ResourceProperties);
    const job = await jobs.read(props.jobName);
    if (!job) throw new Error(goneReason(jobs.noun, props.jobName));
    if (!job.completed) throw new Error(job.failure ?? notCompleted(jobs.noun, job));
    const data = await parts.report(props, job);
    log.info('Job result', { jobArn: job.arn, ...data });
    // The job ARN: a new job is a new result, and the old one's Delete is a no-op.
    return { PhysicalResourceId: job.arn, Data: { JobArn: job.arn, ...data } };
  };
  return onEventHandler<EventResult<A & { JobArn: string }>>({
    create: readResult,
    update: readResult,
    delete: async (event) => ({ PhysicalResourceId: event.PhysicalResourceId }),
  });
}

/**
 * A job still running after its condition has a condition that waited for
 * an earlier job (a deployment of an older version of the library, or a
 * value the template does not show): a new condition waits for it.
 */
function notCompleted(noun: string, job: WaitedJob): string {
  return `${named(noun, job.arn)} is ${job.status}, not Completed, after its wait condition, which waited for an earlier job. `
    + 'Deploy again with another completionTimeout for the job: any other value gives it a new wait condition, which waits for this job.';
}
