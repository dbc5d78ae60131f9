/*
 * Model customization jobs in the emulator: phases, outcomes, Stop, plans by
 * polls and by emulated time, forced transitions, idempotency, conflicts and
 * the checks of the base model and customization.
 */
import {
  ConflictException,
  CreateModelCustomizationJobCommand,
  CreateModelCustomizationJobCommandInput,
  GetCustomModelCommand,
  GetModelCustomizationJobCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  StopModelCustomizationJobCommand,
  TooManyTagsException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { validateInput } from '../../src/contract/validation';
import { useEmulator } from '../emulator/bedrock-fixtures/harness';
import { BASE_MODEL, jobRequest } from '../emulator/bedrock-fixtures/requests';
import { rejectionOf } from '../emulator/bedrock-fixtures/sdk';

const env = useEmulator();

async function createJob(overrides: Partial<CreateModelCustomizationJobCommandInput> = {}): Promise<string> {
  const { jobArn } = await env.client().send(new CreateModelCustomizationJobCommand(jobRequest(overrides)));
  return jobArn!;
}

async function getJob(jobIdentifier: string) {
  return env.client().send(new GetModelCustomizationJobCommand({ jobIdentifier }));
}

/** The status and the three phase statuses, as one line per poll. */
async function pollStatus(jobIdentifier: string): Promise<string> {
  const { status, statusDetails: d } = await getJob(jobIdentifier);
  return [status, d?.validationDetails?.status, d?.dataProcessingDetails?.status, d?.trainingDetails?.status].join(' ');
}

const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

describe('lifecycle', () => {
  test('by default each phase lasts one poll, then the job is Completed and its custom model Active', async () => {
    const jobArn = await createJob({ customModelTags: [{ key: 'team', value: 'ml' }] });
    expect(env.emulator.jobs.get(jobArn)).toMatchObject({ status: 'InProgress', statusDetails: { validationDetails: { status: 'InProgress' } } });
    expect(await pollStatus(jobArn)).toBe('InProgress Completed InProgress NotStarted');
    expect(await pollStatus(jobArn)).toBe('InProgress Completed Completed InProgress');
    expect(await pollStatus(jobArn)).toBe('Completed Completed Completed Completed');

    const job = await getJob(jobArn);
    expect(job).toMatchObject({
      jobName: 'tune-1',
      outputModelName: 'tuned-1',
      customizationType: 'FINE_TUNING',
      baseModelArn: `arn:aws:bedrock:us-east-1::foundation-model/${BASE_MODEL}`,
      trainingMetrics: { trainingLoss: expect.any(Number) },
      validationMetrics: [{ validationLoss: expect.any(Number) }],
      hyperParameters: { epochCount: '2' },
    });
    expect(job.endTime).toEqual(job.lastModifiedTime);
    const model = await env.client().send(new GetCustomModelCommand({ modelIdentifier: job.outputModelArn! }));
    expect(model).toMatchObject({
      modelArn: job.outputModelArn,
      modelName: 'tuned-1',
      modelStatus: 'Active',
      jobArn,
      jobName: 'tune-1',
      baseModelArn: job.baseModelArn,
      customizationType: 'FINE_TUNING',
      trainingMetrics: job.trainingMetrics,
    });
    const tags = await env.client().send(new ListTagsForResourceCommand({ resourceARN: job.outputModelArn! }));
    expect(tags.tags).toEqual([{ key: 'team', value: 'ml' }]);
  });

  test('job and model ARNs have the forms of the API model', async () => {
    const jobArn = await createJob();
    env.emulator.jobs.complete(jobArn);
    const modelArn = env.emulator.jobs.get(jobArn).outputModelArn!;
    // ModelCustomizationJobArn and CustomModelArn, as the API model states them for the responses.
    expect(jobArn).toMatch(/^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job\/[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}\/[a-z0-9]{12}$/);
    expect(modelArn).toMatch(/^arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model\/(imported|[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})\/[a-z0-9]{12}$/);
    // And the requests that take them back accept them.
    expect(validateInput('StopModelCustomizationJob', { jobIdentifier: jobArn })).toEqual([]);
    expect(validateInput('DeleteCustomModel', { modelIdentifier: modelArn })).toEqual([]);
    expect(validateInput('ListCustomModels', { baseModelArnEquals: modelArn })).toEqual([]);
    expect(validateInput('TagResource', { resourceARN: jobArn, tags: [] })).toEqual([]);
    expect(validateInput('TagResource', { resourceARN: modelArn, tags: [] })).toEqual([]);
  });

  test('a plan counts polls per phase', async () => {
    env.emulator.jobs.planFor('tune-1', { validation: { polls: 2 }, dataProcessing: { polls: 0 }, training: { polls: 3 } });
    const jobArn = await createJob();
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await pollStatus(jobArn));
    expect(seen).toEqual([
      'InProgress InProgress NotStarted NotStarted',
      'InProgress Completed Completed InProgress',
      'InProgress Completed Completed InProgress',
      'InProgress Completed Completed InProgress',
      'Completed Completed Completed Completed',
    ]);
  });

  test('a plan in emulated seconds: each transition is stamped when it happened, whenever it is seen', async () => {
    const { clock, jobs } = env.emulator;
    clock.acceleration = 0;
    jobs.defaultPlan = { validation: { seconds: 60 }, dataProcessing: { seconds: 120 }, training: { seconds: 3600 } };
    const jobArn = await createJob();
    const start = jobs.get(jobArn).creationTime!;
    clock.advance(59);
    expect(await pollStatus(jobArn)).toBe('InProgress InProgress NotStarted NotStarted');
    clock.advance(1);
    expect(await pollStatus(jobArn)).toBe('InProgress Completed InProgress NotStarted');
    clock.advance(10_000);
    const job = await getJob(jobArn);
    expect(job.status).toBe('Completed');
    expect(job.statusDetails?.dataProcessingDetails).toEqual({ status: 'Completed', creationTime: at(start, 60), lastModifiedTime: at(start, 180) });
    expect(job.statusDetails?.trainingDetails).toEqual({ status: 'Completed', creationTime: at(start, 180), lastModifiedTime: at(start, 3780) });
    expect(job.endTime).toEqual(at(start, 3780));
    const model = env.emulator.customModels.get(job.outputModelArn!);
    expect(model.creationTime).toEqual(at(start, 3780));
  });

  test('an accelerated clock runs a planned hour in milliseconds', async () => {
    const { clock, jobs } = env.emulator;
    clock.acceleration = 0;
    jobs.defaultPlan = { validation: { seconds: 600 }, dataProcessing: { seconds: 600 }, training: { seconds: 2400 } };
    const jobArn = await createJob();
    expect((await getJob(jobArn)).status).toBe('InProgress');
    clock.acceleration = 3_600_000 / 50; // one emulated hour in 50 real ms
    await new Promise((resolve) => setTimeout(resolve, 80));
    const job = await getJob(jobArn);
    expect(job.status).toBe('Completed');
    expect(job.endTime!.getTime() - job.creationTime!.getTime()).toBe(3600_000);
  });

  test('a failing plan: Failed in the planned phase, with its message and no model', async () => {
    env.emulator.jobs.planFor('tune-1', { outcome: { status: 'Failed', failureMessage: 'Training data has 3 malformed records.', phase: 'validation' } });
    const jobArn = await createJob();
    const job = await getJob(jobArn);
    expect(job).toMatchObject({ status: 'Failed', failureMessage: 'Training data has 3 malformed records.' });
    expect(job.statusDetails?.validationDetails?.status).toBe('Failed');
    expect(job.statusDetails?.trainingDetails).toEqual({ status: 'NotStarted' });
    expect(job.outputModelArn).toBeUndefined();
    expect(job.endTime).toBeDefined();
    expect(env.emulator.customModels.has('tuned-1')).toBe(false);
  });

  test('Get and Stop take the job name as well as the ARN; an unknown job is ResourceNotFoundException', async () => {
    const jobArn = await createJob();
    expect((await getJob('tune-1')).jobArn).toBe(jobArn);
    await env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier: 'tune-1' }));
    expect(env.emulator.jobs.get(jobArn).status).toBe('Stopping');
    const error = await rejectionOf(getJob('no-such-job'));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});

describe('Stop', () => {
  test('an InProgress job goes Stopping, then Stopped after the planned polls; no model appears', async () => {
    env.emulator.jobs.defaultPlan = { stopping: { polls: 2 } };
    const jobArn = await createJob();
    await pollStatus(jobArn);
    await env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(await pollStatus(jobArn)).toBe('Stopping Completed Stopping NotStarted');
    expect(await pollStatus(jobArn)).toBe('Stopped Completed Stopped NotStarted');
    const job = await getJob(jobArn);
    expect(job.endTime).toBeDefined();
    expect(job.outputModelArn).toBeUndefined();
    expect(env.emulator.customModels.has('tuned-1')).toBe(false);
  });

  test('in-process, advance ends Stopping at once', async () => {
    const jobArn = await createJob();
    env.emulator.jobs.stop(jobArn);
    env.emulator.jobs.advance(jobArn);
    expect(env.emulator.jobs.get(jobArn)).toMatchObject({ status: 'Stopped', statusDetails: { validationDetails: { status: 'Stopped' } } });
    expect(() => env.emulator.jobs.advance(jobArn)).toThrow('is Stopped: nothing to advance');
  });

  test.each([
    ['Completed', (arn: string) => env.emulator.jobs.complete(arn)],
    ['Failed', (arn: string) => env.emulator.jobs.fail(arn, 'boom')],
    ['Stopping', (arn: string) => env.emulator.jobs.stop(arn)],
  ])('a %s job cannot be stopped: ValidationException', async (status, bringTo) => {
    const jobArn = await createJob();
    bringTo(jobArn);
    const error = await rejectionOf(env.client().send(new StopModelCustomizationJobCommand({ jobIdentifier: jobArn })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain(`is ${status} and cannot be stopped`);
  });
});

describe('in-process control', () => {
  test('complete, fail and advance act at once; in-process reads are neither polls nor calls', async () => {
    env.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is not about the account's limit
    const { jobs } = env.emulator;
    const [a, b, c] = [await createJob(), await createJob({ jobName: 'tune-2', customModelName: 'tuned-2' }),
      await createJob({ jobName: 'tune-3', customModelName: 'tuned-3' })];
    for (let i = 0; i < 5; i++) jobs.get(a);
    expect(jobs.get(a).statusDetails?.validationDetails?.status).toBe('InProgress');

    jobs.complete(a, { trainingLoss: 0.5, validationLoss: 0.75 });
    expect(jobs.get(a)).toMatchObject({ status: 'Completed', trainingMetrics: { trainingLoss: 0.5 }, validationMetrics: [{ validationLoss: 0.75 }] });
    expect(env.emulator.customModels.get('tuned-1').modelStatus).toBe('Active');

    jobs.fail(b, 'Out of capacity.');
    expect(jobs.get(b)).toMatchObject({ status: 'Failed', failureMessage: 'Out of capacity.' });

    jobs.advance(c);
    jobs.advance(c);
    expect(jobs.get(c).statusDetails?.trainingDetails?.status).toBe('InProgress');
    jobs.setPlan(c, { outcome: { status: 'Failed', failureMessage: 'Loss diverged.' } });
    jobs.advance(c);
    expect(jobs.get(c)).toMatchObject({ status: 'Failed', failureMessage: 'Loss diverged.', statusDetails: { trainingDetails: { status: 'Failed' } } });

    expect(env.emulator.calls.map((call) => call.operation)).toEqual(Array(3).fill('CreateModelCustomizationJob'));
    expect(() => jobs.complete(a)).toThrow(/is Completed, not InProgress/);
  });
});

describe('idempotency', () => {
  test('the same clientRequestToken and request return the same job and create no other', async () => {
    const first = await createJob({ clientRequestToken: 'token-1' });
    const second = await createJob({ clientRequestToken: 'token-1' });
    expect(second).toBe(first);
    expect(env.emulator.jobs.list().items).toHaveLength(1);
    expect(env.emulator.jobs.get(first).clientRequestToken).toBe('token-1');
  });

  test('the same token with other parameters is a ConflictException', async () => {
    await createJob({ clientRequestToken: 'token-1' });
    const error = await rejectionOf(createJob({ clientRequestToken: 'token-1', hyperParameters: { epochCount: '3' } }));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('token-1');
  });
});

describe('conflicts', () => {
  test('a job name in use (by a job in any status) is a ConflictException', async () => {
    const jobArn = await createJob();
    env.emulator.jobs.fail(jobArn, 'boom');
    const error = await rejectionOf(createJob({ customModelName: 'other' }));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('job named tune-1');
  });

  test('a custom model name taken by a model, or by a running job\'s output, is a ConflictException until that job fails', async () => {
    env.emulator.customModels.add({ modelName: 'existing' });
    expect(await rejectionOf(createJob({ customModelName: 'existing' }))).toBeInstanceOf(ConflictException);

    const running = await createJob();
    const error = await rejectionOf(createJob({ jobName: 'tune-2' }));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.message).toContain('custom model named tuned-1');
    env.emulator.jobs.fail(running, 'boom');
    await expect(createJob({ jobName: 'tune-2' })).resolves.toMatch(/model-customization-job/);
  });
});

describe('base model and customization', () => {
  test('the base model may be a foundation-model ARN; jobs are tagged with jobTags', async () => {
    const jobArn = await createJob({
      baseModelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-8b-instruct-v1:0:128k',
      jobTags: [{ key: 'stage', value: 'dev' }],
    });
    expect(jobArn).toContain(':model-customization-job/meta.llama3-1-8b-instruct-v1:0:128k/');
    const tags = await env.client().send(new ListTagsForResourceCommand({ resourceARN: jobArn }));
    expect(tags.tags).toEqual([{ key: 'stage', value: 'dev' }]);
  });

  test.each<[string, Partial<CreateModelCustomizationJobCommandInput>, string]>([
    ['an unknown model', { baseModelIdentifier: 'amazon.no-such-model-v1:0' }, 'is not a foundation model available in this region'],
    ['another region\'s model', { baseModelIdentifier: `arn:aws:bedrock:eu-west-1::foundation-model/${BASE_MODEL}` }, 'is not a foundation model'],
    ['a model for on-demand inference only', { baseModelIdentifier: 'amazon.nova-micro-v1:0' }, 'does not support the customization type FINE_TUNING'],
    ['an unsupported customization', { baseModelIdentifier: 'amazon.nova-micro-v1:0:128k', customizationType: 'CONTINUED_PRE_TRAINING' },
      'does not support the customization type CONTINUED_PRE_TRAINING'],
    ['IMPORTED, which is not a job', { customizationType: 'IMPORTED' }, 'does not support the customization type IMPORTED'],
    ['distillation without its configuration', { baseModelIdentifier: 'amazon.nova-micro-v1:0:128k', customizationType: 'DISTILLATION' },
      'needs customizationConfig.distillationConfig'],
    ['an unknown teacher', {
      baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
      customizationType: 'DISTILLATION',
      customizationConfig: { distillationConfig: { teacherModelConfig: { teacherModelIdentifier: 'amazon.unknown-v1:0' } } },
    }, 'teacher model amazon.unknown-v1:0 is not available'],
    ['reinforcement fine-tuning without rftConfig', { baseModelIdentifier: 'amazon.nova-2-lite-v1:0:256k', customizationType: 'REINFORCEMENT_FINE_TUNING' },
      'needs customizationConfig.rftConfig'],
    ['a customizationConfig for fine-tuning', { customizationConfig: { rftConfig: {} } }, 'does not apply to the customization type FINE_TUNING'],
    ['invocation logs as fine-tuning data', { trainingDataConfig: { invocationLogsConfig: { invocationLogSource: { s3Uri: 's3://logs-bucket/' } } } },
      'only for DISTILLATION'],
    ['no training data', { trainingDataConfig: {} }, 'needs exactly one of s3Uri and invocationLogsConfig'],
    ['a subnet id that names no subnet', { vpcConfig: { subnetIds: ['sg-0e3f'], securityGroupIds: ['sg-0e3f'] } }, "The subnet ID 'sg-0e3f' is not valid."],
    ['a security group id that names no security group', { vpcConfig: { subnetIds: ['subnet-0a1b'], securityGroupIds: ['subnet-0a1b'] } },
      "The security group ID 'subnet-0a1b' is not valid."],
    ['a subnet given twice', { vpcConfig: { subnetIds: ['subnet-0a1b', 'subnet-0a1b'], securityGroupIds: ['sg-0e3f'] } },
      "The subnet ID 'subnet-0a1b' is given more than once."],
    ['a model key of another region', { customModelKmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      'is not in account 123456789012 and region us-east-1'],
    ['a model key of another account', { customModelKmsKeyId: 'arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      'is not in account 123456789012'],
  ])('%s is a ValidationException', async (_, overrides, message) => {
    const error = await rejectionOf(createJob(overrides));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain(message);
    expect(env.emulator.jobs.list().items).toEqual([]);
  });

  test('distillation from invocation logs with a cross-region teacher profile, and reinforcement fine-tuning, are accepted', async () => {
    const distilled = await createJob({
      baseModelIdentifier: 'amazon.nova-micro-v1:0:128k',
      customizationType: 'DISTILLATION',
      customizationConfig: { distillationConfig: { teacherModelConfig: { teacherModelIdentifier: 'us.amazon.nova-pro-v1:0', maxResponseLengthForInference: 1000 } } },
      trainingDataConfig: { invocationLogsConfig: { invocationLogSource: { s3Uri: 's3://logs-bucket/' }, requestMetadataFilters: { equals: { project: 'x' } } } },
    });
    expect(env.emulator.jobs.get(distilled).customizationType).toBe('DISTILLATION');
    const rft = await createJob({
      jobName: 'rft-1',
      customModelName: 'rft-model',
      baseModelIdentifier: 'amazon.nova-2-lite-v1:0:256k',
      customizationType: 'REINFORCEMENT_FINE_TUNING',
      customizationConfig: { rftConfig: { graderConfig: { lambdaGrader: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:grader' } } } },
    });
    expect(env.emulator.jobs.get(rft).customizationConfig).toEqual({
      rftConfig: { graderConfig: { lambdaGrader: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:grader' } } },
    });
  });

  test('a custom model a job produced may be the base, by ARN or name; the job runs on its foundation model', async () => {
    const byArn = env.emulator.customModels.add({ modelName: 'runbooks-v1', baseModelId: 'amazon.nova-micro-v1:0:128k' });
    const jobArn = await createJob({ baseModelIdentifier: byArn });
    expect(jobArn).toContain(':model-customization-job/amazon.nova-micro-v1:0:128k/');
    expect((await getJob(jobArn)).baseModelArn).toBe('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k');
    await expect(createJob({ jobName: 'tune-2', customModelName: 'tuned-2', baseModelIdentifier: 'runbooks-v1' })).resolves.toBeDefined();
  });

  test.each<[string, Parameters<typeof env.emulator.customModels.add>[0], Partial<CreateModelCustomizationJobCommandInput>, string]>([
    ['an imported model', { modelName: 'imported-1', customizationType: 'IMPORTED' }, {}, 'is an imported model. Imported models cannot be customized.'],
    ['a model still Creating', { modelName: 'creating-1', modelStatus: 'Creating' }, {}, 'is Creating, not Active'],
    ['a model whose foundation model lacks the customization', { modelName: 'micro-1', baseModelId: 'amazon.nova-micro-v1:0:128k' },
      { customizationType: 'CONTINUED_PRE_TRAINING' }, 'does not support the customization type CONTINUED_PRE_TRAINING'],
  ])('%s as the base is a ValidationException', async (_, seed, overrides, message) => {
    env.emulator.customModels.add(seed);
    const error = await rejectionOf(createJob({ baseModelIdentifier: seed.modelName, ...overrides }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain(message);
    expect(env.emulator.jobs.list().items).toEqual([]);
  });

  test('an unknown custom model as the base is a ValidationException', async () => {
    const error = await rejectionOf(createJob({ baseModelIdentifier: 'no-such-model' }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain('no-such-model is not a foundation model available in this region');
  });

  test('reinforcement fine-tuning may train on invocation logs', async () => {
    const jobArn = await createJob({
      baseModelIdentifier: 'amazon.nova-2-lite-v1:0:256k',
      customizationType: 'REINFORCEMENT_FINE_TUNING',
      customizationConfig: { rftConfig: { graderConfig: { lambdaGrader: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:grader' } } } },
      trainingDataConfig: { invocationLogsConfig: { invocationLogSource: { s3Uri: 's3://logs-bucket/' } } },
    });
    expect(env.emulator.jobs.get(jobArn).trainingDataConfig).toEqual({ invocationLogsConfig: { invocationLogSource: { s3Uri: 's3://logs-bucket/' } } });
  });

  test('more than 50 job or model tags is a TooManyTagsException, though a TagList may hold 200', async () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(await rejectionOf(createJob({ jobTags: tags }))).toBeInstanceOf(TooManyTagsException);
    expect(await rejectionOf(createJob({ customModelTags: tags }))).toBeInstanceOf(TooManyTagsException);
    await expect(createJob({ jobTags: tags.slice(0, 50), customModelTags: tags.slice(0, 50) })).resolves.toBeDefined();
  });
});
