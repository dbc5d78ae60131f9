/*
 * The metrics files a completed job writes to the emulated S3, read as a
 * command line reads them: an S3Client found through emulatorEnvironment,
 * ListObjectsV2 under the job's output URI, GetObject.
 */
import { CreateModelCustomizationJobCommand, CreateModelCustomizationJobCommandInput, GetModelCustomizationJobCommand } from '@aws-sdk/client-bedrock';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { emulatorEnvironment, jobArtifactsFolder, jobPlanInHours, TRAINING_METRICS_HEADER, VALIDATION_METRICS_HEADER } from '../../emulator/bedrock';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { jobRequest } from '../emulator/bedrock-fixtures/requests';

const env = useEmulator();

const TRAINING_FILE = 'training_artifacts/step_wise_training_metrics.csv';
/** Where the user guide puts the validation file, and where AWS's samples read it (the emulator's default). */
const GUIDE_VALIDATION_FILE = 'validation_artifacts/post_fine_tuning_validation/validation_metrics.csv';
const VALIDATION_FILE = 'validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv';

async function createJob(overrides: Partial<CreateModelCustomizationJobCommandInput> = {}): Promise<string> {
  const { jobArn } = await env.client().send(new CreateModelCustomizationJobCommand(jobRequest(overrides)));
  return jobArn!;
}

const getJob = (jobIdentifier: string) => env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier }));
const jobId = (jobArn: string) => jobArn.split('/').pop()!;

/** An S3Client created without endpoint or credentials, as the command line creates it, under emulatorEnvironment. */
async function withS3<T>(use: (s3: S3Client) => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, emulatorEnvironment(env.emulator));
  const s3 = new S3Client({ maxAttempts: 1 });
  try {
    return await use(s3);
  } finally {
    s3.destroy();
    process.env = saved;
  }
}

/** Every object under a prefix, key to body, read over HTTP by a reader holding s3:ListBucket. */
function readAll(bucket: string, prefix: string): Promise<Record<string, string>> {
  env.emulator.s3.permissions.listBucket = true;
  return withS3(async (s3) => {
    const { Contents = [] } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    const files: Record<string, string> = {};
    for (const { Key } of Contents) files[Key!] = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key }))).Body!.transformToString();
    return files;
  });
}

/** The rows of a CSV body, each as numbers, and its header. */
function parse(body: string): { header: string; rows: number[][] } {
  const [header, ...lines] = body.trimEnd().split('\n');
  return { header, rows: lines.map((line) => line.split(',').map(Number)) };
}

describe('a completed job', () => {
  test('writes both files under the output URI, named by the job id; the last rows are the reported metrics', async () => {
    const jobArn = await createJob();
    env.emulator.jobs.complete(jobArn, { trainingLoss: 0.42, validationLoss: 0.47 });
    const folder = `jobs/model-customization-job-${jobId(jobArn)}`;
    expect(jobArtifactsFolder(jobArn)).toBe(`model-customization-job-${jobId(jobArn)}`);
    const files = await readAll('output-bucket', 'jobs/');
    expect(Object.keys(files)).toEqual([`${folder}/${TRAINING_FILE}`, `${folder}/${VALIDATION_FILE}`]);

    const training = parse(files[`${folder}/${TRAINING_FILE}`]);
    expect(training.header).toBe('step_number,epoch_number,training_loss,perplexity');
    expect(training.header).toBe(TRAINING_METRICS_HEADER);
    // epochCount 2, ten steps an epoch, steps and epochs from 0.
    expect(training.rows.map(([step, epoch]) => [step, epoch])).toEqual(Array.from({ length: 20 }, (_, i) => [i, Math.floor(i / 10)]));
    const validation = parse(files[`${folder}/${VALIDATION_FILE}`]);
    // The training file's columns, validation_loss in place of training_loss (the user guide).
    expect(validation.header).toBe('step_number,epoch_number,validation_loss,perplexity');
    expect(validation.header).toBe(VALIDATION_METRICS_HEADER);
    expect(validation.rows.map(([step, epoch]) => [step, epoch])).toEqual([[9, 0], [19, 1]]);

    const job = await getJob(jobArn);
    expect(job.trainingMetrics).toEqual({ trainingLoss: 0.42 });
    expect(job.validationMetrics).toEqual([{ validationLoss: 0.47 }]);
    expect(training.rows[19][2]).toBe(job.trainingMetrics!.trainingLoss);
    expect(validation.rows[1][2]).toBe(job.validationMetrics![0].validationLoss);
    expect(files[`${folder}/${TRAINING_FILE}`].trimEnd().split('\n').pop()).toBe('19,1,0.420000,1.521962');
    expect(files[`${folder}/${VALIDATION_FILE}`].trimEnd().split('\n').pop()).toBe('19,1,0.470000,1.599994');
  });

  test('losses fall from about 2.5 with a wiggle; perplexity is exp(loss); six decimals', async () => {
    const jobArn = await createJob({ hyperParameters: { epochCount: '3' } });
    env.emulator.jobs.complete(jobArn, { trainingLoss: 0.3 });
    const body = env.emulator.s3.get('output-bucket', `jobs/${jobArtifactsFolder(jobArn)}/${TRAINING_FILE}`)!;
    expect(body.endsWith('\n')).toBe(true);
    for (const line of body.trimEnd().split('\n').slice(1)) expect(line).toMatch(/^\d+,\d+,\d+\.\d{6},\d+\.\d{6}$/);
    const { rows } = parse(body);
    expect(rows).toHaveLength(30);
    expect(rows[0][2]).toBeCloseTo(2.5, 0);
    for (const [, , loss, perplexity] of rows) {
      expect(perplexity).toBeCloseTo(Math.exp(loss), 5);
      expect(loss).toBeGreaterThan(0);
    }
    const losses = rows.map((r) => r[2]);
    const rises = losses.filter((loss, i) => i > 0 && loss > losses[i - 1]).length;
    expect(rises).toBeGreaterThan(0); // the wiggle: a chart that looks real
    expect(rises).toBeLessThan(losses.length / 2); // but mostly falling
    expect(losses[29]).toBe(0.3);
  });

  test('the same job writes the same bytes, after a reset too; the files are dated by the job end', async () => {
    const firstArn = await createJob({ jobName: 'first', customModelName: 'first-model' });
    env.emulator.jobs.complete(firstArn, { trainingLoss: 0.5 });
    const bodies = (arn: string) => [TRAINING_FILE, VALIDATION_FILE].map((f) => env.emulator.s3.get('output-bucket', `jobs/${jobArtifactsFolder(arn)}/${f}`));
    const first = bodies(firstArn);
    const lastModified = env.emulator.s3.object('output-bucket', `jobs/${jobArtifactsFolder(firstArn)}/${TRAINING_FILE}`)!.lastModified;
    expect(lastModified).toEqual((await getJob(firstArn)).endTime);
    env.emulator.reset();
    expect(env.emulator.s3.buckets()).toEqual([]);
    const secondArn = await createJob({ jobName: 'second', customModelName: 'second-model' });
    env.emulator.jobs.complete(secondArn, { trainingLoss: 0.5 });
    expect(jobId(secondArn)).not.toBe(jobId(firstArn));
    expect(bodies(secondArn)).toEqual(first);
    expect(first.every((b) => b !== undefined && b.length > 0)).toBe(true);
  });

  test('default losses: the reported 0.1234 and 0.2345 end the files; one validation file for several validators', async () => {
    const validators = [{ s3Uri: 's3://training-bucket/v1.jsonl' }, { s3Uri: 's3://training-bucket/v2.jsonl' }];
    const jobArn = await createJob({ validationDataConfig: { validators } });
    env.emulator.jobs.complete(jobArn);
    const job = await getJob(jobArn);
    expect(job.validationMetrics).toEqual([{ validationLoss: 0.2345 }, { validationLoss: 0.2345 }]);
    const keys = env.emulator.s3.keys('output-bucket');
    expect(keys).toHaveLength(2);
    const [training, validation] = keys.map((key) => parse(env.emulator.s3.get('output-bucket', key)!).rows);
    expect([training[training.length - 1][2], validation[validation.length - 1][2]]).toEqual([0.1234, 0.2345]);
  });

  test.each([
    ['s3://bare-bucket', ''],
    ['s3://bare-bucket/', ''],
    ['s3://bare-bucket/a/b', 'a/b/'],
    ['s3://bare-bucket/a/b/', 'a/b/'],
  ])('output URI %s: the folder under "%s"', async (s3Uri, prefix) => {
    const jobArn = await createJob({ outputDataConfig: { s3Uri }, validationDataConfig: undefined });
    env.emulator.jobs.complete(jobArn);
    expect(env.emulator.s3.keys('bare-bucket')).toEqual([`${prefix}model-customization-job-${jobId(jobArn)}/${TRAINING_FILE}`]);
  });

  test('no validation data: the training file alone; no epochCount: two epochs', async () => {
    const jobArn = await createJob({ validationDataConfig: undefined, hyperParameters: {} });
    env.emulator.jobs.complete(jobArn);
    const files = await readAll('output-bucket', `jobs/${jobArtifactsFolder(jobArn)}/`);
    expect(Object.keys(files)).toEqual([`jobs/${jobArtifactsFolder(jobArn)}/${TRAINING_FILE}`]);
    expect(parse(Object.values(files)[0]).rows).toHaveLength(20);
  });
});

describe('the key of the validation file', () => {
  test('by default where AWS\'s samples read it; jobs.validationMetricsKey = \'userGuide\' writes it where the guide says', async () => {
    const samples = await createJob({ jobName: 'samples', customModelName: 'samples-model' });
    env.emulator.jobs.complete(samples);
    const running = await createJob({ jobName: 'running', customModelName: 'running-model' });
    env.emulator.jobs.validationMetricsKey = 'userGuide';
    const guide = await createJob({ jobName: 'guide', customModelName: 'guide-model' });
    env.emulator.jobs.complete(guide);
    // The key is the one in force when a job completes, not when it was created.
    env.emulator.jobs.complete(running);
    const keysOf = (arn: string) => env.emulator.s3.keys('output-bucket', `jobs/${jobArtifactsFolder(arn)}/`).map((k) => k.split(`${jobArtifactsFolder(arn)}/`)[1]);
    expect(keysOf(samples)).toEqual([TRAINING_FILE, VALIDATION_FILE]);
    expect(keysOf(guide)).toEqual([TRAINING_FILE, GUIDE_VALIDATION_FILE]);
    expect(keysOf(running)).toEqual([TRAINING_FILE, GUIDE_VALIDATION_FILE]);
    // The same bytes at either key.
    const body = (arn: string, file: string) => env.emulator.s3.get('output-bucket', `jobs/${jobArtifactsFolder(arn)}/${file}`);
    expect(body(guide, GUIDE_VALIDATION_FILE)).toBe(body(samples, VALIDATION_FILE));
  });

  test('reset() goes back to the default', async () => {
    env.emulator.jobs.validationMetricsKey = 'userGuide';
    env.emulator.reset();
    expect(env.emulator.jobs.validationMetricsKey).toBe('awsSamples');
  });
});

describe('when the files are written', () => {
  test('by the plan: at the poll that shows the job Completed, not before', async () => {
    const jobArn = await createJob();
    await getJob(jobArn);
    await getJob(jobArn);
    expect(env.emulator.s3.keys('output-bucket')).toEqual([]);
    expect((await getJob(jobArn)).status).toBe('Completed');
    expect(env.emulator.s3.keys('output-bucket')).toHaveLength(2);
  });

  test('by emulated time: when the events are drained, nobody polling', async () => {
    env.emulator.clock.acceleration = 0;
    env.emulator.jobs.planFor('tune-1', jobPlanInHours(2, { status: 'Completed', trainingLoss: 0.61 }));
    const jobArn = await createJob();
    env.emulator.clock.advance(2 * 3600);
    expect(env.emulator.events.drain(env.emulator.clock.now()).map((e) => e.detail.jobStatus)).toEqual(['Completed']);
    const body = env.emulator.s3.get('output-bucket', `jobs/${jobArtifactsFolder(jobArn)}/${TRAINING_FILE}`)!;
    expect(body.trimEnd().split('\n').pop()).toBe('19,1,0.610000,1.840431');
    expect(env.emulator.callsTo('GetModelCustomizationJob')).toEqual([]);
  });

  test('a failed or stopped job writes nothing', async () => {
    const failing = await createJob({ jobName: 'failing', customModelName: 'failing-model' });
    env.emulator.jobs.fail(failing, 'Bad data.');
    env.emulator.jobs.planFor('planned-failure', { outcome: { status: 'Failed', failureMessage: 'No.', phase: 'training' } });
    const planned = await createJob({ jobName: 'planned-failure', customModelName: 'planned-model' });
    for (let i = 0; i < 3; i++) await getJob(planned);
    const stopped = await createJob({ jobName: 'stopped', customModelName: 'stopped-model' });
    env.emulator.jobs.stop(stopped);
    env.emulator.jobs.advance(stopped);
    expect([failing, planned, stopped].map((arn) => env.emulator.jobs.get(arn).status)).toEqual(['Failed', 'Failed', 'Stopped']);
    expect(env.emulator.s3.buckets()).toEqual([]);
    expect(await withS3((s3) => s3.send(new ListObjectsV2Command({ Bucket: 'output-bucket' })).catch((e: Error) => e.name))).toBe('NoSuchBucket');
  });
});

describe('S3 faults', () => {
  test('AccessDenied on the output prefix reaches a reader; reset() clears the faults with the objects', async () => {
    const jobArn = await createJob();
    env.emulator.jobs.complete(jobArn);
    env.emulator.s3.permissions.listBucket = true;
    env.emulator.s3.faults.accessDenied({ bucket: 'output-bucket', prefix: 'jobs/' });
    const denied = await withS3((s3) => s3.send(new ListObjectsV2Command({ Bucket: 'output-bucket', Prefix: 'jobs/' })).catch((e: Error) => e.name));
    expect(denied).toBe('AccessDenied');
    env.emulator.reset();
    env.emulator.s3.put('output-bucket', 'jobs/x.csv', 'x');
    expect(await readAll('output-bucket', 'jobs/')).toEqual({ 'jobs/x.csv': 'x' });
  });
});

describe('a reader without s3:ListBucket (the default)', () => {
  test('the validation file a job without validators never wrote is 403 AccessDenied at either key, as a denied one is', async () => {
    const jobArn = await createJob({ validationDataConfig: undefined });
    env.emulator.jobs.complete(jobArn);
    const folder = `jobs/${jobArtifactsFolder(jobArn)}`;
    const get = (Key: string) => withS3((s3) => s3.send(new GetObjectCommand({ Bucket: 'output-bucket', Key }))
      .then(() => 'read', (e: { name: string; $metadata: { httpStatusCode: number } }) => `${e.name} ${e.$metadata.httpStatusCode}`));
    expect(await get(`${folder}/${TRAINING_FILE}`)).toBe('read');
    expect(await get(`${folder}/${VALIDATION_FILE}`)).toBe('AccessDenied 403');
    expect(await get(`${folder}/${GUIDE_VALIDATION_FILE}`)).toBe('AccessDenied 403');
    env.emulator.s3.permissions.listBucket = true;
    expect(await get(`${folder}/${VALIDATION_FILE}`)).toBe('NoSuchKey 404');
  });
});

describe('emulatorEnvironment', () => {
  test('adds AWS_ENDPOINT_URL_S3: the emulator\'s S3, on a port of its own', () => {
    const environment = emulatorEnvironment(env.emulator);
    expect(environment.AWS_ENDPOINT_URL_S3).toBe(env.emulator.s3.endpoint);
    expect(env.emulator.s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(env.emulator.s3.endpoint).not.toBe(env.emulator.endpoint);
    expect(emulatorEnvironment({ endpoint: env.emulator.endpoint, region: 'us-east-1' })).not.toHaveProperty('AWS_ENDPOINT_URL_S3');
  });
});
