/*
 * The events Bedrock puts on the default EventBridge bus when a model
 * customization job changes status, in the shape of the user guide's sample
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge-how-it-works.html).
 * Delivery is best effort (https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge.html),
 * so a test can lose events on purpose.
 *
 * No event at creation: the guide publishes one "whenever there is a change
 * in the state of a job", and a job is created InProgress, which is no change;
 * the EventBridge reference lists a "Job Created" type for Data Automation
 * only (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-bedrock.html).
 * A watcher must not count on an InProgress event either way
 * (`rules.jobStatuses` sends one). Nor any event for model import jobs, which
 * that reference does not list (`rules.modelImportJobs` sends them).
 *
 * The job's ARN in the event: the guide's sample has
 * `arn:aws:bedrock:<region>:<account>:model-customization-job/<id>` in
 * `resources` and `detail.jobArn`, while the ARN of the API (CreateModelCustomizationJob,
 * GetModelCustomizationJob) is `model-customization-job/<base model>/<id>`.
 * The sample's form is the default (`arnForm = 'guide'`): a rule that matches
 * the API's ARN only then misses every event; `arnForm = 'api'` emits the
 * API's ARN.
 */
import { randomUUID } from 'crypto';
import type { GetModelCustomizationJobResponse, GetModelImportJobResponse, ModelCustomizationJobStatus } from '@aws-sdk/client-bedrock';
import { Account } from './arns';
import { JOB_STATE_CHANGE } from '../../src/contract/kinds/job';
import type { EventBridgeEvent, EventSource } from '../shared/eventbridge-event';


export { JOB_STATE_CHANGE };
export const BEDROCK_EVENT_SOURCE = 'aws.bedrock';
/** The detail-type of a model import job's end under `rules.modelImportJobs`: no page names one, this follows the documented types. */
export const MODEL_IMPORT_JOB_STATE_CHANGE = 'Model Import Job State Change';

/** Where the references leave the events open; each default is the emulator's reading (reset() makes new rules). */
export interface EventRules {
  /**
   * Ledger L-08. The job statuses whose arrival sends a Model Customization Job
   * State Change; InProgress arrives when a job is created.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge-how-it-works.html
   * sends an event "whenever there is a change in the state of a job", without
   * saying whether a creation or Stopping counts. Default: Completed, Failed,
   * Stopping and Stopped (no creation event), the reading that hurts a watcher
   * most: one that waits for an InProgress event to learn of a job never gets
   * it, and one that takes any event for the end is fooled by Stopping. The
   * other reading: `['InProgress', 'Completed', 'Failed', 'Stopped']`, an
   * event at creation and none for Stopping. For changes from then on.
   */
  jobStatuses: readonly ModelCustomizationJobStatus[];
  /**
   * Ledger L-10. Whether a model import job's end (Completed or Failed) sends
   * a MODEL_IMPORT_JOB_STATE_CHANGE event, its detail GetModelImportJob's fields.
   * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-bedrock.html
   * lists the events Bedrock sends (model customization, batch inference, Data
   * Automation); that imports send none is inferred from the list. Default
   * false (none), the reading that hurts most: a watcher that waits for an
   * import's event waits for ever. true: the other reading, for jobs that end
   * from then on. Imports by CreateCustomModel send none under either value.
   */
  modelImportJobs: boolean;
}

export function defaultEventRules(): EventRules {
  return { jobStatuses: ['Completed', 'Failed', 'Stopping', 'Stopped'], modelImportJobs: false };
}

/** How an event names its job: the user guide sample's short ARN, or the API's. */
export type JobEventArnForm = 'guide' | 'api';

/** pending until a drain reaches the event's time; then delivered, or dropped (lost on purpose). */
export type EventDelivery = 'pending' | 'delivered' | 'dropped';

export interface EmittedEvent {
  readonly event: EventBridgeEvent;
  /** When the status changed, to the millisecond (the event's `time` is to the second). */
  readonly at: Date;
  readonly delivery: EventDelivery;
}

/** Which events a drop applies to; every field that is given must match. */
export interface EventDropMatch {
  /** The job's name or ARN (the API's or the guide sample's short form). */
  readonly job?: string;
  readonly jobStatus?: ModelCustomizationJobStatus;
}

interface Emitted {
  readonly event: EventBridgeEvent;
  readonly at: Date;
  delivery: EventDelivery;
}

interface DropRule {
  readonly match: EventDropMatch;
  remaining: number;
}

export class BedrockEvents implements EventSource {
  /** While true, drain() loses every event it would return (recorded as dropped). */
  public drop = false;
  /** How events emitted from now on name their job (see above). */
  public arnForm: JobEventArnForm = 'guide';
  /** Which changes send an event, where the references leave it open (EventRules). */
  public readonly rules: EventRules = defaultEventRules();
  private readonly records: Emitted[] = [];
  private dropRules: DropRule[] = [];

  /** `settle` applies the jobs' plans up to the emulator's now, without counting polls. */
  constructor(private readonly account: Account, private readonly settle: () => void) {}

  /**
   * Loses the next `times` events drain() would return that match: `dropNext()`
   * loses the next one, `dropNext(Infinity, { job: 'tune-1' })` all of a job's.
   */
  public dropNext(times = 1, match: EventDropMatch = {}): void {
    if (!(times >= 0)) throw new Error(`Cannot drop ${times} events`);
    this.dropRules.push({ match, remaining: times });
  }

  /** Every event emitted so far (up to the emulator's now), in order of time, with its delivery. */
  public get emitted(): readonly EmittedEvent[] {
    this.settle();
    return this.records.map((r) => ({ ...r }));
  }

  /**
   * The events of changes at or before `now` not drained before, in order of
   * time, less those dropped. Changes are found up to the emulator's clock: a
   * job whose time is up changes status then, polled or not. Changes after the
   * emulator's now are not known yet (see EmulatedClock.advanceTo).
   */
  public drain(now: Date): EventBridgeEvent[] {
    this.settle();
    const delivered: EventBridgeEvent[] = [];
    for (const record of this.records) {
      if (record.delivery !== 'pending' || record.at > now) continue;
      record.delivery = this.dropped(record.event) ? 'dropped' : 'delivered';
      if (record.delivery === 'delivered') delivered.push(record.event);
    }
    return delivered;
  }

  /** A job was created or its status changed at `time` (see Jobs): an event if `rules.jobStatuses` has its status. */
  public jobStatusChanged(job: GetModelCustomizationJobResponse, time: Date): void {
    if (!this.rules.jobStatuses.includes(job.status!)) return;
    this.add(jobStateChange(this.account, job, time, this.arnForm), time);
  }

  /** A model import job ended at `time` (see ModelImportJobs): an event under `rules.modelImportJobs`. */
  public modelImportJobStatusChanged(job: GetModelImportJobResponse, time: Date): void {
    if (!this.rules.modelImportJobs) return;
    this.add(modelImportJobStateChange(this.account, job, time), time);
  }

  private add(event: EventBridgeEvent, time: Date): void {
    // Stages settled late can end earlier than changes already recorded: keep the order of time.
    const index = this.records.findIndex((r) => r.at > time);
    const record: Emitted = { event, at: time, delivery: 'pending' };
    if (index < 0) this.records.push(record);
    else this.records.splice(index, 0, record);
  }

  private dropped(event: EventBridgeEvent): boolean {
    if (this.drop) return true;
    const rule = this.dropRules.find((r) => r.remaining > 0 && matches(r.match, event));
    if (!rule) return false;
    rule.remaining -= 1;
    this.dropRules = this.dropRules.filter((r) => r.remaining > 0);
    return true;
  }
}

function matches(match: EventDropMatch, event: EventBridgeEvent): boolean {
  const { jobName, jobArn, jobStatus } = event.detail;
  // An ARN matches in either form, whichever form the event names the job by.
  return (match.job === undefined || match.job === jobName || (typeof jobArn === 'string' && shortJobArn(match.job) === shortJobArn(jobArn)))
    && (match.jobStatus === undefined || match.jobStatus === jobStatus);
}

/** The sample's envelope and detail; the detail's fields are GetModelCustomizationJob's, as the guide says. */
export function jobStateChange(account: Account, job: GetModelCustomizationJobResponse, time: Date, arnForm: JobEventArnForm = 'guide'): EventBridgeEvent {
  const jobArn = arnForm === 'guide' ? shortJobArn(job.jobArn!) : job.jobArn!;
  const detail = {
    ...jobDetail(job, jobArn),
    outputModelName: job.outputModelName,
    outputModelArn: job.outputModelArn,
    baseModelArn: job.baseModelArn,
    hyperParameters: job.hyperParameters,
    trainingDataConfig: job.trainingDataConfig,
    validationDataConfig: job.validationDataConfig,
    outputDataConfig: job.outputDataConfig,
  };
  return envelope(account, JOB_STATE_CHANGE, time, jobArn, detail);
}

/** The customization sample's envelope, with GetModelImportJob's fields as the detail. */
function modelImportJobStateChange(account: Account, job: GetModelImportJobResponse, time: Date): EventBridgeEvent {
  const detail = {
    ...jobDetail(job, job.jobArn!),
    importedModelName: job.importedModelName,
    importedModelArn: job.importedModelArn,
    modelDataSource: job.modelDataSource,
  };
  return envelope(account, MODEL_IMPORT_JOB_STATE_CHANGE, time, job.jobArn!, detail);
}

/** What the detail of every job's event holds, from its Get*Job answer. */
function jobDetail(job: GetModelCustomizationJobResponse | GetModelImportJobResponse, jobArn: string): Record<string, unknown> {
  return {
    version: '0.0',
    jobName: job.jobName,
    jobArn,
    roleArn: job.roleArn,
    jobStatus: job.status,
    failureMessage: job.failureMessage,
    creationTime: isoSeconds(job.creationTime),
    lastModifiedTime: isoSeconds(job.lastModifiedTime),
    endTime: isoSeconds(job.endTime),
  };
}

/** An event of the account's Bedrock about `resource`, at `time`. */
function envelope(account: Account, detailType: string, time: Date, resource: string, detail: object): EventBridgeEvent {
  return {
    'version': '0',
    'id': randomUUID(),
    'detail-type': detailType,
    'source': BEDROCK_EVENT_SOURCE,
    'account': account.accountId,
    'time': isoSeconds(time)!,
    'region': account.region,
    'resources': [resource],
    // Absent fields are left out, as in JSON.
    'detail': JSON.parse(JSON.stringify(detail)),
  };
}

/** ISO 8601 to the second, as the sample's times ("2023-08-11T12:34:56Z"). */
function isoSeconds(time: Date | undefined): string | undefined {
  return time && time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `model-customization-job/<base model>/<id>` → `model-customization-job/<id>`, as the guide's sample names the job. */
export function shortJobArn(jobArn: string): string {
  return jobArn.replace(/(:model-customization-job\/)[^/]+\/([^/]+)$/, '$1$2');
}
