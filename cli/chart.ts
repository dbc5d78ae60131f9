/**
 * The loss of a customization job as a line chart in the terminal (asciichart), and the alignment of the
 * training and validation series on one step axis that the SVG chart (svg-chart.ts) shares.
 */
import * as asciichart from 'asciichart';
import { LossSeries } from './metrics';

/** Both series on one x axis: position i is training step steps[i]. */
export interface AlignedLoss {
  /** The step of each x position: the training steps, or the validation steps when there is no training row. */
  readonly steps: number[];
  /** Training loss at each position; empty when there is no training row. */
  readonly training: number[];
  /** Validation loss held over the steps it summarizes; covers a prefix of the positions (maybe none). */
  readonly validation: number[];
}

/**
 * Places validation on the training steps. Bedrock validates at the end of an epoch (or every N steps), so each
 * validation value is drawn across the steps it summarizes: from the step after the previous validation up to its
 * own step. Holding it forward instead would leave the first epoch blank and show the last value on one step only;
 * and asciichart cannot draw gaps, so a held series that starts at the first step is also the one it can draw.
 * Steps after the last validation have no validation value.
 */
export function alignLoss(series: LossSeries): AlignedLoss {
  if (series.training.length === 0) {
    return { steps: series.validation.map((p) => p.step), training: [], validation: series.validation.map((p) => p.loss) };
  }
  const steps = series.training.map((p) => p.step);
  const validation: number[] = [];
  let v = 0;
  for (const step of steps) {
    while (v < series.validation.length && series.validation[v].step < step) v++;
    if (v === series.validation.length) break;
    validation.push(series.validation[v].loss);
  }
  return { steps, training: series.training.map((p) => p.loss), validation };
}

/** Mean of each of `buckets` contiguous, near-equal slices of values (deterministic; values when they already fit). */
export function bucketMeans(values: readonly number[], buckets: number): number[] {
  if (values.length <= buckets) return [...values];
  const means: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor(b * values.length / buckets);
    const hi = Math.floor((b + 1) * values.length / buckets);
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += values[i];
    means.push(sum / (hi - lo));
  }
  return means;
}

/** Whether to color output on a stream: a TTY, and NO_COLOR (https://no-color.org) unset or empty. */
export function colorEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '';
}

export interface TerminalChartOptions {
  /** Columns available, axis labels included (default 80). */
  readonly width?: number;
  /** Rows of the plot itself, without legend and x axis (default 12, at least 2). */
  readonly height?: number;
  /** ANSI colors for the series and legend (default false; see colorEnabled). */
  readonly color?: boolean;
}

/** asciichart's symbols with dotted lines (its order: axis, axis, ends, horizontal, corners, vertical). */
const DOTTED: [string, string, string, string, string, string, string, string, string, string] = ['┼', '┤', '╶', '╴', '┄', '╰', '╭', '╮', '╯', '┆'];

/** `top` where it has a mark, else `bottom`: two plots of the same grid as one. */
function overlay(top: string, bottom: string): string {
  const under = bottom.split('\n');
  return top.split('\n').map((line, i) => {
    const other = [...(under[i] ?? '')];
    const chars = [...line];
    return Array.from({ length: Math.max(chars.length, other.length) }, (_, j) => (chars[j] ?? ' ') !== ' ' ? chars[j] : (other[j] ?? ' ')).join('');
  }).join('\n');
}

const TRAINING_COLOR = asciichart.cyan;
const VALIDATION_COLOR = asciichart.magenta;

/** Fixed decimals fine enough to tell one row from the next. */
function labelDecimals(rowStep: number): number {
  if (!(rowStep > 0)) return 2;
  return Math.min(8, Math.max(0, Math.ceil(-Math.log10(rowStep)) + 1));
}

/** A non-empty range: a constant series gets a band around its value so it draws as a line mid-chart. */
export function valueRange(values: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (max - min > 1e-12 * Math.max(1, Math.abs(max))) return [min, max];
  const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
  // A loss of 0 or more keeps a non-negative axis.
  return [min >= 0 ? Math.max(0, min - pad) : min - pad, max + pad];
}

/**
 * The training loss (and the validation loss, held over the steps it summarizes; see alignLoss) against the step,
 * with a legend, the loss on the y axis and the step range under the x axis. When there are more steps than columns,
 * each column shows the mean of a contiguous run of steps. Lines end without trailing blanks and fit in `width`.
 */
export function terminalChart(series: LossSeries, options: TerminalChartOptions = {}): string {
  const width = Math.max(20, Math.floor(options.width ?? 80));
  const height = Math.max(2, Math.floor(options.height ?? 12));
  const paint = (text: string, code: string) => options.color ? asciichart.colored(text, code) : text;
  const aligned = alignLoss(series);
  if (aligned.steps.length === 0) return 'No loss metrics yet.';

  const plotted: { name: string; values: number[]; color: string }[] = [];
  if (aligned.training.length > 0) plotted.push({ name: 'training loss', values: aligned.training, color: TRAINING_COLOR });
  if (aligned.validation.length > 0) plotted.push({ name: 'validation loss', values: aligned.validation, color: VALIDATION_COLOR });

  const [min, max] = valueRange(plotted.flatMap((s) => s.values));
  const rows = height - 1;
  const decimals = labelDecimals((max - min) / rows);
  const labelWidth = Math.max(...[min, max].map((v) => v.toFixed(decimals).length), 'loss'.length) + 1;
  // The first point sits on the y axis, so the plot takes labelWidth + columns.
  const columns = Math.max(2, width - labelWidth);

  // Normalized to 1..rows+1 so asciichart uses exactly `height` lines (and marks no row as zero); labels map back to losses.
  const scale = (v: number) => 1 + (v - min) / (max - min) * rows;
  // Training is drawn last, over the flat validation line, so its detail stays visible where they meet.
  const drawn = [...plotted].reverse();
  const data = drawn.map((s) => bucketMeans(s.values, columns).map(scale));
  const config = {
    min: 1,
    max: rows + 1,
    height: rows,
    offset: 2,
    format: (y: number) => (min + (y - 1) / rows * (max - min)).toFixed(decimals).padStart(labelWidth - 1) + ' ',
  };
  // Without colour, the validation line is dotted: each series is plotted alone on the same grid, training over validation.
  const plot = options.color || data.length === 1
    ? asciichart.plot(data, { ...config, colors: options.color ? drawn.map((s) => s.color) : undefined })
    : overlay(asciichart.plot([data[1]], config), asciichart.plot([data[0]], { ...config, symbols: DOTTED }));

  const n = Math.min(aligned.steps.length, columns);
  const indent = ' '.repeat(labelWidth);
  const first = String(aligned.steps[0]);
  const last = String(aligned.steps[aligned.steps.length - 1]);
  let xLabels: string;
  if (n === 1 || first === last) {
    xLabels = `${indent}step ${first}`;
  } else {
    const gap = n - first.length - last.length;
    const middle = gap >= 'step'.length + 2
      ? ' '.repeat(Math.floor((gap - 4) / 2)) + 'step' + ' '.repeat(Math.ceil((gap - 4) / 2))
      : ' '.repeat(Math.max(1, gap));
    xLabels = gap >= 'step'.length + 2 ? `${indent}${first}${middle}${last}` : `${indent}step ${first}–${last}`;
  }

  const legendItems = plotted.map((s) => {
    const line = s.name === 'validation loss' && !options.color && plotted.length === 2 ? '┄┄' : '──';
    return { text: `${line} ${s.name}`, painted: `${paint(line, s.color)} ${s.name}` };
  });
  if (aligned.training.length > 0 && aligned.validation.length === 0) legendItems.push({ text: '(no validation loss)', painted: '(no validation loss)' });
  if (aligned.steps.length > columns) {
    const lo = Math.floor(aligned.steps.length / columns);
    const hi = Math.ceil(aligned.steps.length / columns);
    const each = `mean of ${lo === hi ? lo : `${lo}-${hi}`} steps per column`;
    legendItems.push({ text: `(${each})`, painted: `(${each})` });
  }
  // As many legend items as fit on one line, in order of importance.
  let legendText = '';
  let legend = '';
  for (const item of legendItems) {
    const sep = legendText === '' ? '' : '   ';
    if ((legendText + sep + item.text).length > width) break;
    legendText += sep + item.text;
    legend += sep + item.painted;
  }

  const lines = [
    legend,
    `${'loss'.padStart(labelWidth - 1)}`,
    ...plot.split('\n').map((line) => line.trimEnd()),
    `${indent}└${'─'.repeat(n - 1)}`,
    xLabels.length > width ? xLabels.slice(0, width) : xLabels,
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}
