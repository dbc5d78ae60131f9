/*
 * How the commands print: tables (cli-table3 lays out the columns, including
 * wide characters), times in UTC, durations, and JSON for scripts.
 */
import Table from 'cli-table3';

/** Columns separated by two spaces, no borders, no colours: easy to read, to grep and to compare. */
const PLAIN: Table.TableConstructorOptions = {
  chars: {
    'top': '',
    'top-mid': '',
    'top-left': '',
    'top-right': '',
    'bottom': '',
    'bottom-mid': '',
    'bottom-left': '',
    'bottom-right': '',
    'left': '',
    'left-mid': '',
    'mid': '',
    'mid-mid': '',
    'right': '',
    'right-mid': '',
    'middle': '  ',
  },
  style: { 'head': [], 'border': [], 'padding-left': 0, 'padding-right': 0 },
};

/** A table with a header row; cells that are undefined print as "-". */
export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | undefined>>): string {
  const t = new Table({ ...PLAIN, head: [...head] });
  rows.forEach((row) => t.push(row.map((cell) => cell ?? '-')));
  return trimLines(t.toString()) + '\n';
}

/** Label and value pairs, one per line, labels aligned; pairs without a value are left out. */
export function fields(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  const t = new Table(PLAIN);
  pairs.filter(([, value]) => value !== undefined && value !== '').forEach(([label, value]) => t.push([`${label}:`, value!]));
  return trimLines(t.toString()) + '\n';
}

function trimLines(text: string): string {
  return text.split('\n').map((line) => line.trimEnd()).join('\n');
}

/** 2026-12-02 16:05 UTC: the same for every reader of a shared log. */
export function time(date: Date | undefined): string | undefined {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : undefined;
}

/** 3h 05m, 12m 30s, 45s. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/**
 * JSON for scripts: dates as ISO strings, the SDK's response metadata left
 * out; indented, or on one line (one document per line, as a watch prints them).
 */
export function json(value: unknown, options: { readonly oneLine?: boolean } = {}): string {
  return JSON.stringify(value, (key, v) => (key === '$metadata' ? undefined : v), options.oneLine ? undefined : 2) + '\n';
}
