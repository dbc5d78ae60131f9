/*
 * `job` and the validation file of a completed job: read only when the job had
 * validators, at either key where Bedrock may write it, with its perplexity
 * column; when S3 answers 403 (denied, or missing to a caller without
 * s3:ListBucket), the training chart still prints and says why there is no
 * validation loss.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useCli } from './harness';

const cli = useCli();

const FOLDER_OF = (arn: string) => `jobs/model-customization-job-${arn.split('/').pop()}/`;
const TRAINING = 'training_artifacts/step_wise_training_metrics.csv';
/** The user guide's key, and the one AWS's samples read (the emulator's default). */
const GUIDE = 'validation_artifacts/post_fine_tuning_validation/validation_metrics.csv';
const SAMPLES = 'validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv';
const NOT_READABLE = 'not readable (s3:ListBucket tells missing from denied)';

/** A job of a stack, completed with these final losses (the emulator writes its metrics files then). */
async function completedJob(overrides: { validators?: boolean } = {}): Promise<string> {
  const arn = await cli.startJob({
    jobName: 'tuned',
    customModelName: 'tuned-model',
    hyperParameters: { epochCount: '3' },
    ...(overrides.validators === false ? { validationDataConfig: undefined } : {}),
  }, { stack: 'Tuning', path: 'Tuning/Assistant' });
  cli.emulator.jobs.complete(arn, { trainingLoss: 0.41, validationLoss: 0.52 });
  return arn;
}

const getObjects = () => cli.emulator.s3.callsTo('GetObject').map((c) => [c.key!.split('/model-customization-job-')[1].replace(/^[a-z0-9]+\//, ''), c.statusCode]);

describe('a job without validators', () => {
  test.each([false, true])('asks for no validation file (s3:ListBucket %s); the training chart says there is no validation loss', async (listBucket) => {
    cli.emulator.s3.permissions.listBucket = listBucket;
    const arn = await completedJob({ validators: false });

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`Loss, from s3://output-bucket/${FOLDER_OF(arn)}:\n\n── training loss   (no validation loss)\n`);
    expect(stdout).not.toContain('Validation metrics');
    expect(getObjects()).toEqual([[TRAINING, 200]]);
  });
});

describe('the validation file at either key', () => {
  test.each([
    ['awsSamples', false, [[TRAINING, 200], [GUIDE, 403], [SAMPLES, 200]]],
    ['awsSamples', true, [[TRAINING, 200], [GUIDE, 404], [SAMPLES, 200]]],
    ['userGuide', false, [[TRAINING, 200], [GUIDE, 200]]],
    ['userGuide', true, [[TRAINING, 200], [GUIDE, 200]]],
  ] as const)('written at the %s key, s3:ListBucket %s: read, and charted with the training loss', async (key, listBucket, calls) => {
    cli.emulator.jobs.validationMetricsKey = key;
    cli.emulator.s3.permissions.listBucket = listBucket;
    const arn = await completedJob();

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);
    const json = JSON.parse((await cli.run(['job', 'tuned', '--json'])).stdout);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('── training loss   ┄┄ validation loss\n');
    expect(stdout).not.toContain('Validation metrics');
    expect(getObjects().slice(0, calls.length)).toEqual(calls);
    const file = `s3://output-bucket/${FOLDER_OF(arn)}${key === 'userGuide' ? GUIDE : SAMPLES}`;
    expect(json.metrics.validation).toEqual({ status: 'read', file });
    expect(json.metrics.files.validation).toBe(file);
  });

  test('validation perplexity is read from the perplexity column, as in the training file', async () => {
    await completedJob();

    const { metrics } = JSON.parse((await cli.run(['job', 'tuned', '--json'])).stdout);

    expect(metrics.series.validation).toEqual([
      { step: 9, epoch: 0, loss: expect.any(Number), perplexity: expect.any(Number) },
      { step: 19, epoch: 1, loss: expect.any(Number), perplexity: expect.any(Number) },
      { step: 29, epoch: 2, loss: 0.52, perplexity: 1.682028 },
    ]);
  });
});

describe('a validation file S3 will not give', () => {
  test('403 at both keys: the training chart, then "not readable" naming both files; exit 0', async () => {
    const arn = await completedJob();
    cli.emulator.s3.faults.accessDenied({ bucket: 'output-bucket', prefix: `${FOLDER_OF(arn)}validation_artifacts/` });

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`Loss, from s3://output-bucket/${FOLDER_OF(arn)}:\n\n── training loss   (no validation loss)\n`);
    expect(stdout).toContain(`\nValidation metrics: ${NOT_READABLE}: S3 answered 403 at s3://output-bucket/${FOLDER_OF(arn)}${GUIDE} `
      + `and s3://output-bucket/${FOLDER_OF(arn)}${SAMPLES}.\n`);
    expect(getObjects()).toEqual([[TRAINING, 200], [GUIDE, 403], [SAMPLES, 403]]);
  });

  test('--json and --svg keep the training loss and say the validation file was not readable', async () => {
    const arn = await completedJob();
    cli.emulator.s3.faults.accessDenied({ prefix: `${FOLDER_OF(arn)}validation_artifacts/` });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-job-'));
    try {
      const file = path.join(dir, 'loss.svg');
      const json = await cli.run(['job', 'tuned', '--json']);
      const svg = await cli.run(['job', 'tuned', '--svg', file]);

      expect(json.code).toBe(0);
      const { metrics } = JSON.parse(json.stdout);
      expect(metrics.series.training).toHaveLength(30);
      expect(metrics.series.validation).toEqual([]);
      expect(metrics.validation).toEqual({
        status: 'unreadable',
        tried: [`s3://output-bucket/${FOLDER_OF(arn)}${GUIDE}`, `s3://output-bucket/${FOLDER_OF(arn)}${SAMPLES}`],
      });
      expect(svg.code).toBe(0);
      expect(svg.stdout).toContain(`Validation metrics: ${NOT_READABLE}`);
      expect(fs.readFileSync(file, 'utf8')).toContain('id="training-loss"');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('missing at both keys to a caller holding s3:ListBucket (404): said so, the training chart kept; exit 0', async () => {
    cli.emulator.s3.permissions.listBucket = true;
    const arn = await completedJob();
    cli.emulator.s3.delete('output-bucket', `${FOLDER_OF(arn)}${SAMPLES}`);

    const { code, stdout } = await cli.run(['job', 'tuned']);
    const json = JSON.parse((await cli.run(['job', 'tuned', '--json'])).stdout);

    expect(code).toBe(0);
    expect(stdout).toContain('── training loss   (no validation loss)\n');
    expect(stdout).toContain(`\nValidation metrics: none at s3://output-bucket/${FOLDER_OF(arn)}${GUIDE} or s3://output-bucket/${FOLDER_OF(arn)}${SAMPLES}, `
      + 'though the job had validators: were they moved or deleted?\n');
    expect(json.metrics.validation).toEqual({
      status: 'missing',
      tried: [`s3://output-bucket/${FOLDER_OF(arn)}${GUIDE}`, `s3://output-bucket/${FOLDER_OF(arn)}${SAMPLES}`],
    });
  });

  test('S3 throttling that outlasts the retries on the validation file: the training chart first, then the error; exit 1', async () => {
    const arn = await completedJob();
    cli.emulator.s3.faults.slowDown({ prefix: `${FOLDER_OF(arn)}validation_artifacts/` });

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);

    expect(code).toBe(1);
    expect(stdout).toContain('── training loss   (no validation loss)\n');
    expect(stdout).not.toContain('Validation metrics');
    expect(stderr).toBe('error: Throttled: GetObject was still throttled after 5 attempts with the SDK\'s backoff. '
      + 'Try again in a minute, or ask for a higher request quota.\n');
    expect(getObjects()).toEqual([[TRAINING, 200], ...Array(5).fill([GUIDE, 503])]);
  });

  test('a validation file that cannot be parsed: the training chart first, then the error; exit 1', async () => {
    const arn = await completedJob();
    cli.emulator.s3.put('output-bucket', `${FOLDER_OF(arn)}${SAMPLES}`, 'step_number,epoch_number,validation_loss,perplexity\n9,0,oops,1\n');

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);

    expect(code).toBe(1);
    expect(stdout).toContain('── training loss   (no validation loss)\n');
    expect(stderr).toBe(`error: s3://output-bucket/${FOLDER_OF(arn)}${SAMPLES}, line 2: validation_loss is not a number: "oops"\n`);
  });
});
