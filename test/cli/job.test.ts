import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser } from '@xmldom/xmldom';
import { useCli } from './harness';

const cli = useCli();

const FOLDER_OF = (arn: string) => `jobs/model-customization-job-${arn.split('/').pop()}/`;
const TRAINING = 'training_artifacts/step_wise_training_metrics.csv';
/** The user guide's key of the validation file, and where AWS's samples read it (the emulator's default). */
const VALIDATION = 'validation_artifacts/post_fine_tuning_validation/validation_metrics.csv';
const SAMPLES_VALIDATION = 'validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-job-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A job of a stack, completed with these final losses (the emulator writes its metrics files then). */
async function completedJob(name = 'tuned'): Promise<string> {
  const arn = await cli.startJob({ jobName: name, customModelName: `${name}-model`, hyperParameters: { epochCount: '3' } },
    { stack: 'Tuning', path: 'Tuning/Assistant' });
  cli.emulator.clock.advance(3 * 3600);
  cli.emulator.jobs.complete(arn, { trainingLoss: 0.41, validationLoss: 0.52 });
  return arn;
}

describe('job', () => {
  test('a completed job: its details, then the loss chart from the metrics files under its output prefix', async () => {
    const arn = await completedJob();

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Name: +tuned$/m);
    expect(stdout).toMatch(new RegExp(`^ARN: +${arn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(stdout).toMatch(/^Stack: +Tuning$/m);
    expect(stdout).toMatch(/^Construct: +Assistant$/m);
    expect(stdout).toMatch(/^Status: +Completed$/m);
    expect(stdout).toMatch(/^ {2}training: +Completed at 2026-12-01 12:00 UTC$/m);
    expect(stdout).toMatch(/^Duration: +3h 00m$/m);
    expect(stdout).toMatch(/^Hyperparameters: +epochCount=3$/m);
    expect(stdout).toMatch(/^Training loss: +0\.41$/m);
    expect(stdout).toContain(`Loss, from s3://output-bucket/${FOLDER_OF(arn)}:\n\n── training loss   ┄┄ validation loss\n`);
    // Without colour the validation line is dotted, under the training line.
    expect(stdout).toMatch(/┄/);
    expect(stdout).not.toMatch(/\x1b/);
    // The guide's key first: 403 to a caller without s3:ListBucket, as the file is at the samples' key.
    const getObjects = cli.emulator.s3.callsTo('GetObject').map((c) => [c.key, c.statusCode]);
    expect(getObjects).toEqual([[`${FOLDER_OF(arn)}${TRAINING}`, 200], [`${FOLDER_OF(arn)}${VALIDATION}`, 403], [`${FOLDER_OF(arn)}${SAMPLES_VALIDATION}`, 200]]);
  });

  test('by ARN as by name; the chart fits the terminal', async () => {
    const arn = await completedJob();

    const { stdout } = await cli.run(['job', arn], { columns: 60 });

    expect(stdout).toMatch(/^Name: +tuned$/m);
    const chart = stdout.slice(stdout.indexOf('Loss, from'));
    chart.split('\n').slice(1).forEach((line) => expect(line.replace(/\x1b\[[0-9;]*m/g, '').length).toBeLessThanOrEqual(60));
  });

  test('--svg writes the same chart as an SVG image', async () => {
    await completedJob();
    const file = path.join(tmp, 'loss.svg');

    const { code, stdout } = await cli.run(['job', 'tuned', '--svg', file]);

    expect(code).toBe(0);
    expect(stdout).toContain(`Chart written to ${file}`);
    const svg = new DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'image/svg+xml').documentElement!;
    expect(svg.nodeName).toBe('svg');
    expect(svg.getElementsByTagName('title')[0].textContent).toBe('tuned: loss per step');
    expect(svg.getElementsByTagName('path').length).toBeGreaterThanOrEqual(3);
    expect(svg.toString()).toContain('id="training-loss"');
  });

  test('--json gives the job, its tags and both loss series', async () => {
    await completedJob();

    const doc = JSON.parse((await cli.run(['job', 'tuned', '--json'])).stdout);

    expect(doc.job).toMatchObject({ jobName: 'tuned', status: 'Completed' });
    expect(doc.job.$metadata).toBeUndefined();
    expect(doc.tags).toEqual({ 'cdk-bedrock-customization:stack': 'Tuning', 'cdk-bedrock-customization:construct-path': 'Tuning/Assistant' });
    expect(doc.metrics.series.training).toHaveLength(30);
    expect(doc.metrics.series.training[29]).toMatchObject({ step: 29, epoch: 2, loss: 0.41 });
    expect(doc.metrics.series.validation.map((p: { loss: number }) => p.loss).slice(-1)).toEqual([0.52]);
  });

  test('a job without validation data: training loss alone', async () => {
    const arn = await cli.startJob({ jobName: 'plain', customModelName: 'plain-model', validationDataConfig: undefined });
    cli.emulator.jobs.complete(arn);

    const { code, stdout } = await cli.run(['job', 'plain']);

    expect(code).toBe(0);
    expect(stdout).toContain(`Loss, from s3://output-bucket/${FOLDER_OF(arn)}:\n\n── training loss   (no validation loss)\n`);
    expect(stdout).not.toMatch(/┄/);
    expect(stdout).toContain('(no validation loss)');
  });

  test('a running job: no chart yet, and --svg says why nothing was written', async () => {
    // In emulated time, not in polls: the job's own Get does not move it on.
    cli.emulator.jobs.planFor('running', { validation: { seconds: 600 }, dataProcessing: { seconds: 600 }, training: { seconds: 3600 } });
    await cli.startJob({ jobName: 'running', customModelName: 'running-model' });
    const file = path.join(tmp, 'loss.svg');

    const plain = await cli.run(['job', 'running']);
    const svg = await cli.run(['job', 'running', '--svg', file]);

    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^Status: +InProgress \(validation\)$/m);
    expect(plain.stdout).toMatch(/^Output model: +running-model \(made when the job completes\)$/m);
    expect(plain.stdout).toContain('The loss chart shows once the job has completed: Bedrock writes the metrics files then.');
    expect(svg.code).toBe(1);
    expect(svg.stderr).toBe('error: No chart written: the job is InProgress, and Bedrock writes the metrics files when a job completes.\n');
    expect(fs.existsSync(file)).toBe(false);
    expect(cli.emulator.s3.calls).toEqual([]);
  });

  test('a failed job: where it failed and why, and no chart', async () => {
    cli.emulator.jobs.planFor('broken', { outcome: { status: 'Failed', failureMessage: 'Training data has 3 malformed lines.', phase: 'validation' } });
    await cli.startJob({ jobName: 'broken', customModelName: 'broken-model' });
    cli.emulator.jobs.advance('broken');

    const { code, stdout } = await cli.run(['job', 'broken']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^Status: +Failed \(in validation\)$/m);
    expect(stdout).toMatch(/^ {2}validation: +Failed at 2026-12-01 09:00 UTC$/m);
    expect(stdout).toMatch(/^Failure: +Training data has 3 malformed lines\.$/m);
    expect(stdout).not.toContain('Loss');
    expect(cli.emulator.s3.calls).toEqual([]);
  });

  test('access denied to the output bucket: the details still print, then what permission is missing', async () => {
    const arn = await completedJob();
    cli.emulator.s3.faults.accessDenied({ bucket: 'output-bucket' });

    const { code, stdout, stderr } = await cli.run(['job', 'tuned']);

    expect(code).toBe(1);
    expect(stdout).toMatch(/^Name: +tuned$/m);
    expect(stderr).toMatch(new RegExp('^error: Access denied: GetObject needs s3:GetObject \\(and s3:ListBucket, without which S3 reports a missing file as denied\\) '
      + `on s3://output-bucket/${FOLDER_OF(arn)}${TRAINING}\\. `));
  });

  test('S3 throttling is retried with the SDK\'s backoff', async () => {
    await completedJob();
    cli.emulator.s3.faults.slowDown({ operation: 'GetObject', times: 2 });

    const { code, stdout } = await cli.run(['job', 'tuned']);

    expect(code).toBe(0);
    expect(stdout).toContain('training loss');
    expect(cli.emulator.s3.callsTo('GetObject').map((c) => c.statusCode)).toEqual([503, 503, 200, 403, 200]);
  });

  test('metrics files that were deleted, or that cannot be read, are named', async () => {
    const arn = await completedJob();
    cli.emulator.s3.delete('output-bucket', `${FOLDER_OF(arn)}${TRAINING}`);
    // Without s3:ListBucket, S3 answers 403 for the missing file: the message says it may be either.
    const goneUnlisted = await cli.run(['job', 'tuned']);
    cli.emulator.s3.permissions.listBucket = true;
    const gone = await cli.run(['job', 'tuned']);
    cli.emulator.s3.put('output-bucket', `${FOLDER_OF(arn)}${TRAINING}`, 'step_number,epoch_number,training_loss\n0,0,abc\n');
    const bad = await cli.run(['job', 'tuned']);

    expect(goneUnlisted.code).toBe(1);
    expect(goneUnlisted.stderr).toBe('error: Access denied: GetObject needs s3:GetObject (and s3:ListBucket, without which S3 reports a missing file '
      + `as denied) on s3://output-bucket/${FOLDER_OF(arn)}${TRAINING}. Ask for it in your IAM policy. (Access Denied)\n`);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe(`error: No training metrics at s3://output-bucket/${FOLDER_OF(arn)}${TRAINING}: `
      + 'Bedrock writes them when a job completes; were they moved or deleted?\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`error: s3://output-bucket/${FOLDER_OF(arn)}${TRAINING}, line 2: training_loss is not a number: "abc"\n`);
  });
});
