/*
 * CreateModelImportJob
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelImportJob.html),
 * idempotent across retried invocations: the clientRequestToken derives from
 * the request, and "if this token matches a previous request, Amazon Bedrock
 * ignores the request, but does not return an error" (same page). A create
 * Bedrock refuses with ServiceQuotaExceededException (one import job at a
 * time per account, see shared/capacity.ts) waits in the stack's slot queue,
 * and the stack's watcher later sends the same request.
 */
import { CreateModelImportJobCommand, CreateModelImportJobCommandInput, ListModelImportJobsCommand } from '@aws-sdk/client-bedrock';
import { deleteModelCommand, deleteModelOfEndedJob, readImportJob, WAITED_IMPORTS } from './import-job';
import { MODEL_IMPORT, ModelImportProperties } from './properties';
import { callBedrock } from '../shared/call';
import { describeHolders, refuseIfQuotaExceeded } from '../shared/capacity';
import { describeError, isConflict } from '../shared/errors';
import { log } from '../shared/log';
import { clientRequestToken, nameSeed, RequestIdentity } from '../shared/names';
import { retryingRolePropagation } from '../shared/propagation-retry';
import type { QueueingKind, SlotWait } from '../shared/queued-create';
import { NameSource, nameTakenMessage, ResolvedName } from '../shared/resource-kind';
import type { QueueItem } from '../shared/slot-queue';
import { named } from '../shared/status-reasons';
import { tagsField } from '../shared/tags';

/** The job and model names of one resource: the properties when the user set them, else generated (shared/names.ts fits both patterns). */
export interface ImportJobNames {
  readonly jobName: ResolvedName;
  readonly importedModelName: ResolvedName;
}

export function importJobNames(props: ModelImportProperties, source: NameSource): ImportJobNames {
  return { jobName: MODEL_IMPORT.name(props, 'jobName', source), importedModelName: MODEL_IMPORT.name(props, 'importedModelName', source) };
}

/** Everything a Create decides before calling Bedrock. */
export interface PlannedImportJob {
  readonly seed: string;
  readonly names: ImportJobNames;
  readonly request: CreateModelImportJobCommandInput;
}

/** The request a Create sends for `props`: the RequestId fixes the token, the seed and generated names. Pure. */
export function planImportJob(id: RequestIdentity, props: ModelImportProperties): PlannedImportJob {
  const seed = nameSeed(id);
  const names = importJobNames(props, { ...id, seed });
  const request: CreateModelImportJobCommandInput = {
    jobName: names.jobName.name,
    importedModelName: names.importedModelName.name,
    clientRequestToken: clientRequestToken(id),
    roleArn: props.roleArn,
    modelDataSource: { s3DataSource: { s3Uri: props.modelDataS3Uri } },
    ...tagsField('jobTags', props.jobTags),
    ...tagsField('importedModelTags', props.importedModelTags),
    ...(props.vpcConfig ? { vpcConfig: { subnetIds: [...props.vpcConfig.subnetIds], securityGroupIds: [...props.vpcConfig.securityGroupIds] } } : {}),
    ...(props.importedModelKmsKeyArn !== undefined ? { importedModelKmsKeyId: props.importedModelKmsKeyArn } : {}),
  };
  return { seed, names, request };
}

/**
 * Submits the job (or finds the one this request already submitted) and
 * returns its ARN. Throws a CapacityRefusal when Bedrock has no free slot.
 */
export async function startImportJob(request: CreateModelImportJobCommandInput, names: ImportJobNames): Promise<string> {
  const what = `Creating model import job '${names.jobName.name}'`;
  let jobArn: string | undefined;
  try {
    ({ jobArn } = await retryingRolePropagation(request.roleArn, () => callBedrock('CreateModelImportJob', names.jobName.name,
      (client) => client.send(new CreateModelImportJobCommand(request)))));
  } catch (e) {
    refuseIfQuotaExceeded(e, what);
    if (!isConflict(e)) throw new Error(describeError(e, what));
    return adoptOrRefuse(names);
  }
  if (!jobArn) throw new Error(`${what} failed: Bedrock returned no jobArn`);
  return jobArn;
}

/**
 * A name conflict: a job of that name is ours only when the handler generated
 * the name (it derives from this RequestId); GetModelImportJob shows no token
 * to tell otherwise. No job of that name: the model's name is taken.
 */
async function adoptOrRefuse(names: ImportJobNames): Promise<string> {
  const existing = await readImportJob(names.jobName.name);
  if (!existing) throw new Error(nameTakenMessage('imported model', names.importedModelName, 'importedModelName'));
  if (names.jobName.generated && existing.jobArn) {
    log.info('Adopting the import job with the name generated for this request', { jobArn: existing.jobArn });
    return existing.jobArn;
  }
  throw new Error(nameTakenMessage('model import job', names.jobName, 'jobName'));
}

/** What a job that got no slot is called, who holds the slot, and how a start nobody will delete is undone. */
export function importJobSlot(jobName: string): SlotWait {
  return { what: named(MODEL_IMPORT.noun, jobName), limit: 'one model import job', holders: importJobsInProgress, undo: undoStart };
}

/** Import jobs in the stack's queue: the watcher starts one with the same create, the same token and names. */
export const MODEL_IMPORT_QUEUE: QueueingKind = {
  kind: 'modelImport',
  start: (item: QueueItem) => startImportJob(item.request as unknown as CreateModelImportJobCommandInput, item.context as unknown as ImportJobNames),
  slot: importJobSlot,
  waited: WAITED_IMPORTS,
};

/**
 * A start that no Delete will come for. An import job cannot be stopped (see
 * import-job.ts): a job that has already ended has its model deleted; one
 * still running is left to end, and the log says how to delete its model.
 */
async function undoStart(jobArn: string): Promise<void> {
  const job = await readImportJob(jobArn);
  if (job && job.status !== 'InProgress') {
    await deleteModelOfEndedJob(job);
    return;
  }
  const model = job?.importedModelName ?? 'its imported model';
  log.warn('The import job cannot be stopped: once it completes, delete its model by hand',
    { jobArn, status: job?.status ?? 'gone', command: deleteModelCommand(model) });
}

/**
 * The account's import jobs in progress (ListModelImportJobs, statusEquals
 * InProgress:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListModelImportJobs.html),
 * for a message.
 */
function importJobsInProgress(): Promise<string> {
  return describeHolders('import jobs in progress', 'bedrock:ListModelImportJobs', async (maxResults) => {
    const output = await callBedrock('ListModelImportJobs', 'InProgress',
      (client) => client.send(new ListModelImportJobsCommand({ statusEquals: 'InProgress', maxResults })));
    return { names: (output.modelImportJobSummaries ?? []).map((job) => job.jobName), more: output.nextToken !== undefined };
  });
}
