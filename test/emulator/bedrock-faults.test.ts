/*
 * Fault injection (errors, latency, dropped responses; matched by operation,
 * every n-th request, first n times, or a predicate) as the real SDK lives it,
 * and IAM propagation delays.
 */
import {
  AccessDeniedException,
  ConflictException,
  CreateCustomModelCommand,
  CreateModelCustomizationJobCommand,
  GetFoundationModelCommand,
  ListFoundationModelsCommand,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { importRequest, jobRequest, ROLE_ARN } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { ASSUME_ROLE_FAILURE } from '../../emulator/bedrock';

const env = useEmulator();

const getModel = (config = {}) => env.client(config).send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-micro-v1:0:128k' }));
const listModels = () => env.client().send(new ListFoundationModelsCommand({}));
const createJob = (overrides = {}, config = {}) => env.client(config).send(new CreateModelCustomizationJobCommand(jobRequest(overrides)));

/** Status code, or error type, of each call so far. */
const outcomes = () => env.emulator.calls.map((c) => c.errorType ?? c.statusCode);

describe('errors', () => {
  test('throttling is retried by the SDK, and the retry succeeds', async () => {
    const fault = env.emulator.faults.throttle({ operation: 'GetFoundationModel', times: 1 });
    const response = await getModel({ maxAttempts: 3 });
    expect(response.$metadata.attempts).toBe(2);
    expect(fault.injected).toBe(1);
    expect(env.emulator.calls.map((c) => [c.statusCode, c.errorType, c.faults])).toEqual([
      [429, 'ThrottlingException', [{ kind: 'error', error: 'ThrottlingException', message: 'Rate exceeded' }]],
      [200, undefined, []],
    ]);
  });

  test('internal errors are retried by the SDK until its attempts run out', async () => {
    env.emulator.faults.internalError({ operation: 'GetFoundationModel', times: 2 });
    await expect(getModel({ maxAttempts: 3 })).resolves.toMatchObject({ $metadata: { attempts: 3 } });
    env.emulator.faults.internalError({ operation: 'GetFoundationModel' });
    const error = await rejectionOf(getModel({ maxAttempts: 2 }));
    expect(error.name).toBe('InternalServerException');
    expect(error.$fault).toBe('server');
    expect(error.$metadata.attempts).toBe(2);
  });

  test('any modelled error by name, with a message; the operation is not applied', async () => {
    env.emulator.faults.error('ServiceQuotaExceededException', { operation: 'CreateModelCustomizationJob' }, 'Too many jobs in progress.');
    const error = await rejectionOf(createJob());
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.message).toBe('Too many jobs in progress.');
    expect(env.emulator.jobs.list().items).toEqual([]);
  });

  test('an error some operation does not model is refused for it, and applies only to the others when unfiltered', async () => {
    expect(() => env.emulator.faults.error('ConflictException', { operation: ['CreateCustomModel', 'GetFoundationModel'] }))
      .toThrow('GetFoundationModel cannot answer ConflictException');
    expect(() => env.emulator.faults.error('NoSuchException' as never)).toThrow('not a modelled Bedrock error');
    env.emulator.faults.error('ConflictException');
    await expect(getModel()).resolves.toBeDefined();
    expect(await rejectionOf(env.client().send(new CreateCustomModelCommand(importRequest())))).toBeInstanceOf(ConflictException);
  });
});

describe('matching', () => {
  test('every n-th request, at most n times', async () => {
    env.emulator.faults.error('AccessDeniedException', { operation: 'ListFoundationModels', every: 2, times: 2 });
    for (let i = 0; i < 6; i++) await listModels().catch((e) => expect(e).toBeInstanceOf(AccessDeniedException));
    expect(outcomes()).toEqual([200, 'AccessDeniedException', 200, 'AccessDeniedException', 200, 200]);
  });

  test('a predicate on the input', async () => {
    env.emulator.faults.throttle({ when: (input) => input.jobName === 'tune-2' });
    await createJob();
    expect(await rejectionOf(createJob({ jobName: 'tune-2', customModelName: 'tuned-2' }))).toBeInstanceOf(ThrottlingException);
    expect(outcomes()).toEqual([201, 'ThrottlingException']);
  });

  test('remove() retires one fault, clear() all', async () => {
    const a = env.emulator.faults.throttle({ operation: 'ListFoundationModels' });
    env.emulator.faults.throttle({ operation: 'GetFoundationModel' });
    a.remove();
    await expect(listModels()).resolves.toBeDefined();
    env.emulator.faults.clear();
    await expect(getModel()).resolves.toBeDefined();
    expect(() => env.emulator.faults.throttle({ every: 0 })).toThrow('every must be an integer >= 1');
  });
});

describe('latency and dropped responses', () => {
  test('latency delays the answer', async () => {
    env.emulator.faults.latency(120, { operation: 'ListFoundationModels', times: 1 });
    const started = Date.now();
    await listModels();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(env.emulator.calls[0].faults).toEqual([{ kind: 'latency', ms: 120 }]);
  });

  test('a response dropped after the job was created: the SDK retries with the same token and still one job exists', async () => {
    env.emulator.faults.dropResponse({ operation: 'CreateModelCustomizationJob', times: 1 });
    const { jobArn, $metadata } = await createJob({}, { maxAttempts: 3 });
    expect($metadata.attempts).toBe(2);
    expect(env.emulator.jobs.list().items.map((j) => j.jobArn)).toEqual([jobArn]);
    const [dropped, retried] = env.emulator.callsTo('CreateModelCustomizationJob');
    expect(dropped).toMatchObject({ statusCode: 201, faults: [{ kind: 'drop' }] });
    expect(retried.input.clientRequestToken).toBe(dropped.input.clientRequestToken);
  });

  test('without retries the client sees a network error, though the job was created', async () => {
    env.emulator.faults.dropResponse({ operation: 'CreateModelCustomizationJob' });
    const error = await rejectionOf(createJob());
    expect(error.name).not.toMatch(/Exception$/);
    expect(env.emulator.jobs.list().items).toHaveLength(1);
  });
});

describe('IAM propagation', () => {
  test('off by default', async () => {
    await expect(createJob()).resolves.toBeDefined();
  });

  test('the first k creates with a role never seen before cannot assume it; then the role works', async () => {
    env.emulator.capacity.limits.modelImports = Infinity; // more than one import at once: this test is not about the account's limit
    env.emulator.iam.failuresPerNewRole = 2;
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(createJob());
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toBe(ASSUME_ROLE_FAILURE);
    }
    await expect(createJob()).resolves.toBeDefined();
    // The role has propagated for imports too; another new role has not.
    await expect(env.client().send(new CreateCustomModelCommand(importRequest()))).resolves.toBeDefined();
    const otherRole = `${ROLE_ARN}-2`;
    expect(await rejectionOf(env.client().send(new CreateCustomModelCommand(importRequest({ modelName: 'imported-2', roleArn: otherRole })))))
      .toBeInstanceOf(ValidationException);
    env.emulator.iam.propagate(otherRole);
    await expect(env.client().send(new CreateCustomModelCommand(importRequest({ modelName: 'imported-2', roleArn: otherRole })))).resolves.toBeDefined();
    expect(env.emulator.violations).toEqual([]);
  });
});
