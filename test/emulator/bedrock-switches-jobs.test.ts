/*
 * The switches of the ledger's rows on model customization jobs and their
 * events (emulator/LEDGER.md, L-02 to L-06, L-08, L-10): each default is the
 * emulator's reading, each other value the other reading, both driven through
 * the real client; reset() restores the defaults.
 */
import {
  ConflictException,
  CreateCustomModelCommand,
  CreateModelCustomizationJobCommand,
  CreateModelImportJobCommand,
  GetCustomModelCommand,
  GetModelCustomizationJobCommand,
  ListModelCustomizationJobsCommand,
  ServiceQuotaExceededException,
  StopModelCustomizationJobCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { CLOCK_START, HOUR, useStoppedClock } from './bedrock-fixtures/harness';
import { importRequest, jobRequest } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { EventBridgeEvent, jobArtifactsFolder, jobPlanInHours, TRAINING_METRICS_FILE, VALIDATION_METRICS_KEYS } from '../../emulator/bedrock';
import { defaultEventRules, MODEL_IMPORT_JOB_STATE_CHANGE } from '../../emulator/bedrock/events';
import { defaultJobRules } from '../../emulator/bedrock/kinds/jobs/job-rules';
import { modelImportJobRequest, seedSource } from '../model-import-job/emulator-fixtures';

const env = useStoppedClock();
const { at } = env;

const iso = (time: Date) => time.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A job of its own name, its model named after it unless the overrides say otherwise. */
async function createJob(name: string, overrides: Parameters<typeof jobRequest>[0] = {}): Promise<string> {
  const request = jobRequest({ jobName: name, customModelName: `${name}-model`, ...overrides });
  return (await env.client().send(new CreateModelCustomizationJobCommand(request))).jobArn!;
}

const poll = (jobIdentifier: string) => env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier }));
const startImport = async (overrides: Parameters<typeof modelImportJobRequest>[0]) =>
  (await env.client().send(new CreateModelImportJobCommand(modelImportJobRequest(overrides)))).jobArn!;
const stop = (jobIdentifier: string) => env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier }));
const outputKeys = () => env.emulator.s3.keys('output-bucket');
const drainNow = () => env.emulator.events.drain(env.emulator.clock.now());
const statuses = (events: readonly EventBridgeEvent[]) => events.map((e) => `${e.detail.jobName} ${e.detail.jobStatus} ${e.time}`);

const DISTILLATION = {
  baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
  customizationType: 'DISTILLATION',
  customizationConfig: { distillationConfig: { teacherModelConfig: { teacherModelIdentifier: 'us.amazon.nova-pro-v1:0' } } },
  trainingDataConfig: { invocationLogsConfig: { invocationLogSource: { s3Uri: 's3://logs-bucket/' } } },
} as const;

describe('jobs.rules.artifactsFolder (L-02)', () => {
  test('jobId by default: the folder is named for the last segment of the job ARN', async () => {
    expect(env.emulator.jobs.rules.artifactsFolder).toBe('jobId');
    const jobArn = await createJob('tune-1');
    env.emulator.jobs.complete(jobArn);
    const folder = `jobs/model-customization-job-${jobArn.split('/').pop()}`;
    expect(jobArtifactsFolder(jobArn)).toBe(`model-customization-job-${jobArn.split('/').pop()}`);
    expect(outputKeys()).toEqual([
      `${folder}/${TRAINING_METRICS_FILE}`,
      `${folder}/${VALIDATION_METRICS_KEYS.awsSamples}`,
    ]);
  });

  test('jobName: the folder is named for the job\'s name, and nothing is under the ARN\'s id', async () => {
    env.emulator.jobs.rules.artifactsFolder = 'jobName';
    const jobArn = await createJob('tune-1');
    env.emulator.jobs.complete(jobArn);
    expect(outputKeys()).toEqual([
      `jobs/model-customization-job-tune-1/${TRAINING_METRICS_FILE}`,
      `jobs/model-customization-job-tune-1/${VALIDATION_METRICS_KEYS.awsSamples}`,
    ]);
    expect(env.emulator.s3.keys('output-bucket', `jobs/${jobArtifactsFolder(jobArn)}/`)).toEqual([]);
  });
});

describe('jobs.rules.validationMetricsFile (L-03)', () => {
  test('withValidators by default: a completed job with validators writes the file, one without writes none', async () => {
    expect(env.emulator.jobs.rules.validationMetricsFile).toBe('withValidators');
    const withValidators = await createJob('tune-1');
    const without = await createJob('tune-2', { validationDataConfig: undefined });
    env.emulator.jobs.complete(withValidators);
    env.emulator.jobs.complete(without);
    const filesOf = (arn: string) => env.emulator.s3.keys('output-bucket', `jobs/${jobArtifactsFolder(arn)}/`);
    expect(filesOf(withValidators)).toEqual([
      `jobs/${jobArtifactsFolder(withValidators)}/${TRAINING_METRICS_FILE}`,
      `jobs/${jobArtifactsFolder(withValidators)}/${VALIDATION_METRICS_KEYS.awsSamples}`,
    ]);
    expect(filesOf(without)).toEqual([`jobs/${jobArtifactsFolder(without)}/${TRAINING_METRICS_FILE}`]);
  });

  test('never: a completed job with validators writes the training file alone, though it reports validation losses', async () => {
    env.emulator.jobs.rules.validationMetricsFile = 'never';
    const jobArn = await createJob('tune-1');
    env.emulator.jobs.complete(jobArn, { validationLoss: 0.3 });
    expect(outputKeys()).toEqual([`jobs/${jobArtifactsFolder(jobArn)}/${TRAINING_METRICS_FILE}`]);
    expect((await poll(jobArn)).validationMetrics).toEqual([{ validationLoss: 0.3 }]);
  });
});

describe('jobs.rules.modelNameWhileRunning (L-04)', () => {
  test('taken by default: a running job\'s model name is refused with ConflictException, to a job and to CreateCustomModel', async () => {
    expect(env.emulator.jobs.rules.modelNameWhileRunning).toBe('taken');
    await createJob('tune-1', { customModelName: 'shared' });
    const byJob = await rejectionOf(createJob('tune-2', { customModelName: 'shared' }));
    expect(byJob).toBeInstanceOf(ConflictException);
    expect(byJob.message).toBe('A custom model named shared already exists.');
    const byImport = await rejectionOf(env.client().send(new CreateCustomModelCommand(importRequest({ modelName: 'shared' }))));
    expect(byImport).toBeInstanceOf(ConflictException);
    expect(env.emulator.jobs.list().items.map((j) => j.jobName)).toEqual(['tune-1']);
  });

  test('free: both are accepted; the job whose name is taken when it ends fails then, in training', async () => {
    env.emulator.jobs.rules.modelNameWhileRunning = 'free';
    const first = await createJob('tune-1', { customModelName: 'shared' });
    const second = await createJob('tune-2', { customModelName: 'shared' });
    env.emulator.clock.advance(HOUR);
    env.emulator.jobs.complete(first);
    env.emulator.clock.advance(HOUR);
    env.emulator.jobs.complete(second);
    const model = await env.client().send(new GetCustomModelCommand({ modelIdentifier: 'shared' }));
    expect(model.jobArn).toBe(first);
    const failed = await poll(second);
    expect(failed).toMatchObject({ status: 'Failed', failureMessage: 'A custom model named shared already exists.', endTime: at(2 * HOUR) });
    expect(failed.outputModelArn).toBeUndefined();
    expect(failed.statusDetails).toMatchObject({
      validationDetails: { status: 'Completed' }, dataProcessingDetails: { status: 'Completed' }, trainingDetails: { status: 'Failed' },
    });

    const third = await createJob('tune-3', { customModelName: 'imported-1' });
    const imported = await env.client().send(new CreateCustomModelCommand(importRequest({ modelName: 'imported-1' })));
    env.emulator.jobs.complete(third);
    expect(env.emulator.jobs.get(third)).toMatchObject({ status: 'Failed', failureMessage: 'A custom model named imported-1 already exists.' });
    expect(env.emulator.customModels.get('imported-1').modelArn).toBe(imported.modelArn);
  });
});

describe('jobs.rules.dataProcessing (L-05)', () => {
  test('everyJob by default: a fine-tuning job runs validation, data processing and training, Completed at the third Get', async () => {
    expect(env.emulator.jobs.rules.dataProcessing).toBe('everyJob');
    const jobArn = await createJob('tune-1');
    expect((await poll(jobArn)).statusDetails).toMatchObject({
      validationDetails: { status: 'Completed' }, dataProcessingDetails: { status: 'InProgress' }, trainingDetails: { status: 'NotStarted' },
    });
    expect((await poll(jobArn)).status).toBe('InProgress');
    const job = await poll(jobArn);
    expect(job.status).toBe('Completed');
    expect(Object.keys(job.statusDetails!)).toEqual(['validationDetails', 'dataProcessingDetails', 'trainingDetails']);
  });

  test('distillationOnly: a fine-tuning job goes from validation to training, without dataProcessingDetails; a distillation keeps all three', async () => {
    env.emulator.jobs.rules.dataProcessing = 'distillationOnly';
    const jobArn = await createJob('tune-1');
    const distillation = await createJob('distill-1', DISTILLATION);
    const running = await poll(jobArn);
    expect(running.statusDetails).toEqual({
      validationDetails: { status: 'Completed', creationTime: CLOCK_START, lastModifiedTime: CLOCK_START },
      trainingDetails: { status: 'InProgress', creationTime: CLOCK_START, lastModifiedTime: CLOCK_START },
    });
    const [summary] = (await env.client().send(new ListModelCustomizationJobsCommand({ nameContains: 'tune-1' }))).modelCustomizationJobSummaries!;
    expect(Object.keys(summary.statusDetails!)).toEqual(['validationDetails', 'trainingDetails']);
    const done = await poll(jobArn);
    expect(done.status).toBe('Completed');
    expect(Object.keys(done.statusDetails!)).toEqual(['validationDetails', 'trainingDetails']);
    expect((await poll(distillation)).statusDetails).toMatchObject({
      validationDetails: { status: 'Completed' }, dataProcessingDetails: { status: 'InProgress' }, trainingDetails: { status: 'NotStarted' },
    });
  });

  test('distillationOnly: a failure planned in data processing happens in training, when a plan in hours has spent no time there', async () => {
    env.emulator.jobs.rules.dataProcessing = 'distillationOnly';
    env.emulator.jobs.planFor('tune-1', jobPlanInHours(10, { status: 'Failed', failureMessage: 'Bad data.', phase: 'dataProcessing' }));
    const [validation, training] = [1800, 28800]; // 5% and 80% of 10 hours; data processing's 15% is not spent
    const jobArn = await createJob('tune-1');
    env.emulator.clock.advance(validation);
    expect(env.emulator.jobs.get(jobArn).statusDetails?.trainingDetails?.status).toBe('InProgress');
    env.emulator.clock.advance(training);
    const job = await poll(jobArn);
    expect(job).toMatchObject({ status: 'Failed', failureMessage: 'Bad data.', endTime: at(validation + training) });
    expect(job.statusDetails).toEqual({
      validationDetails: { status: 'Completed', creationTime: CLOCK_START, lastModifiedTime: at(validation) },
      trainingDetails: { status: 'Failed', creationTime: at(validation), lastModifiedTime: at(validation + training) },
    });
  });
});

describe('jobs.rules.stopRefusal (L-06)', () => {
  test('ValidationException by default, for a job that is not InProgress', async () => {
    expect(env.emulator.jobs.rules.stopRefusal).toBe('ValidationException');
    const jobArn = await createJob('tune-1');
    env.emulator.jobs.complete(jobArn);
    const error = await rejectionOf(stop(jobArn));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('The model customization job tune-1 is Completed and cannot be stopped.');
  });

  test('ConflictException: a Stopping or Completed job is refused so; an InProgress one still stops', async () => {
    env.emulator.jobs.rules.stopRefusal = 'ConflictException';
    const stopping = await createJob('tune-1');
    await stop(stopping);
    const again = await rejectionOf(stop(stopping));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toBe('The model customization job tune-1 is Stopping and cannot be stopped.');
    const completed = await createJob('tune-2');
    env.emulator.jobs.complete(completed);
    expect(await rejectionOf(stop(completed))).toBeInstanceOf(ConflictException);
    expect((await poll(stopping)).status).toBe('Stopped');
  });
});

describe('events.rules.jobStatuses (L-08)', () => {
  test('by default: no event at creation; Stopping and Stopped each send one, Completed one', async () => {
    expect(env.emulator.events.rules.jobStatuses).toEqual(['Completed', 'Failed', 'Stopping', 'Stopped']);
    env.emulator.jobs.defaultPlan = jobPlanInHours(1);
    const stopped = await createJob('tune-1');
    await createJob('tune-2');
    expect(drainNow()).toEqual([]);
    env.emulator.clock.advance(600);
    await stop(stopped);
    env.emulator.clock.advance(HOUR);
    expect(statuses(drainNow())).toEqual([
      `tune-1 Stopping ${iso(at(600))}`,
      `tune-1 Stopped ${iso(at(660))}`,
      `tune-2 Completed ${iso(at(HOUR))}`,
    ]);
  });

  test('with InProgress and without Stopping: an event at creation, none when a job is asked to stop', async () => {
    env.emulator.events.rules.jobStatuses = ['InProgress', 'Completed', 'Failed', 'Stopped'];
    env.emulator.jobs.defaultPlan = jobPlanInHours(1);
    const stopped = await createJob('tune-1');
    const [created] = drainNow();
    expect(created).toMatchObject({ 'detail-type': 'Model Customization Job State Change', 'time': iso(CLOCK_START) });
    expect(created.detail).toMatchObject({ jobName: 'tune-1', jobStatus: 'InProgress', creationTime: iso(CLOCK_START) });
    expect(created.detail.endTime).toBeUndefined();
    await createJob('tune-2');
    env.emulator.clock.advance(600);
    await stop(stopped);
    env.emulator.clock.advance(HOUR);
    expect(statuses(drainNow())).toEqual([
      `tune-2 InProgress ${iso(CLOCK_START)}`,
      `tune-1 Stopped ${iso(at(660))}`,
      `tune-2 Completed ${iso(at(HOUR))}`,
    ]);
  });
});

describe('events.rules.modelImportJobs (L-10)', () => {
  test('false by default: a model import job that ends sends no event', async () => {
    expect(env.emulator.events.rules.modelImportJobs).toBe(false);
    env.emulator.modelImportJobs.defaultPlan = { running: { seconds: 600 } };
    const s3Uri = seedSource(env.emulator, 'llama');
    await startImport({ modelDataSource: { s3DataSource: { s3Uri } } });
    env.emulator.clock.advance(HOUR);
    expect(drainNow()).toEqual([]);
    expect(env.emulator.events.emitted).toEqual([]);
    expect(env.emulator.modelImportJobs.get('import-job-1').status).toBe('Completed');
  });

  test('true: each end sends a Model Import Job State Change at its time, nobody polling, Completed with its model, Failed with why', async () => {
    env.emulator.events.rules.modelImportJobs = true;
    env.emulator.modelImportJobs.defaultPlan = { running: { seconds: 600 } };
    const s3Uri = seedSource(env.emulator, 'llama');
    const jobArn = await startImport({ modelDataSource: { s3DataSource: { s3Uri } } });
    env.emulator.clock.advance(HOUR);
    const noTokenizer = seedSource(env.emulator, 'bare', { without: ['tokenizer.json', 'tokenizer_config.json'] });
    await startImport({ jobName: 'import-job-2', importedModelName: 'imported-model-2', modelDataSource: { s3DataSource: { s3Uri: noTokenizer } } });
    env.emulator.clock.advance(HOUR);
    const [completed, failed, ...others] = drainNow();
    expect(others).toEqual([]);
    expect(env.emulator.callsTo('GetModelImportJob')).toEqual([]);
    const model = env.emulator.modelImportJobs.get('import-job-1').importedModelArn;
    expect(completed).toMatchObject({
      'detail-type': MODEL_IMPORT_JOB_STATE_CHANGE,
      'source': 'aws.bedrock',
      'time': iso(at(600)),
      'resources': [jobArn],
      'detail': {
        version: '0.0',
        jobName: 'import-job-1',
        jobArn,
        importedModelName: 'imported-model-1',
        importedModelArn: model,
        jobStatus: 'Completed',
        creationTime: iso(CLOCK_START),
        endTime: iso(at(600)),
        modelDataSource: { s3DataSource: { s3Uri } },
      },
    });
    expect(failed.time).toBe(iso(at(HOUR + 600)));
    expect(failed.detail).toMatchObject({ jobName: 'import-job-2', jobStatus: 'Failed', failureMessage: expect.stringContaining('no tokenizer files') });
    expect(failed.detail.importedModelArn).toBeUndefined();
  });
});

test('reset() restores every default, with rules objects of its own', () => {
  const { jobs: oldJobs, events: oldEvents } = env.emulator;
  Object.assign(oldJobs.rules, {
    artifactsFolder: 'jobName', validationMetricsFile: 'never', modelNameWhileRunning: 'free', dataProcessing: 'distillationOnly', stopRefusal: 'ConflictException',
  });
  Object.assign(oldEvents.rules, { jobStatuses: ['InProgress'], modelImportJobs: true });
  env.emulator.reset();
  expect(env.emulator.jobs.rules).toEqual(defaultJobRules());
  expect(env.emulator.events.rules).toEqual(defaultEventRules());
  expect(env.emulator.jobs.rules).not.toBe(oldJobs.rules);
  expect(oldJobs.rules.stopRefusal).toBe('ConflictException');
});

describe('the request rules (L-37, L-39, L-40) hold for CreateModelCustomizationJob too', () => {
  test('replayWhileFull refused: a retry of an accepted job is refused while the slots are full, answered once one frees', async () => {
    env.emulator.capacity.limits.customizationJobs = 1;
    env.emulator.capacity.requestRules.replayWhileFull = 'refused';
    const jobArn = await createJob('tune-1', { clientRequestToken: 'token-1' });
    expect(await rejectionOf(createJob('tune-1', { clientRequestToken: 'token-1' }))).toBeInstanceOf(ServiceQuotaExceededException);
    env.emulator.jobs.complete(jobArn);
    expect(await createJob('tune-1', { clientRequestToken: 'token-1' })).toBe(jobArn);
  });

  test('tokenMismatch replayed: the token with other parameters returns the first job and starts none', async () => {
    env.emulator.capacity.requestRules.tokenMismatch = 'replayed';
    const jobArn = await createJob('tune-1', { clientRequestToken: 'token-1' });
    expect(await createJob('tune-2', { clientRequestToken: 'token-1' })).toBe(jobArn);
    expect((await env.client().send(new ListModelCustomizationJobsCommand({}))).modelCustomizationJobSummaries!.map((j) => j.jobName))
      .toEqual(['tune-1']);
  });

  test('iam.checkedFirst false: the quota is refused before an unpropagated role', async () => {
    env.emulator.iam.failuresPerNewRole = 1;
    env.emulator.capacity.limits.customizationJobs = 0;
    const roleArn = 'arn:aws:iam::123456789012:role/NewJobRole';
    expect((await rejectionOf(createJob('tune-1', { roleArn }))).name).toBe('ValidationException');
    env.emulator.iam.checkedFirst = false;
    expect(await rejectionOf(createJob('tune-2', { roleArn: `${roleArn}2` }))).toBeInstanceOf(ServiceQuotaExceededException);
  });
});
