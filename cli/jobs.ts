/*
 * `jobs`: the model customization jobs of the account and region, newest
 * first, with the stack and construct that started each (from its tags).
 * ListModelCustomizationJobs cannot filter by tag, so --stack reads every
 * listed job's tags; --status and --name are the API's own filters.
 */
import {
  JobStatusDetails,
  ModelCustomizationJobStatus,
  ModelCustomizationJobSummary,
  StatusDetails,
  paginateListModelCustomizationJobs,
} from '@aws-sdk/client-bedrock';
import type { Clients } from './context';
import { awsCall } from './errors';
import { duration, table, time } from './format';
import { Provenance, ProvenanceTags, inStack } from './provenance';
import { shape } from '../src/contract/constraints';

export interface JobFilter {
  readonly stack?: string;
  readonly status?: ModelCustomizationJobStatus;
  readonly nameContains?: string;
}

/** The statuses a job ends in. */
export const TERMINAL_STATUSES: readonly string[] = ['Completed', 'Failed', 'Stopped'];

/** The sub-tasks of a job, in the order they run (statusDetails). */
export const STAGES = [
  { key: 'validationDetails', label: 'validation' },
  { key: 'dataProcessingDetails', label: 'data processing' },
  { key: 'trainingDetails', label: 'training' },
] as const;

export interface JobRow {
  readonly name: string;
  readonly arn: string;
  readonly stack?: string;
  readonly constructPath?: string;
  readonly status: string;
  /** The sub-task now running, or the one that stopped the job. */
  readonly stage?: string;
  readonly stages: { readonly [label: string]: string | undefined };
  readonly customizationType?: string;
  readonly baseModelArn?: string;
  readonly createdAt: Date;
  readonly endedAt?: Date;
  /** Until the end, or until now for a job still running. */
  readonly durationMs: number;
  readonly outputModelName?: string;
  readonly outputModelArn?: string;
}

/** Page size of a listing: 100 keeps each answer small. */
export const PAGE_SIZE = 100;

/** The largest page the API gives (MaxResults is 1 to 1000): one call per refresh of a watch, up to 1000 jobs. */
export const MAX_PAGE_SIZE = shape('MaxResults').range!.max!;

export interface ListOptions {
  /** Tags already read, shared across listings (a watch). */
  readonly tags?: ProvenanceTags;
  /** Default PAGE_SIZE. */
  readonly pageSize?: number;
}

/** The jobs that pass the filter, newest first. */
export async function listJobs(clients: Clients, filter: JobFilter, now: Date, options: ListOptions = {}): Promise<JobRow[]> {
  const { tags = new ProvenanceTags(clients), pageSize = PAGE_SIZE } = options;
  const summaries: ModelCustomizationJobSummary[] = [];
  await awsCall({ operation: 'ListModelCustomizationJobs', action: 'bedrock:ListModelCustomizationJobs' }, async () => {
    const pages = paginateListModelCustomizationJobs({ client: clients.bedrock, pageSize }, {
      sortBy: 'CreationTime',
      sortOrder: 'Descending',
      statusEquals: filter.status,
      nameContains: filter.nameContains,
    });
    for await (const page of pages) summaries.push(...(page.modelCustomizationJobSummaries ?? []));
  });
  const provenance = await tags.of(summaries.map((s) => s.jobArn!));
  return summaries
    .map((s, i) => jobRow(s, provenance[i], now))
    .filter((_, i) => inStack(provenance[i], filter.stack));
}

export function jobRow(s: ModelCustomizationJobSummary, p: Provenance, now: Date): JobRow {
  const created = s.creationTime ?? now;
  return {
    name: s.jobName!,
    arn: s.jobArn!,
    stack: p.stack,
    constructPath: p.constructPath,
    status: s.status ?? 'Unknown',
    stage: currentStage(s.statusDetails),
    stages: stageStatuses(s.statusDetails),
    customizationType: s.customizationType,
    baseModelArn: s.baseModelArn,
    createdAt: created,
    endedAt: s.endTime,
    durationMs: (s.endTime ?? now).getTime() - created.getTime(),
    outputModelName: s.customModelName,
    outputModelArn: s.customModelArn,
  };
}

export function stageStatuses(details: StatusDetails | undefined): { [label: string]: JobStatusDetails | undefined } {
  return Object.fromEntries(STAGES.map(({ key, label }) => [label, details?.[key]?.status]));
}

/** The stage in progress, else the one that failed or stopped; none before the first and after the last. */
export function currentStage(details: StatusDetails | undefined): string | undefined {
  const statuses = stageStatuses(details);
  const labels = STAGES.map((s) => s.label);
  return labels.find((l) => statuses[l] === 'InProgress' || statuses[l] === 'Stopping')
    ?? labels.find((l) => statuses[l] === 'Failed' || statuses[l] === 'Stopped');
}

/** The construct's path without its stack, which has a column of its own. */
export function constructLabel(row: { readonly stack?: string; readonly constructPath?: string }): string | undefined {
  const path = row.constructPath;
  if (path && row.stack && path.startsWith(`${row.stack}/`)) return path.slice(row.stack.length + 1);
  return path;
}

/** InProgress (training), Failed (in validation), Completed. */
export function statusLabel(row: { readonly status: string; readonly stage?: string }): string {
  if (!row.stage) return row.status;
  return TERMINAL_STATUSES.includes(row.status) ? `${row.status} (in ${row.stage})` : `${row.status} (${row.stage})`;
}

export function jobsTable(rows: readonly JobRow[]): string {
  if (rows.length === 0) return 'No jobs.\n';
  return table(['NAME', 'STACK', 'CONSTRUCT', 'STATUS', 'CREATED', 'DURATION', 'OUTPUT MODEL'], rows.map((r) => [
    // The summary names the model from the start; it exists once the job has completed.
    r.name, r.stack, constructLabel(r), statusLabel(r), time(r.createdAt), duration(r.durationMs), r.outputModelArn ? r.outputModelName : undefined,
  ]));
}
