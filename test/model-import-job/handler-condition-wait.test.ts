/*
 * A model import job that a wait condition waits for (over 55 minutes): its
 * resource completes at once and registers the condition in the stack's
 * queue; the import watcher signals the condition when the job ends; the
 * import result after it reads the job by its name.
 */
import { CreateModelImportJobCommand, DeleteImportedModelCommand, GetModelImportJobCommand, ServiceQuotaExceededException, TagResourceCommand } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { IMPORT_JOB_ARN, IMPORTED_ARN, importJob, importJobPhysicalId, modelImportProperties } from './handler-fixtures';
import { modelImportWatcher as watch } from '../../lambda/index';
import { onEvent } from '../../lambda/model-import-job/on-event';
import { MODEL_IMPORT } from '../../lambda/model-import-job/properties';
import { onEvent as resultOnEvent } from '../../lambda/model-import-job-result/on-event';
import type { QueueItem } from '../../lambda/shared/slot-queue';
import { createEvent, deleteEvent, LOGICAL_ID, updateEvent, useMockedBedrock } from '../lambda/fixtures';
import { useHandle } from '../lambda/handle-fixture';
import { useSlotQueue } from '../lambda/slot-queue-fixture';

const { bedrock } = useMockedBedrock();
const queue = useSlotQueue();
const handle = useHandle();

const JOB_NAME = 'llama-support-import';
const FALLBACK = { 'detail-type': 'Scheduled Event', 'source': 'aws.events', 'detail': {} };
/** The properties under a wait condition of 3 hours: no completionTimeoutSeconds. */
const waited = (overrides = {}) => modelImportProperties({
  completionTimeoutSeconds: undefined, waitGeneration: '0A1B2C3D', waitHandleUrl: handle.url, waitSeconds: '10800', ...overrides,
});

describe('the job resource', () => {
  test('Create: the job is submitted, its wait registered (the handle, the deadline), and the resource is complete at once (no Deadline)', async () => {
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN });
    const before = Date.now();

    const result = await onEvent(createEvent(waited()));

    expect(result.Deadline).toBeUndefined();
    expect(result.Data).toMatchObject({ JobArn: IMPORT_JOB_ARN, ImportedModelArn: '' });
    const [item] = [...queue.items.values()];
    expect(item).toMatchObject({ kind: 'modelImport', state: 'started', arn: IMPORT_JOB_ARN, wait: { handleUrl: handle.url } });
    expect(item.wait.deadline).toBeGreaterThanOrEqual(before + 10800 * 1000);
  });

  test('Create without a free slot: the create is queued with its wait, and the resource is complete at once', async () => {
    bedrock.on(CreateModelImportJobCommand).rejects(new ServiceQuotaExceededException({ message: 'quota', $metadata: {} }));

    const result = await onEvent(createEvent(waited()));

    expect(result.Deadline).toBeUndefined();
    expect([...queue.items.values()]).toEqual([expect.objectContaining({ state: 'queued', wait: expect.objectContaining({ handleUrl: handle.url }) })]);
  });

  test('Update from the polled tier to a condition: the same job, its new wait registered; no new job', async () => {
    const before = modelImportProperties();
    const id = importJobPhysicalId(before);

    const result = await onEvent(updateEvent(id, before, waited()));

    expect(MODEL_IMPORT.physicalId.parse(result.PhysicalResourceId)?.arn).toBe(IMPORT_JOB_ARN);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelImportJobCommand);
    expect([...queue.items.values()]).toEqual([expect.objectContaining({ key: expect.stringMatching(`^${LOGICAL_ID}#`), arn: IMPORT_JOB_ARN, state: 'started' })]);
  });

  test('a replacement the template does not show (same generation) is refused before any job starts, saying what works', async () => {
    const before = waited();
    const after = waited({ modelDataS3Uri: 's3://models-bucket/llama-v2/' });

    await expect(onEvent(updateEvent(importJobPhysicalId(before), before, after))).rejects.toThrow(
      /^Cannot replace model import job '.+': modelDataS3Uri changed at deployment, from a value the template does not show .*another completionTimeout/);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelImportJobCommand);
  });

  test('Delete of a job still running under a condition: the Delete waits for it (its model is deleted once it ends)', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('InProgress'));
    const props = waited({ removalPolicy: 'destroy' });
    const result = await onEvent(deleteEvent(importJobPhysicalId(props), props));
    expect(result.Deadline).toBeDefined();
    // No model yet: nothing is deleted until the job has ended.
    expect(bedrock).not.toHaveReceivedCommand(DeleteImportedModelCommand);
  });
});

describe('the import watcher', () => {
  const started = (): QueueItem => ({
    key: `${LOGICAL_ID}#0a1b2c3d`,
    kind: 'modelImport',
    name: JOB_NAME,
    queuedAt: 1,
    request: {},
    state: 'started',
    arn: IMPORT_JOB_ARN,
    wait: { handleUrl: handle.url, deadline: Date.now() + 3_600_000 },
  });

  test('a completed job: SUCCESS, the job\'s name as UniqueId and its ARN as Data', async () => {
    queue.put(started());
    bedrock.on(GetModelImportJobCommand, { jobIdentifier: IMPORT_JOB_ARN }).resolves(importJob('Completed'));
    await watch(FALLBACK);
    expect(handle.signals.map((s) => s.body)).toEqual([{ Status: 'SUCCESS', Reason: 'The model import job completed', UniqueId: JOB_NAME, Data: IMPORT_JOB_ARN }]);
  });

  test('a failed job: FAILURE with Bedrock\'s message first; a running one: no signal', async () => {
    queue.put(started());
    bedrock.on(GetModelImportJobCommand).resolvesOnce(importJob('InProgress'))
      .resolves(importJob('Failed', { failureMessage: 'The model architecture mamba is not supported.' }));
    await watch(FALLBACK);
    expect(handle.signals).toEqual([]);
    await watch(FALLBACK);
    expect(handle.signals.map((s) => [s.body.Status, s.body.Reason])).toEqual([
      ['FAILURE', `The model architecture mamba is not supported. (model import job ${IMPORT_JOB_ARN} Failed)`],
    ]);
  });
});

describe('the import result', () => {
  const properties = { jobName: JOB_NAME, jobPhysicalId: importJobPhysicalId(waited()) };

  test('a completed job, read by its name: its ARN and its imported model, under the job ARN', async () => {
    bedrock.on(GetModelImportJobCommand, { jobIdentifier: JOB_NAME }).resolves(importJob('Completed'));
    await expect(resultOnEvent(createEvent(properties))).resolves.toEqual({
      PhysicalResourceId: IMPORT_JOB_ARN, Data: { JobArn: IMPORT_JOB_ARN, ImportedModelArn: IMPORTED_ARN },
    });
    expect(bedrock).not.toHaveReceivedCommand(TagResourceCommand);
  });

  test.each([
    ['Failed', importJob('Failed', { failureMessage: 'No weights.' }), /^No weights\. \(model import job arn:\S+ Failed\)$/],
    ['InProgress', importJob('InProgress'), /is InProgress, not Completed, after its wait condition, which waited for an earlier job\. Deploy again with another completionTimeout/],
    ['Completed without a model', importJob('Completed', { importedModelArn: undefined }), /is Completed, but Bedrock reports no imported model ARN$/],
  ])('a job %s fails the resource, saying why', async (_status, job, reason) => {
    bedrock.on(GetModelImportJobCommand).resolves(job);
    await expect(resultOnEvent(createEvent(properties))).rejects.toThrow(reason);
  });

  test('a job that no longer exists fails the resource; Delete does nothing', async () => {
    await expect(resultOnEvent(createEvent(properties))).rejects.toThrow(`Model import job '${JOB_NAME}' no longer exists`);
    await expect(resultOnEvent(deleteEvent(IMPORT_JOB_ARN, properties))).resolves.toEqual({ PhysicalResourceId: IMPORT_JOB_ARN });
    expect(bedrock.commandCalls(GetModelImportJobCommand)).toHaveLength(1);
  });
});
