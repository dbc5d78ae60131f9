import * as fs from 'fs';
import * as path from 'path';
import { DOMParser, Element, onWarningStopParsing } from '@xmldom/xmldom';
import { alignLoss, bucketMeans, colorEnabled, terminalChart } from '../../cli/chart';
import { LossPoint, LossSeries, parseLossSeries } from '../../cli/metrics';
import { escapeXml, niceTicks, svgChart } from '../../cli/svg-chart';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const jobSeries = (): LossSeries => parseLossSeries({
  training: fixture('step_wise_training_metrics.csv'),
  validation: fixture('validation_metrics.csv'),
});
const points = (losses: number[], firstStep = 0): LossPoint[] => losses.map((loss, i) => ({ step: firstStep + i, epoch: 0, loss }));

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (text: string) => text.replace(ANSI, '');
const widest = (text: string) => Math.max(...visible(text).split('\n').map((line) => line.length));
/** The y-axis rows of a terminal chart: label, axis and plot. */
const plotRows = (chart: string) => visible(chart).split('\n').filter((line) => /^\s*-?\d+(\.\d+)?\s[┤┼]/.test(line));

describe('alignLoss', () => {
  test('holds each validation value over the steps it summarizes, from the previous validation', () => {
    const aligned = alignLoss(jobSeries());
    expect(aligned.steps).toEqual([...Array(100).keys()]);
    expect(aligned.training).toHaveLength(100);
    expect(aligned.validation).toEqual([...Array(50).fill(0.742118), ...Array(50).fill(0.655931)]);
  });

  test('steps after the last validation have none; without training, the validation steps are the axis', () => {
    const validation = [{ step: 1, epoch: 0, loss: 5 }];
    expect(alignLoss({ training: points([1, 2, 3, 4]), validation }).validation).toEqual([5, 5]);
    expect(alignLoss({ training: [], validation: points([3, 2], 10) })).toEqual({ steps: [10, 11], training: [], validation: [3, 2] });
  });
});

describe('bucketMeans', () => {
  test('means of contiguous, near-equal buckets; values that fit are kept', () => {
    expect(bucketMeans([1, 2, 3, 4, 5, 6], 3)).toEqual([1.5, 3.5, 5.5]);
    expect(bucketMeans([1, 2, 3, 4, 5, 6], 4)).toEqual([1, 2.5, 4, 5.5]);
    expect(bucketMeans([1, 2], 5)).toEqual([1, 2]);
  });
});

describe('colorEnabled', () => {
  test('only on a TTY, and not when NO_COLOR is set to something', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });
});

describe('terminalChart', () => {
  test('the job fixture at 80 columns', () => {
    const chart = terminalChart(jobSeries(), { width: 80, height: 12 });
    expect(chart).toMatchSnapshot();
    const lines = chart.split('\n');
    // Without colour, the validation line is dotted.
    expect(lines[0]).toBe('── training loss   ┄┄ validation loss   (mean of 1-2 steps per column)');
    expect(lines[1].trim()).toBe('loss');
    // The y labels run from the highest loss down to the lowest.
    const rows = plotRows(chart);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatch(/^2\.64 /);
    expect(rows[11]).toMatch(/^0\.47 /);
    // The x axis spans the step range.
    expect(lines[lines.length - 1]).toMatch(/^\s+0\s+step\s+99$/);
    expect(widest(chart)).toBe(80);
  });

  test.each([30, 40, 60, 80, 132])('fits in %i columns, resampling the steps', (width) => {
    const chart = terminalChart(jobSeries(), { width, height: 8 });
    expect(widest(chart)).toBeLessThanOrEqual(width);
    expect(plotRows(chart)).toHaveLength(8);
    const axis = visible(chart).split('\n').find((line) => line.includes('└'))!;
    expect(axis.trim().length).toBe(Math.min(100, width - axis.indexOf('└')));
    expect(chart).toContain('training loss');
  });

  test('fewer steps than columns: one column a step, no resampling note', () => {
    const chart = terminalChart({ training: points([3, 2, 1.5, 1.2, 1]), validation: [] }, { width: 80, height: 5 });
    expect(chart).toContain('(no validation loss)');
    expect(chart).not.toContain('mean of');
    expect(chart).toContain('└────\n');
    expect(chart.split('\n').pop()!.trim()).toBe('step 0–4');
  });

  test('one point draws a single mark and names its step', () => {
    const chart = terminalChart({ training: points([2.5], 7), validation: [] }, { width: 40, height: 5 });
    expect(plotRows(chart)).toHaveLength(5);
    expect(plotRows(chart).filter((row) => row.includes('┼'))).toEqual([expect.stringMatching(/^2\.50 ┼$/)]);
    expect(chart.split('\n').pop()!.trim()).toBe('step 7');
  });

  test('a constant series is a flat line mid-chart, labelled around its value', () => {
    const rows = plotRows(terminalChart({ training: points([1.5, 1.5, 1.5, 1.5]), validation: [] }, { width: 40, height: 5 }));
    expect(rows.map((row) => row.slice(0, 5))).toEqual(['1.650', '1.575', '1.500', '1.425', '1.350']);
    expect(rows[2]).toBe('1.500 ┼───');
  });

  test('a constant zero loss keeps the axis at 0 and up', () => {
    const rows = plotRows(terminalChart({ training: points([0, 0, 0]), validation: [] }, { width: 40, height: 3 }));
    expect(rows).toEqual(['1.00 ┤', '0.50 ┤', '0.00 ┼──']);
  });

  test('validation alone is charted over its own steps', () => {
    const chart = terminalChart({ training: [], validation: points([0.9, 0.7, 0.6], 49) }, { width: 40, height: 5 });
    expect(chart.split('\n')[0]).toBe('── validation loss');
    expect(chart.split('\n').pop()!.trim()).toBe('step 49–51');
  });

  test('nothing to chart says so', () => {
    expect(terminalChart({ training: [], validation: [] })).toBe('No loss metrics yet.');
  });

  test('color only when asked: the series and the legend keys', () => {
    const plain = terminalChart(jobSeries(), { width: 80 });
    const colored = terminalChart(jobSeries(), { width: 80, color: true });
    expect(plain).not.toMatch(ANSI);
    expect(colored).toContain('\x1b[36m──\x1b[0m training loss');
    expect(colored).toContain('\x1b[35m──\x1b[0m validation loss');
    // The same chart, but for the dotted validation line that stands in for colour.
    const solid = (chart: string) => chart.replace(/┄/g, '─').replace(/┆/g, '│').replace(/┼/g, '┤');
    expect(plain).toMatch(/┄/);
    expect(solid(visible(colored))).toBe(solid(plain));
  });
});

/** Parses an SVG document strictly (any warning fails), and returns its root. */
function parseSvg(svg: string): Element {
  const doc = new DOMParser({ onError: onWarningStopParsing }).parseFromString(svg, 'text/xml');
  return doc.documentElement!;
}
const byId = (root: Element, id: string) => root.ownerDocument!.getElementById(id);
const texts = (root: Element) => Array.from(root.getElementsByTagName('text')).map((t) => t.textContent);
/** Every number in a path's data or a shape's coordinates. */
const coordinates = (root: Element) => Array.from(root.getElementsByTagName('*')).flatMap((el) => [
  ...(el.getAttribute('d') ?? '').split(/[MLHV,]/).filter((s) => s !== ''),
  ...['cx', 'cy'].map((name) => el.getAttribute(name)).filter((v): v is string => v !== null),
].map(Number));

describe('svgChart', () => {
  test('a standalone SVG with title, axes, both series and a legend', () => {
    const root = parseSvg(svgChart(jobSeries(), { title: 'my-job' }));
    expect(root.tagName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox')).toBe('0 0 720 360');
    expect(root.getElementsByTagName('title')[0].textContent).toBe('my-job');
    expect(byId(root, 'training-loss')!.getAttribute('d')!.match(/[ML]/g)).toHaveLength(100);
    const validation = byId(root, 'validation-loss')!;
    expect(validation.getElementsByTagName('circle')).toHaveLength(2);
    expect(validation.getElementsByTagName('path')[0].getAttribute('d')).toMatch(/^M64,[\d.]+H[\d.]+,?V[\d.]+H696$/);
    expect(texts(byId(root, 'y-axis')!)).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0', '2.5', '3.0', 'loss']);
    expect(texts(byId(root, 'x-axis')!)).toEqual(['0', '20', '40', '60', '80', 'step']);
    expect(texts(byId(root, 'legend')!)).toEqual(['training loss', 'validation loss']);
    for (const c of coordinates(root)) expect(c).toBeGreaterThanOrEqual(0);
    expect(Math.max(...coordinates(root))).toBeLessThanOrEqual(720);
  });

  test('deterministic: the same series renders to the same bytes', () => {
    const first = svgChart(jobSeries(), { width: 640, height: 320 });
    expect(svgChart(jobSeries(), { width: 640, height: 320 })).toBe(first);
    expect(parseSvg(first).getAttribute('viewBox')).toBe('0 0 640 320');
    // Coordinates are rounded to a tenth, so no platform's float formatting shows.
    expect(first.replace(/dy="0\.32em"/g, '')).not.toMatch(/\d\.\d{2,}/);
  });

  test('text is escaped', () => {
    const title = 'job <"a"> & \'b\'';
    const svg = svgChart(jobSeries(), { title });
    expect(svg).toContain('<title id="title">job &lt;&quot;a&quot;&gt; &amp; &apos;b&apos;</title>');
    expect(parseSvg(svg).getElementsByTagName('title')[0].textContent).toBe(title);
    expect(escapeXml('<&>')).toBe('&lt;&amp;&gt;');
  });

  test('more steps than pixels are averaged per pixel column', () => {
    const training = points(Array.from({ length: 5000 }, (_, i) => 2 - i / 5000));
    const d = byId(parseSvg(svgChart({ training, validation: [] })), 'training-loss')!.getAttribute('d')!;
    expect(d.match(/[ML]/g)).toHaveLength(720 - 64 - 24);
  });

  test.each<[string, LossSeries]>([
    ['one point', { training: points([2.5]), validation: [] }],
    ['a constant series', { training: points([1, 1, 1]), validation: [] }],
    ['no validation', { training: points([3, 2, 1]), validation: [] }],
    ['validation alone', { training: [], validation: points([0.9, 0.7], 49) }],
    ['nothing', { training: [], validation: [] }],
  ])('%s still makes a well-formed chart', (_name, series) => {
    const root = parseSvg(svgChart(series));
    expect(root.getElementsByTagName('title')[0].textContent).toBe('Loss');
    expect(byId(root, 'training-loss') !== null).toBe(series.training.length > 0);
    expect(byId(root, 'validation-loss') !== null).toBe(series.validation.length > 0);
    for (const c of coordinates(root)) expect(Number.isFinite(c)).toBe(true);
  });
});

describe('niceTicks', () => {
  test('round steps of 1, 2 or 5 times a power of ten, without float noise', () => {
    expect(niceTicks(0, 2.64, 5)).toEqual({ ticks: [0, 0.5, 1, 1.5, 2, 2.5], step: 0.5, decimals: 1 });
    expect(niceTicks(0.64, 0.76, 5).ticks).toEqual([0.64, 0.66, 0.68, 0.7, 0.72, 0.74, 0.76]);
    expect(niceTicks(0, 99, 8, 1).ticks).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(niceTicks(-0.5, 0.5, 8, 1).ticks).toEqual([0]);
  });
});
