/*
 * `jobs --watch`: the jobs table and a progress line per running job,
 * refreshed until every listed job has ended. One ListModelCustomizationJobs
 * call per interval (never less than 30 seconds apart; pages of 1000 jobs),
 * and tags only for jobs not seen before.
 */
import type { CliContext, Clients } from './context';
import { duration, json, time } from './format';
import { JobFilter, JobRow, MAX_PAGE_SIZE, STAGES, TERMINAL_STATUSES, jobsTable, listJobs } from './jobs';
import { ProvenanceTags } from './provenance';
import { Screen } from './screen';

/** The shortest interval between two listings. */
export const MIN_INTERVAL_SECONDS = 30;

export interface WatchOptions {
  readonly intervalSeconds: number;
  readonly json: boolean;
}

/** Watches until no listed job is running; returns the last listing. */
export async function watchJobs(context: CliContext, clients: Clients, filter: JobFilter, options: WatchOptions): Promise<JobRow[]> {
  const tags = new ProvenanceTags(clients);
  const screen = new Screen(context.stdout);
  const intervalMs = Math.max(MIN_INTERVAL_SECONDS, options.intervalSeconds) * 1000;
  for (;;) {
    const listedAt = context.now();
    const rows = await listJobs(clients, filter, listedAt, { tags, pageSize: MAX_PAGE_SIZE });
    const running = rows.filter((r) => !TERMINAL_STATUSES.includes(r.status));
    if (options.json) {
      // One document per refresh (NDJSON): a script reads them line by line.
      context.stdout.write(json({ at: listedAt, running: running.length, jobs: rows }, { oneLine: true }));
    } else {
      screen.draw(frame(rows, running, listedAt, intervalMs));
    }
    if (running.length === 0) return rows;
    // The next listing an interval after this one started, however long this one took.
    await context.sleep(Math.max(0, listedAt.getTime() + intervalMs - context.now().getTime()));
  }
}

function frame(rows: readonly JobRow[], running: readonly JobRow[], at: Date, intervalMs: number): string {
  const head = running.length > 0
    ? `${time(at)}: ${running.length} of ${rows.length} job${rows.length === 1 ? '' : 's'} running; next refresh in ${duration(intervalMs)}`
    : `${time(at)}: all ${rows.length} job${rows.length === 1 ? ' has' : 's have'} ended`;
  return [head, '', jobsTable(rows).trimEnd(), ...(running.length ? ['', ...running.map(progressLine)] : [])].join('\n') + '\n';
}

const MARKS: { readonly [status: string]: string } = {
  Completed: 'done', InProgress: 'running', NotStarted: 'waiting', Stopping: 'stopping', Stopped: 'stopped', Failed: 'failed',
};

/** my-job  validation done · data processing done · training running  (42m 10s) */
export function progressLine(row: JobRow): string {
  // Jobs whose API answer has no sub-tasks show their status alone.
  if (STAGES.every(({ label }) => row.stages[label] === undefined)) return `${row.name}  ${row.status}  (${duration(row.durationMs)})`;
  const stages = STAGES.map(({ label }) => `${label} ${MARKS[row.stages[label] ?? 'NotStarted'] ?? row.stages[label]}`).join(' · ');
  return `${row.name}  ${stages}  (${duration(row.durationMs)})`;
}
