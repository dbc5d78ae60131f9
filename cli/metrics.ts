/**
 * The metrics files Bedrock writes under a customization job's output prefix, parsed into loss series.
 * Pure functions over the files' text: reading them from S3 is the caller's business.
 * See https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-analyze.html
 */

/** Where Bedrock writes the training metrics, relative to the job's output prefix. */
export const TRAINING_METRICS_KEY = 'training_artifacts/step_wise_training_metrics.csv';
/** Where the user guide says Bedrock writes the validation metrics, relative to the job's folder. */
export const VALIDATION_METRICS_KEY = 'validation_artifacts/post_fine_tuning_validation/validation_metrics.csv';

/**
 * Every key where the validation metrics may be, in the order they are tried:
 * the guide's, then one folder deeper, where AWS's sample code reads them.
 */
export const VALIDATION_METRICS_KEYS: readonly string[] = [
  VALIDATION_METRICS_KEY,
  'validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv',
];

/** One row of either metrics file. */
export interface LossPoint {
  /** step_number, from 0. */
  readonly step: number;
  /** epoch_number. */
  readonly epoch: number;
  /** training_loss or validation_loss. */
  readonly loss: number;
  /** perplexity, when the file has the column and the row a value (may be Infinity: exp overflows). */
  readonly perplexity?: number;
}

/** The loss of one job, each series in step order. */
export interface LossSeries {
  readonly training: LossPoint[];
  readonly validation: LossPoint[];
}

/** A metrics file that cannot be read, with the file and the 1-based line at fault. */
export class MetricsParseError extends Error {
  constructor(readonly file: string, readonly line: number, readonly detail: string) {
    super(`${file}, line ${line}: ${detail}`);
    this.name = 'MetricsParseError';
  }
}

/** A CSV record and the line it starts on, so errors can point at it. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, separators and line breaks inside quotes).
 * Tolerates a BOM, \r\n or \r line ends, blank lines and a missing or extra final newline.
 * Unquoted fields are trimmed, since hand-edited or generated files sometimes pad them.
 */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the current field was quoted, so it is kept as is
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && !quoted && field.trim() === '';
    endField();
    // A blank line is one empty unquoted field: skip it rather than read it as a row of missing values.
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field.trim() === '' && !quoted) {
      // Opening quote: read to the closing one.
      const start = line;
      field = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new MetricsParseError(file, start, 'unterminated quoted field');
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && src[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      quoted = true;
      // Only blanks may sit between the closing quote and the separator.
      while (src[i] === ' ' || src[i] === '\t') i++;
      if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
        throw new MetricsParseError(file, line, 'unexpected text after a quoted field');
      }
      continue;
    }
    if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
    i++;
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return records;
}

/** The columns of one metrics file. */
interface Columns {
  readonly loss: string;
  readonly perplexity: string;
}

const TRAINING_COLUMNS: Columns = { loss: 'training_loss', perplexity: 'perplexity' };
// The training file's columns with validation_loss in place of training_loss (the user guide, above).
const VALIDATION_COLUMNS: Columns = { loss: 'validation_loss', perplexity: 'perplexity' };

// Decimal or scientific notation, and the non-finite values Python writes (perplexity is exp(loss), which can overflow).
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NON_FINITE = /^([+-]?)(inf|infinity|nan)$/i;

function toNumber(text: string): number | undefined {
  if (NUMBER.test(text)) return Number(text);
  const m = NON_FINITE.exec(text);
  if (!m) return undefined;
  if (m[2].toLowerCase() === 'nan') return NaN;
  return m[1] === '-' ? -Infinity : Infinity;
}

function parseLossFile(csv: string, file: string, columns: Columns): LossPoint[] {
  const records = parseCsv(csv, file);
  if (records.length === 0) return [];
  const [header, ...rows] = records;
  // Header names are matched case-insensitively, in any order; extra columns are ignored.
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index = (name: string, required: boolean): number => {
    const at = names.indexOf(name);
    if (at < 0 && required) {
      throw new MetricsParseError(file, header.line, `missing column ${name} (header: ${header.fields.join(',')})`);
    }
    return at;
  };
  const stepAt = index('step_number', true);
  const epochAt = index('epoch_number', true);
  const lossAt = index(columns.loss, true);
  const perplexityAt = index(columns.perplexity, false);

  const points = rows.map((row): LossPoint => {
    const value = (at: number, name: string): number => {
      const text = row.fields[at];
      if (text === undefined || text === '') throw new MetricsParseError(file, row.line, `no value for ${name}`);
      const n = toNumber(text);
      if (n === undefined) throw new MetricsParseError(file, row.line, `${name} is not a number: ${JSON.stringify(text)}`);
      return n;
    };
    // A chart needs finite steps and losses; a diverged job's NaN loss is reported rather than drawn.
    const finite = (at: number, name: string, integer: boolean): number => {
      const n = value(at, name);
      if (!Number.isFinite(n) || (n < 0 && name !== columns.loss) || (integer && !Number.isInteger(n))) {
        const expected = name === columns.loss ? 'a finite number' : integer ? 'a whole number from 0' : 'a number from 0';
        throw new MetricsParseError(file, row.line, `${name} must be ${expected}: ${JSON.stringify(row.fields[at])}`);
      }
      return n;
    };
    const step = finite(stepAt, 'step_number', true);
    const epoch = finite(epochAt, 'epoch_number', false);
    const loss = finite(lossAt, columns.loss, false);
    const hasPerplexity = perplexityAt >= 0 && (row.fields[perplexityAt] ?? '') !== '';
    return hasPerplexity ? { step, epoch, loss, perplexity: value(perplexityAt, columns.perplexity) } : { step, epoch, loss };
  });
  // Bedrock writes rows in step order; sorting (stably) keeps the charts right if a file was concatenated out of order.
  return points.map((p, i) => ({ p, i })).sort((a, b) => a.p.step - b.p.step || a.i - b.i).map(({ p }) => p);
}

/** Parses step_wise_training_metrics.csv (step_number, epoch_number, training_loss[, perplexity]). */
export function parseTrainingMetrics(csv: string, file: string = TRAINING_METRICS_KEY): LossPoint[] {
  return parseLossFile(csv, file, TRAINING_COLUMNS);
}

/** Parses validation_metrics.csv (step_number, epoch_number, validation_loss[, perplexity]). */
export function parseValidationMetrics(csv: string, file: string = VALIDATION_METRICS_KEY): LossPoint[] {
  return parseLossFile(csv, file, VALIDATION_COLUMNS);
}

/** Both files of a job; either may be absent (a job without validation data has no validation file). */
export function parseLossSeries(files: { training?: string; validation?: string }): LossSeries {
  return {
    training: files.training === undefined ? [] : parseTrainingMetrics(files.training),
    validation: files.validation === undefined ? [] : parseValidationMetrics(files.validation),
  };
}
