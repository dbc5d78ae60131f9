/**
 * The loss chart as a standalone SVG image (`job --svg FILE`).
 *
 * Written by hand rather than with vega, the library evaluated for it: vega 6 (current) is ESM-only and its
 * vega-canvas loads the optional `canvas` package with a top-level await, which esbuild cannot bundle to CJS
 * ("Top-level await is currently not supported with the cjs output format") and jest cannot require; vega 5 bundles
 * (940 KB minified, +~200 ms to load the CLI) but is the superseded major, pulls node-fetch in and renders
 * asynchronously. Two lines, ticks and a legend are ~150 lines here, synchronous and byte-for-byte deterministic.
 */
import { alignLoss, bucketMeans, valueRange } from './chart';
import { LossPoint, LossSeries } from './metrics';

export interface SvgChartOptions {
  /** Image width in px (default 720). */
  readonly width?: number;
  /** Image height in px (default 360). */
  readonly height?: number;
  /** Title shown above the chart and as the image's <title> (default "Loss"). */
  readonly title?: string;
}

const TRAINING_COLOR = '#1f77b4';
const VALIDATION_COLOR = '#d62728';
const MARGIN = { top: 52, right: 24, bottom: 48, left: 64 };

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate with at most one decimal, the same on every platform. */
function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/** Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi], about `count` of them, and their decimals. */
export function niceTicks(lo: number, hi: number, count: number, minStep = 0): { ticks: number[]; step: number; decimals: number } {
  const raw = Math.max((hi - lo) / Math.max(1, count), minStep, Number.MIN_VALUE);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const error = raw / power;
  const step = Math.max(minStep, power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: number[] = [];
  // Multiples of the step, rounded to its decimals so no floating-point noise reaches the labels.
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return { ticks, step, decimals };
}

/**
 * The training loss against the step and the validation loss, drawn like the terminal chart (held over the steps it
 * summarizes, dashed) with a marker where each validation was measured. Same input, same bytes.
 */
export function svgChart(series: LossSeries, options: SvgChartOptions = {}): string {
  const width = Math.max(240, Math.round(options.width ?? 720));
  const height = Math.max(160, Math.round(options.height ?? 360));
  const title = options.title ?? 'Loss';
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const aligned = alignLoss(series);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="title">`,
    `<title id="title">${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    '<g font-family="sans-serif" font-size="12" fill="#333333">',
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  if (aligned.steps.length === 0) {
    out.push(`<text x="${num(width / 2)}" y="${num(height / 2)}" text-anchor="middle">No loss metrics yet.</text>`, '</g>', '</svg>');
    return out.join('\n') + '\n';
  }

  // Domains: the steps as they are (a single step gets a unit band), the losses widened to round ticks.
  const first = aligned.steps[0];
  const allSteps = [first, aligned.steps[aligned.steps.length - 1], ...series.validation.map((p) => p.step)];
  const [lo, hi] = [Math.min(...allSteps), Math.max(...allSteps)];
  const [xLo, xHi] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  const [minLoss, maxLoss] = valueRange([...aligned.training, ...series.validation.map((p) => p.loss)]);
  const yTicks = niceTicks(minLoss, maxLoss, 5);
  const yLo = Math.min(minLoss, Math.floor(minLoss / yTicks.step + 1e-9) * yTicks.step);
  const yHi = Math.max(maxLoss, Math.ceil(maxLoss / yTicks.step - 1e-9) * yTicks.step);
  const yAxis = niceTicks(yLo, yHi, 5);
  const x = (step: number) => MARGIN.left + (step - xLo) / (xHi - xLo) * plotW;
  const y = (loss: number) => MARGIN.top + (yHi - loss) / (yHi - yLo) * plotH;
  const bottom = MARGIN.top + plotH;

  // Grid and y ticks.
  out.push('<g id="y-axis" text-anchor="end">');
  for (const t of yAxis.ticks) {
    const ty = num(y(t));
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${ty}" y2="${ty}" stroke="#e5e5e5"/>`);
    out.push(`<line x1="${MARGIN.left - 5}" x2="${MARGIN.left}" y1="${ty}" y2="${ty}" stroke="#333333"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${ty}" dy="0.32em">${t.toFixed(yAxis.decimals)}</text>`);
  }
  out.push(`<text transform="translate(16 ${num(MARGIN.top + plotH / 2)}) rotate(-90)" text-anchor="middle">loss</text>`, '</g>');

  // x ticks: whole steps only.
  out.push('<g id="x-axis" text-anchor="middle">');
  const xTicks = niceTicks(xLo, xHi, Math.max(2, Math.floor(plotW / 80)), 1);
  for (const t of xTicks.ticks) {
    const tx = num(x(t));
    out.push(`<line x1="${tx}" x2="${tx}" y1="${bottom}" y2="${bottom + 5}" stroke="#333333"/>`);
    out.push(`<text x="${tx}" y="${bottom + 18}">${t.toFixed(0)}</text>`);
  }
  out.push(`<text x="${num(MARGIN.left + plotW / 2)}" y="${height - 8}">step</text>`, '</g>');
  out.push(`<path d="M${MARGIN.left},${MARGIN.top}V${bottom}H${MARGIN.left + plotW}" fill="none" stroke="#333333"/>`);

  // Series: training as one line (averaged per pixel column when there are more steps than pixels).
  const legend: { name: string; color: string; dashed: boolean }[] = [];
  if (aligned.training.length > 0) {
    const columns = Math.max(1, Math.floor(plotW));
    const steps = bucketMeans(aligned.steps, columns);
    const losses = bucketMeans(aligned.training, columns);
    if (steps.length === 1) {
      out.push(`<circle id="training-loss" cx="${num(x(steps[0]))}" cy="${num(y(losses[0]))}" r="3" fill="${TRAINING_COLOR}"/>`);
    } else {
      const d = steps.map((s, i) => `${i === 0 ? 'M' : 'L'}${num(x(s))},${num(y(losses[i]))}`).join('');
      out.push(`<path id="training-loss" d="${d}" fill="none" stroke="${TRAINING_COLOR}" stroke-width="1.5" stroke-linejoin="round"/>`);
    }
    legend.push({ name: 'training loss', color: TRAINING_COLOR, dashed: false });
  }
  if (series.validation.length > 0) {
    out.push(`<g id="validation-loss" fill="${VALIDATION_COLOR}" stroke="${VALIDATION_COLOR}">`);
    // Without training steps to hold it over, validation is a plain line through its points.
    const d = aligned.training.length > 0
      ? validationSteps(series.validation, first, x, y)
      : series.validation.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(x(p.step))},${num(y(p.loss))}`).join('');
    out.push(`<path d="${d}" fill="none" stroke-width="1.5" stroke-dasharray="5 3"/>`);
    for (const p of series.validation) out.push(`<circle cx="${num(x(p.step))}" cy="${num(y(p.loss))}" r="3"/>`);
    out.push('</g>');
    legend.push({ name: 'validation loss', color: VALIDATION_COLOR, dashed: true });
  }

  // Legend under the title; text widths estimated (7 px a character at 12 px) since there is no font to measure.
  out.push('<g id="legend">');
  let lx = MARGIN.left;
  for (const item of legend) {
    const dash = item.dashed ? ' stroke-dasharray="5 3"' : '';
    out.push(`<line x1="${lx}" x2="${lx + 24}" y1="36" y2="36" stroke="${item.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx + 30}" y="36" dy="0.32em">${escapeXml(item.name)}</text>`);
    lx += 30 + item.name.length * 7 + 20;
  }
  out.push('</g>', '</g>', '</svg>');
  return out.join('\n') + '\n';
}

/** The held validation line: each value from the step after the previous validation (or the first step) to its own step. */
function validationSteps(points: readonly LossPoint[], start: number, x: (s: number) => number, y: (l: number) => number): string {
  let from = Math.min(start, points[0].step);
  let d = '';
  points.forEach((p, i) => {
    const py = num(y(p.loss));
    d += i === 0 ? `M${num(x(from))},${py}` : `V${py}`;
    d += `H${num(x(p.step))}`;
    from = p.step;
  });
  return d;
}
