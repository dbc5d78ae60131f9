import { setTimeout as sleep } from 'timers/promises';
import {
  AccessDeniedException, ConflictException, CreateModelCustomizationJobCommand,
  CreateModelCustomizationJobCommandInput, GetModelCustomizationJobCommand, ResourceNotFoundException, ValidationException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { jobPhysicalId, rawProperties } from './handler-fixtures';
import { onEvent } from '../../lambda/model-customization-job/on-event';
import { clientRequestToken, generatedName, nameSeed } from '../../lambda/shared/names';
import { PROPAGATION_WAIT_MS } from '../../lambda/shared/propagation-retry';
import { CREATE_REQUEST_ID, createEvent, JOB_ARN, JOB_ARN_2, LOGICAL_ID, logLines, STACK_ID, useSleepingHandler } from '../lambda/fixtures';

jest.mock('timers/promises', () => ({ setTimeout: jest.fn() }));

const $metadata = {};
const identity = { stackId: STACK_ID, logicalResourceId: LOGICAL_ID, requestId: CREATE_REQUEST_ID };
const token = clientRequestToken(identity);
const seed = nameSeed(identity);
const generated = generatedName(STACK_ID, LOGICAL_ID, seed);

const { bedrock, logs } = useSleepingHandler(sleep);

const roleNotAssumable = () => new ValidationException({ message: 'Could not assume provided IAM role.', $metadata });

describe('Create', () => {
  test('starts the job with the derived token and generated names, and returns <jobArn>#<seed>#<digest>#<model tags>#pending and the names', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });

    const result = await onEvent(createEvent(rawProperties({ hyperParameters: { epochCount: '2' } })));

    expect(result).toEqual({
      PhysicalResourceId: jobPhysicalId(JOB_ARN, seed, rawProperties({ hyperParameters: { epochCount: '2' } }), true),
      Data: { JobArn: JOB_ARN, JobName: generated, CustomModelName: generated },
    });
    expect(generated).toBe(`FineTuneStack-TuneJob1A2B3C4D-${seed}`);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
    // The rest of the request is request.test.ts's business.
    expect(bedrock).toHaveReceivedCommandWith(CreateModelCustomizationJobCommand, {
      jobName: generated,
      customModelName: generated,
      clientRequestToken: token,
    });
  });

  test('a job without custom model tags gets the id <jobArn>#<seed>#<digest>#pending, with no model tags digest', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
    const result = await onEvent(createEvent(rawProperties({ customModelTags: undefined })));
    expect(result.PhysicalResourceId).toMatch(new RegExp(`^${JOB_ARN.replace(/[.:/]/g, '\\$&')}#${seed}#[0-9a-f]{16}#pending$`));
  });

  test('uses the names the user set', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
    const result = await onEvent(createEvent(rawProperties({ jobName: 'my-job', customModelName: 'my_model' })));
    expect(result.Data).toEqual({ JobArn: JOB_ARN, JobName: 'my-job', CustomModelName: 'my_model' });
    expect(bedrock).toHaveReceivedCommandWith(CreateModelCustomizationJobCommand, { jobName: 'my-job', customModelName: 'my_model' });
  });

  test('a retried Create (same RequestId) gets the same PhysicalResourceId and exactly one job', async () => {
    // Bedrock's idempotency: the same clientRequestToken returns the job it already started.
    const jobsByToken = new Map<string, string>();
    bedrock.on(CreateModelCustomizationJobCommand).callsFake((input: CreateModelCustomizationJobCommandInput) => {
      if (!jobsByToken.has(input.clientRequestToken!)) jobsByToken.set(input.clientRequestToken!, [JOB_ARN, JOB_ARN_2][jobsByToken.size]);
      return { jobArn: jobsByToken.get(input.clientRequestToken!) };
    });

    const first = await onEvent(createEvent(rawProperties()));
    const retry = await onEvent(createEvent(rawProperties()));

    expect(retry).toEqual(first);
    expect(jobsByToken.size).toBe(1);
    const calls = bedrock.commandCalls(CreateModelCustomizationJobCommand);
    expect(calls[1].args[0].input).toEqual(calls[0].args[0].input);
  });

  test('a name conflict with a job bearing our token adopts that job', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ConflictException({ message: 'Job name already exists', $metadata }));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, jobName: 'my-job', clientRequestToken: token, status: 'InProgress' });

    const result = await onEvent(createEvent(rawProperties({ jobName: 'my-job' })));

    expect(result.PhysicalResourceId).toBe(jobPhysicalId(JOB_ARN, seed, rawProperties({ jobName: 'my-job' }), true));
    expect(result.Data?.JobName).toBe('my-job');
    expect(bedrock).toHaveReceivedCommandWith(GetModelCustomizationJobCommand, { jobIdentifier: 'my-job' });
  });

  test('a conflict on a user-given jobName held by another job fails with a clear message', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ConflictException({ message: 'Job name already exists', $metadata }));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN_2, jobName: 'my-job', clientRequestToken: 'someone-else' });

    await expect(onEvent(createEvent(rawProperties({ jobName: 'my-job' })))).rejects.toThrow(
      "A model customization job named 'my-job' already exists (jobName is set in your stack). "
      + 'Choose another jobName, or remove it to let the handler generate one.',
    );
  });

  test('a conflict on a generated jobName adopts the job: the name derives from this RequestId', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ConflictException({ message: 'Job name already exists', $metadata }));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, jobName: generated });

    const result = await onEvent(createEvent(rawProperties()));

    expect(result.PhysicalResourceId).toBe(jobPhysicalId(JOB_ARN, seed, rawProperties(), true));
    expect(bedrock).toHaveReceivedCommandWith(GetModelCustomizationJobCommand, { jobIdentifier: generated });
  });

  test('a conflict with no job of that name is about the user-given customModelName', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ConflictException({ message: 'Model name already exists', $metadata }));
    bedrock.on(GetModelCustomizationJobCommand).rejects(new ResourceNotFoundException({ message: 'no such job', $metadata }));

    await expect(onEvent(createEvent(rawProperties({ customModelName: 'my-model' })))).rejects.toThrow(
      "A custom model named 'my-model' already exists (customModelName is set in your stack). "
      + 'Choose another customModelName, or remove it to let the handler generate one.',
    );
  });

  test("a create rejected by Bedrock fails with Bedrock's message, and nothing else is called", async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ValidationException({ message: 'epochCount must be between 1 and 10', $metadata }));

    await expect(onEvent(createEvent(rawProperties({ hyperParameters: { epochCount: '20' } })))).rejects.toThrow(
      `Creating model customization job '${generated}' failed: Bedrock rejected the request: epochCount must be between 1 and 10`,
    );
    // The base model check (preflight.test.ts), then the create.
    expect(bedrock.calls().map((c) => c.args[0].constructor.name)).toEqual(['GetFoundationModelCommand', 'CreateModelCustomizationJobCommand']);
  });

  test('AccessDenied says the handler role lacks permission', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new AccessDeniedException({ message: 'not authorized to perform iam:PassRole', $metadata }));

    await expect(onEvent(createEvent(rawProperties()))).rejects.toThrow(/the handler role lacks permission.*not authorized to perform iam:PassRole/);
  });

  test('bad properties fail before any Bedrock call, naming the property', async () => {
    await expect(onEvent(createEvent(rawProperties({ outputDataS3Uri: undefined })))).rejects.toThrow(
      "Invalid property 'outputDataS3Uri': expected a string (missing)",
    );
    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('logs the request and each Bedrock call as JSON, without the presigned ResponseURL', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
    await onEvent(createEvent(rawProperties()));

    const lines = logLines(logs());
    expect(lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'info', message: 'Request', requestType: 'Create', logicalResourceId: LOGICAL_ID }),
      expect.objectContaining({ message: 'Bedrock call', operation: 'CreateModelCustomizationJob', target: generated }),
      expect.objectContaining({ message: 'Bedrock call succeeded', operation: 'CreateModelCustomizationJob' }),
    ]));
    expect(JSON.stringify(lines)).not.toContain('presigned');
  });

  test('returns a deadline when the job is waited for, completionTimeoutSeconds after the request', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
    const result = await onEvent(createEvent(rawProperties({ completionTimeoutSeconds: '1800' })));
    expect(result.Deadline).toBe(new Date(Date.now() + 1800_000).toISOString());
  });

  test('returns no deadline when the job is not waited for', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
    expect(await onEvent(createEvent(rawProperties()))).not.toHaveProperty('Deadline');
  });

  test('retries while Bedrock cannot assume a new service role yet (IAM propagation)', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejectsOnce(roleNotAssumable()).rejectsOnce(roleNotAssumable()).resolves({ jobArn: JOB_ARN });

    const result = await onEvent(createEvent(rawProperties()));

    expect(result.Data?.JobArn).toBe(JOB_ARN);
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 3);
    const tokens = bedrock.commandCalls(CreateModelCustomizationJobCommand).map(c => c.args[0].input.clientRequestToken);
    expect(new Set(tokens)).toEqual(new Set([token]));
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  test('with waiting, the deadline counts from the start of the request, IAM-propagation retries included', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejectsOnce(roleNotAssumable()).rejectsOnce(roleNotAssumable()).resolves({ jobArn: JOB_ARN });
    const started = Date.now();

    const result = await onEvent(createEvent(rawProperties({ completionTimeoutSeconds: '3300' })));

    // The retries took (virtual) time, which the deadline does not add to the timeout.
    expect(Date.now() - started).toBeGreaterThanOrEqual(15_000);
    expect(Date.parse(result.Deadline!)).toBe(started + 3300 * 1000);
  });

  test('gives up after two minutes of an unassumable role, with Bedrock\'s message', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(roleNotAssumable());

    await expect(onEvent(createEvent(rawProperties()))).rejects.toThrow(
      /failed: Bedrock rejected the request: Could not assume provided IAM role\. Bedrock could not assume the service role for two minutes: check that its trust policy allows bedrock\.amazonaws\.com/,
    );

    const waited = (sleep as unknown as jest.Mock).mock.calls.reduce((sum, [ms]) => sum + ms, 0);
    expect(waited).toBeLessThanOrEqual(PROPAGATION_WAIT_MS);
    expect(waited).toBeGreaterThan(PROPAGATION_WAIT_MS / 2);
  });

  test('other validation errors are not retried', async () => {
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ValidationException({ message: 'The base model does not support FINE_TUNING.', $metadata }));
    await expect(onEvent(createEvent(rawProperties()))).rejects.toThrow('does not support FINE_TUNING');
    expect(bedrock).toHaveReceivedCommandTimes(CreateModelCustomizationJobCommand, 1);
  });
});
