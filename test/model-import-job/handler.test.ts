/*
 * `Custom::BedrockModelImportJob`: Create (names given or generated, the
 * token, name conflicts), isComplete (InProgress, Completed, Failed, late,
 * gone) and Update (tags of the job and of the model in place,
 * library-only settings, replacement, fixed names).
 */
import {
  ConflictException, CreateModelImportJobCommand, GetModelImportJobCommand, ResourceNotFoundException, TagResourceCommand, UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import {
  IMPORT_JOB_ARN, IMPORT_JOB_ARN_2, IMPORTED_ARN, IMPORTED_MODEL_NAME_PATTERN, IMPORTED_NAME, importJob, importJobPhysicalId, JOB_NAME_PATTERN,
  modelImportProperties, PROVENANCE,
} from './handler-fixtures';
import { isComplete, ModelImportWaitEvent } from '../../lambda/model-import-job/is-complete';
import { onEvent } from '../../lambda/model-import-job/on-event';
import { MODEL_IMPORT } from '../../lambda/model-import-job/properties';
import { MAX_FAILURE_MESSAGE_BYTES } from '../../lambda/shared/bounded-failure';
import { createEvent, escaped, laterDeadline, passedDeadline, RawProperties, SEED, updateEvent, useMockedBedrock, waitEventOf } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
const $metadata = {};
const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('Create', () => {
  test('submits the job with the given names, the token, the model data, the VPC, the key and both tag lists; returns its pending id and a deadline', async () => {
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN });
    const props = modelImportProperties({
      jobName: 'llama-support-import',
      importedModelName: IMPORTED_NAME,
      importedModelKmsKeyArn: KMS_KEY,
      vpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
    });
    const before = Date.now();

    const result = await onEvent(createEvent(props));

    expect(bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input)).toEqual([{
      jobName: 'llama-support-import',
      importedModelName: IMPORTED_NAME,
      clientRequestToken: expect.stringMatching(/^[0-9a-f]{64}$/),
      roleArn: 'arn:aws:iam::123456789012:role/ModelImportRole',
      modelDataSource: { s3DataSource: { s3Uri: 's3://models-bucket/llama-3-8b-support/' } },
      jobTags: [PROVENANCE, { key: 'team', value: 'ml' }],
      importedModelTags: [PROVENANCE, { key: 'cost-center', value: '42' }],
      vpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
      importedModelKmsKeyId: KMS_KEY,
    }]);
    const id = MODEL_IMPORT.physicalId.parse(result.PhysicalResourceId)!;
    expect(id).toMatchObject({ arn: IMPORT_JOB_ARN, pending: true, digest: MODEL_IMPORT.digest(MODEL_IMPORT.decode(props)) });
    expect(result.Data).toEqual({ JobArn: IMPORT_JOB_ARN, JobName: 'llama-support-import', ImportedModelArn: '', ImportedModelName: IMPORTED_NAME });
    expect(Date.parse(result.Deadline!) - before).toBeGreaterThanOrEqual(3000 * 1000);
  });

  test('generates both names within the API\'s patterns; a retried Create sends the same token and names; no optional field is sent empty', async () => {
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN });
    const props = modelImportProperties({ jobTags: undefined, importedModelTags: [] });
    const first = await onEvent(createEvent(props));
    await onEvent(createEvent(props));

    const [sent, retried] = bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input);
    expect(sent.jobName).toMatch(/^FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}$/);
    expect(sent.jobName).toMatch(JOB_NAME_PATTERN);
    expect(sent.importedModelName).toMatch(IMPORTED_MODEL_NAME_PATTERN);
    expect(retried).toEqual(sent);
    expect(Object.keys(sent).sort()).toEqual(['clientRequestToken', 'importedModelName', 'jobName', 'modelDataSource', 'roleArn']);
    expect(first.Data).toMatchObject({ JobName: sent.jobName, ImportedModelName: sent.importedModelName });
  });

  test('a generated name stays within the patterns and 63 characters, whatever the stack and logical id', async () => {
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN });
    const longStack = `arn:aws:cloudformation:us-east-1:123456789012:stack/${'Very-Long--Stack'.repeat(8)}/5b3d0f50-a1b2-11ef-8000-0a1b2c3d4e5f`;
    await onEvent({ ...createEvent(modelImportProperties()), StackId: longStack, LogicalResourceId: `Import${'Job'.repeat(40)}` });
    const [sent] = bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input);
    expect(sent.jobName).toMatch(JOB_NAME_PATTERN);
    expect(sent.importedModelName).toMatch(IMPORTED_MODEL_NAME_PATTERN);
    expect(sent.importedModelName!.length).toBeLessThanOrEqual(63);
  });

  test('a conflict on a generated job name adopts the job of that name (only this request can have made it)', async () => {
    bedrock.on(CreateModelImportJobCommand).rejects(new ConflictException({ message: 'exists', $metadata }));
    bedrock.on(GetModelImportJobCommand).resolves(importJob('InProgress'));
    const result = await onEvent(createEvent(modelImportProperties()));
    expect(MODEL_IMPORT.physicalId.parse(result.PhysicalResourceId)?.arn).toBe(IMPORT_JOB_ARN);
  });

  test('a conflict on a fixed name says which name to change: the job\'s when a job has it, else the model\'s', async () => {
    bedrock.on(CreateModelImportJobCommand).rejects(new ConflictException({ message: 'exists', $metadata }));
    bedrock.on(GetModelImportJobCommand).resolvesOnce(importJob('Completed'))
      .rejects(new ResourceNotFoundException({ message: 'no such job', $metadata }));
    await expect(onEvent(createEvent(modelImportProperties({ jobName: 'llama-support-import' })))).rejects.toThrow(
      "A model import job named 'llama-support-import' already exists (jobName is set in your stack). Choose another jobName, or remove it to let the handler generate one.",
    );
    await expect(onEvent(createEvent(modelImportProperties({ importedModelName: IMPORTED_NAME })))).rejects.toThrow(
      `An imported model named '${IMPORTED_NAME}' already exists (importedModelName is set in your stack). Choose another importedModelName, or remove it to let the handler generate one.`,
    );
  });

  test('any other refusal fails the Create with Bedrock\'s message, nothing queued', async () => {
    bedrock.on(CreateModelImportJobCommand).rejects(new ValidationException({ message: 'The model architecture is not supported.', $metadata }));
    await expect(onEvent(createEvent(modelImportProperties()))).rejects.toThrow(
      /^Creating model import job 'FineTuneStack-TuneJob1A2B3C4D-[0-9a-f]{8}' failed: Bedrock rejected the request: The model architecture is not supported\.$/,
    );
  });
});

describe('isComplete', () => {
  const pending = importJobPhysicalId(modelImportProperties(), true);
  const waitEvent = (extra: Partial<ModelImportWaitEvent> = {}) =>
    waitEventOf<ModelImportWaitEvent>(createEvent(modelImportProperties()), pending, extra);

  test('InProgress is not complete; Completed is, with the confirmed id and the imported model\'s ARN and name', async () => {
    bedrock.on(GetModelImportJobCommand, { jobIdentifier: IMPORT_JOB_ARN }).resolvesOnce(importJob('InProgress')).resolves(importJob('Completed'));
    await expect(isComplete(waitEvent())).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(waitEvent())).resolves.toEqual({
      IsComplete: true, PhysicalResourceId: importJobPhysicalId(), Data: { ImportedModelArn: IMPORTED_ARN, ImportedModelName: IMPORTED_NAME },
    });
  });

  test('a Completed job that reports no imported model fails the resource, rather than give an empty model ARN', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed', { importedModelArn: undefined }));
    await expect(isComplete(waitEvent())).rejects.toThrow(`Model import job ${IMPORT_JOB_ARN} is Completed, but Bedrock reports no imported model ARN`);
  });

  test('Failed fails with Bedrock\'s failureMessage first', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Failed', { failureMessage: 'config.json is missing from the model data.' }));
    await expect(isComplete(waitEvent())).rejects.toThrow(
      new RegExp(`^config\\.json is missing from the model data\\. \\(model import job ${escaped(IMPORT_JOB_ARN)} Failed\\)$`),
    );
  });

  test('a long failureMessage is bounded: its start kept, the status after it, the whole within the failure bound', async () => {
    const long = `Unsupported tensor: ${'layers.0.weight '.repeat(400)}`;
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Failed', { failureMessage: long }));
    const error = await isComplete(waitEvent()).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message.startsWith('Unsupported tensor: layers.0.weight')).toBe(true);
    expect(message).toContain(`… (model import job ${IMPORT_JOB_ARN} Failed)`);
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
  });

  test('a passed deadline fails with the ARN and status; a replacement\'s reason says how to delete its model (the job cannot be stopped)', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('InProgress'));
    const late = new RegExp(`^Model import job ${escaped(IMPORT_JOB_ARN)} did not complete within the completion timeout \\(.+\\); it is InProgress\\.$`);
    await expect(isComplete(waitEvent({ Deadline: passedDeadline() }))).rejects.toThrow(late);
    await expect(isComplete(waitEvent({ Deadline: passedDeadline(), Replacement: true }))).rejects.toThrow(
      /it is InProgress\. An import job cannot be stopped: once it completes, delete its model \(aws bedrock delete-imported-model --model-identifier llama-support\)\.$/,
    );
  });

  test('a job that no longer exists fails the resource', async () => {
    bedrock.on(GetModelImportJobCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));
    await expect(isComplete(waitEvent({ Deadline: laterDeadline() }))).rejects.toThrow(`Model import job ${IMPORT_JOB_ARN} no longer exists`);
  });
});

describe('Update', () => {
  const update = (before: RawProperties, after: RawProperties) => onEvent(updateEvent(importJobPhysicalId(before), before, after));

  test('job tags change in place on the job, with no read of it', async () => {
    bedrock.on(UntagResourceCommand).resolves({}).on(TagResourceCommand).resolves({});
    const after = modelImportProperties({ jobTags: [PROVENANCE, { key: 'owner', value: 'ops' }] });

    const result = await update(modelImportProperties(), after);

    expect(result.PhysicalResourceId).toBe(importJobPhysicalId());
    expect(result.Replacement).toBeUndefined();
    expect(bedrock).toHaveReceivedCommandWith(UntagResourceCommand, { resourceARN: IMPORT_JOB_ARN, tagKeys: ['team'] });
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: IMPORT_JOB_ARN, tags: [{ key: 'owner', value: 'ops' }] });
    expect(bedrock).not.toHaveReceivedCommand(GetModelImportJobCommand);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelImportJobCommand);
  });

  test('imported model tags change in place on the model the job made; both tag lists at once each on their own resource', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed'));
    bedrock.on(UntagResourceCommand).resolves({}).on(TagResourceCommand).resolves({});
    const after = modelImportProperties({
      jobTags: [PROVENANCE, { key: 'team', value: 'platform' }],
      importedModelTags: [PROVENANCE],
    });

    const result = await update(modelImportProperties(), after);

    expect(result.PhysicalResourceId).toBe(importJobPhysicalId());
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: IMPORT_JOB_ARN, tags: [{ key: 'team', value: 'platform' }] });
    expect(bedrock).toHaveReceivedCommandWith(UntagResourceCommand, { resourceARN: IMPORTED_ARN, tagKeys: ['cost-center'] });
    expect(bedrock).toHaveReceivedCommandTimes(TagResourceCommand, 1);
    expect(bedrock).toHaveReceivedCommandTimes(UntagResourceCommand, 1);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelImportJobCommand);
  });

  test('model tags of a job that reports no model fail the Update, saying why', async () => {
    bedrock.on(GetModelImportJobCommand).resolves(importJob('Failed'));
    await expect(update(modelImportProperties(), modelImportProperties({ importedModelTags: [] }))).rejects.toThrow(
      `Cannot change the tags of the imported model of model import job ${IMPORT_JOB_ARN}: the job is Failed and Bedrock reports no imported model`,
    );
  });

  test('library-only settings change with no Bedrock call; isComplete then reads the attributes', async () => {
    const result = await update(modelImportProperties(), modelImportProperties({ removalPolicy: 'destroy', completionTimeoutSeconds: '600' }));
    expect(result.PhysicalResourceId).toBe(importJobPhysicalId());
    expect(result.Data).toMatchObject({ JobArn: IMPORT_JOB_ARN, JobName: `FineTuneStack-TuneJob1A2B3C4D-${SEED}` });
    expect(result.Deadline).toBeDefined();
    expect(bedrock.calls()).toHaveLength(0);

    bedrock.on(GetModelImportJobCommand).resolves(importJob('Completed'));
    const wait = { ...updateEvent(importJobPhysicalId(), modelImportProperties(), modelImportProperties({ removalPolicy: 'destroy' })), ...result };
    await expect(isComplete(wait as ModelImportWaitEvent)).resolves.toEqual({
      IsComplete: true, PhysicalResourceId: importJobPhysicalId(), Data: { ImportedModelArn: IMPORTED_ARN, ImportedModelName: IMPORTED_NAME },
    });
  });

  test('new model data submits a new job (a new model), with new generated names', async () => {
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN_2 });
    const result = await update(modelImportProperties(), modelImportProperties({ modelDataS3Uri: 's3://models-bucket/llama-3-8b-support-v2/' }));
    expect(MODEL_IMPORT.physicalId.parse(result.PhysicalResourceId)).toMatchObject({ arn: IMPORT_JOB_ARN_2, pending: true });
    expect(result.Replacement).toBe(true);
    const [sent] = bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input);
    expect(sent.jobName).not.toBe(`FineTuneStack-TuneJob1A2B3C4D-${SEED}`);
    expect(sent.modelDataSource).toEqual({ s3DataSource: { s3Uri: 's3://models-bucket/llama-3-8b-support-v2/' } });
  });

  test.each([
    ['importedModelKmsKeyArn', { importedModelKmsKeyArn: KMS_KEY }, { importedModelKmsKeyId: KMS_KEY }],
    ['vpcConfig', { vpcConfig: { subnetIds: ['subnet-3'], securityGroupIds: ['sg-2'] } }, { vpcConfig: { subnetIds: ['subnet-3'], securityGroupIds: ['sg-2'] } }],
  ])('a new %s submits a new job with it: the key and the network define the import', async (_, changed, sentPart) => {
    bedrock.on(CreateModelImportJobCommand).resolves({ jobArn: IMPORT_JOB_ARN_2 });
    const result = await update(modelImportProperties(), modelImportProperties(changed));
    expect(result.Replacement).toBe(true);
    expect(bedrock.commandCalls(CreateModelImportJobCommand).map((c) => c.args[0].input)).toEqual([expect.objectContaining(sentPart)]);
  });

  test('a fixed jobName or importedModelName blocks the replacement, before anything is created', async () => {
    const fixedJob = modelImportProperties({ jobName: 'llama-support-import' });
    await expect(update(fixedJob, { ...fixedJob, roleArn: 'arn:aws:iam::123456789012:role/OtherRole' })).rejects.toThrow(
      "Cannot replace model import job 'llama-support-import': changing roleArn requires a new import job, and jobName is fixed to 'llama-support-import'.",
    );
    const fixedModel = modelImportProperties({ importedModelName: IMPORTED_NAME });
    await expect(update(fixedModel, { ...fixedModel, modelDataS3Uri: 's3://models-bucket/v2/' })).rejects.toThrow(
      `changing modelDataS3Uri requires a new import job, and importedModelName is fixed to '${IMPORTED_NAME}'.`,
    );
    expect(bedrock).not.toHaveReceivedCommand(CreateModelImportJobCommand);
  });
});
