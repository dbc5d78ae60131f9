import * as fs from 'fs';
import * as path from 'path';
import {
  MetricsParseError, parseCsv, parseLossSeries, parseTrainingMetrics, parseValidationMetrics,
  TRAINING_METRICS_KEY, VALIDATION_METRICS_KEY,
} from '../../cli/metrics';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

/** The error a parse throws, to check its message, file and line. */
function parseError(parse: () => unknown): MetricsParseError {
  try {
    parse();
  } catch (error) {
    if (error instanceof MetricsParseError) return error;
    throw error;
  }
  throw new Error('the parse did not throw');
}

describe('parseTrainingMetrics', () => {
  test('reads the fixture: 100 steps over 2 epochs, in step order', () => {
    const points = parseTrainingMetrics(fixture('step_wise_training_metrics.csv'));
    expect(points).toHaveLength(100);
    expect(points[0]).toEqual({ step: 0, epoch: 1, loss: 2.635907, perplexity: 13.955959 });
    expect(points[99]).toEqual({ step: 99, epoch: 2, loss: 0.472165, perplexity: 1.603463 });
    expect(new Set(points.map((p) => p.epoch))).toEqual(new Set([1, 2]));
    expect(points.map((p) => p.step)).toEqual([...Array(100).keys()]);
  });

  test('finds columns by name in any order and case, ignoring extra ones', () => {
    const csv = 'Perplexity,learning_rate,training_loss,EPOCH_NUMBER,step_number\n7.389,1e-5,2,0,0\n2.718,1e-5,1,0,1\n';
    expect(parseTrainingMetrics(csv)).toEqual([
      { step: 0, epoch: 0, loss: 2, perplexity: 7.389 },
      { step: 1, epoch: 0, loss: 1, perplexity: 2.718 },
    ]);
  });

  test('tolerates a BOM, CRLF, blank lines, padding, quotes and no final newline', () => {
    const csv = '\uFEFFstep_number, epoch_number ,training_loss,perplexity\r\n\r\n0,0,"1.5",4.48\r\n  \r\n"1" , 0 , 1.25 ,3.49';
    expect(parseTrainingMetrics(csv)).toEqual([
      { step: 0, epoch: 0, loss: 1.5, perplexity: 4.48 },
      { step: 1, epoch: 0, loss: 1.25, perplexity: 3.49 },
    ]);
  });

  test('a header alone, or nothing, is an empty series', () => {
    expect(parseTrainingMetrics('step_number,epoch_number,training_loss,perplexity\n')).toEqual([]);
    expect(parseTrainingMetrics('step_number,epoch_number,training_loss,perplexity')).toEqual([]);
    expect(parseTrainingMetrics('')).toEqual([]);
  });

  test('perplexity is optional, and may overflow to inf', () => {
    const csv = 'step_number,epoch_number,training_loss,perplexity\n0,0,800,inf\n1,0,2.5,\n';
    expect(parseTrainingMetrics(csv)).toEqual([
      { step: 0, epoch: 0, loss: 800, perplexity: Infinity },
      { step: 1, epoch: 0, loss: 2.5 },
    ]);
    expect(parseTrainingMetrics('step_number,epoch_number,training_loss\n0,0,1e-1\n')).toEqual([{ step: 0, epoch: 0, loss: 0.1 }]);
  });

  test('rows out of order are sorted by step', () => {
    const csv = 'step_number,epoch_number,training_loss\n2,0,0.5\n0,0,2\n1,0,1\n';
    expect(parseTrainingMetrics(csv).map((p) => p.step)).toEqual([0, 1, 2]);
  });

  test('a value that is not a number names the file, the line and the column', () => {
    const csv = 'step_number,epoch_number,training_loss,perplexity\n0,0,2.1,8.1\n\n1,0,abc,8.0\n';
    const error = parseError(() => parseTrainingMetrics(csv));
    expect(error.file).toBe(TRAINING_METRICS_KEY);
    expect(error.line).toBe(4);
    expect(error.message).toBe(`${TRAINING_METRICS_KEY}, line 4: training_loss is not a number: "abc"`);
  });

  test.each([
    ['a missing value', '0,0,,1', 'no value for training_loss'],
    ['a short row', '0,0', 'no value for training_loss'],
    ['a fractional step', '0.5,0,1,1', 'step_number must be a whole number from 0: "0.5"'],
    ['a negative step', '-1,0,1,1', 'step_number must be a whole number from 0: "-1"'],
    ['a NaN loss', '0,0,nan,1', 'training_loss must be a finite number: "nan"'],
    ['a number with trailing text', '0,0,1.5x,1', 'training_loss is not a number: "1.5x"'],
    ['a bad perplexity', '0,0,1.5,high', 'perplexity is not a number: "high"'],
  ])('%s is an error on its line', (_name, row, detail) => {
    const error = parseError(() => parseTrainingMetrics(`step_number,epoch_number,training_loss,perplexity\n${row}\n`, 'train.csv'));
    expect(error.message).toBe(`train.csv, line 2: ${detail}`);
  });

  test('a missing column names the file, the header line and the column', () => {
    const error = parseError(() => parseTrainingMetrics('\n\nstep_number,epoch_number,loss\n0,0,1\n'));
    expect(error.line).toBe(3);
    expect(error.message).toBe(`${TRAINING_METRICS_KEY}, line 3: missing column training_loss (header: step_number,epoch_number,loss)`);
  });
});

describe('parseValidationMetrics', () => {
  test('reads the fixture by its own column names', () => {
    expect(parseValidationMetrics(fixture('validation_metrics.csv'))).toEqual([
      { step: 49, epoch: 1, loss: 0.742118, perplexity: 2.100427 },
      { step: 99, epoch: 2, loss: 0.655931, perplexity: 1.926961 },
    ]);
  });

  test('perplexity is the training file\'s column name (the user guide); validation_perplexity is not read as it', () => {
    expect(parseValidationMetrics('step_number,epoch_number,validation_loss,perplexity\n9,0,0.5,1.65\n'))
      .toEqual([{ step: 9, epoch: 0, loss: 0.5, perplexity: 1.65 }]);
    expect(parseValidationMetrics('step_number,epoch_number,validation_loss,validation_perplexity\n9,0,0.5,1.65\n'))
      .toEqual([{ step: 9, epoch: 0, loss: 0.5 }]);
  });

  test('the training column names are not enough', () => {
    const error = parseError(() => parseValidationMetrics('step_number,epoch_number,training_loss,perplexity\n0,0,1,2.7\n'));
    expect(error.message).toMatch(new RegExp(`^${VALIDATION_METRICS_KEY}, line 1: missing column validation_loss`));
  });
});

describe('parseLossSeries', () => {
  test('parses both files, and an absent file is an empty series', () => {
    const both = parseLossSeries({ training: fixture('step_wise_training_metrics.csv'), validation: fixture('validation_metrics.csv') });
    expect([both.training.length, both.validation.length]).toEqual([100, 2]);
    expect(parseLossSeries({ training: fixture('step_wise_training_metrics.csv') }).validation).toEqual([]);
    expect(parseLossSeries({})).toEqual({ training: [], validation: [] });
  });
});

describe('parseCsv', () => {
  test('quoted fields keep separators, doubled quotes and line breaks; lines count from the record start', () => {
    expect(parseCsv('a,b\n"x, ""y""","multi\r\nline"\nlast,1\n', 'f.csv')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'multi\r\nline'] },
      { line: 4, fields: ['last', '1'] },
    ]);
  });

  test('old Mac line ends (CR alone) separate records', () => {
    expect(parseCsv('a\rb\r', 'f.csv')).toEqual([{ line: 1, fields: ['a'] }, { line: 2, fields: ['b'] }]);
  });

  test('an unterminated quote or text after a closing quote is an error on its line', () => {
    expect(parseError(() => parseCsv('a\n"open\n', 'f.csv')).message).toBe('f.csv, line 2: unterminated quoted field');
    expect(parseError(() => parseCsv('a\nb\n"x"y\n', 'f.csv')).message).toBe('f.csv, line 3: unexpected text after a quoted field');
  });
});
