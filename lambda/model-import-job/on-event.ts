/*
 * onEvent of the Provider framework for `Custom::BedrockModelImportJob`.
 *
 * Create submits an import job (CreateModelImportJob), or queues its create
 * when Bedrock has no free slot; once the job exists, onEvent returns its id
 * instead of throwing. Update keeps the job when only tags or library-only
 * settings change (the job's tags on the job, the model's on the model),
 * else submits a new one (a new job, a new model). Delete: an import job
 * cannot be stopped or deleted (import-job.ts), so a Delete is about the
 * imported model: the removal policy retain keeps it, destroy deletes it,
 * as does the rollback of a create that never completed. A job still
 * InProgress has no model yet: the Delete waits, in isComplete, until it
 * ends, then deletes its model. Waiting for the job is isComplete's.
 */
import { importJobNames, planImportJob, MODEL_IMPORT_QUEUE } from './create-job';
import { deleteModelOfEndedJob, ImportJobDetails, readImportJob } from './import-job';
import { MODEL_IMPORT, ModelImportProperties } from './properties';
import type { ModelImportJobResourceAttributes } from '../../src/contract/kinds/model-import';
import { registerNewWait, refuseUnwaitableReplacement, waitOf } from '../shared/condition-wait';
import { deadlineOf, EventResult, RequestContext } from '../shared/lifecycle';
import { log } from '../shared/log';
import { bedrockIdentifier, PhysicalId, queuedArn, queuedName } from '../shared/physical-id';
import { startedArn, startOrQueue } from '../shared/queued-create';
import { DeleteOutcome, Deletion, InPlaceUpdate, replaceableOnEvent } from '../shared/replaceable-resource';
import { changeTags } from '../shared/tags';

/** What onEvent returns to the Provider framework (which passes it on to isComplete). */
export type ModelImportEventResult = EventResult<ModelImportJobResourceAttributes>;

export const onEvent = replaceableOnEvent<ModelImportProperties, ModelImportJobResourceAttributes>(MODEL_IMPORT, {
  // The job's own tags; the model's change in updateInPlace.
  tags: 'jobTags',
  create: createImportJob,
  name: (props, source) => importJobNames(props, source).jobName.name,
  // A queued job's ARN is found by its name once it has started.
  arnOf: (id) => startedArn(id, MODEL_IMPORT.noun, async (name) => (await readImportJob(name))?.jobArn),
  updateInPlace,
  guardReplacement: refuseUnwaitableReplacement(MODEL_IMPORT),
  delete: deleteImportedModelOf,
});

/** Submits a job for `props`, or queues its create when Bedrock has no free slot; the RequestId fixes token, seed and names. */
async function createImportJob(request: RequestContext, props: ModelImportProperties): Promise<ModelImportEventResult> {
  const { seed, names, request: create } = planImportJob(request.identity, props);
  const jobArn = await startOrQueue(MODEL_IMPORT_QUEUE, {
    logicalId: request.identity.logicalResourceId, seed, name: names.jobName.name, request: create, context: names, wait: waitOf(request, props),
  });
  // The job exists (or waits for a slot) from here on: nothing below may throw.
  log.info(jobArn ? 'Import job submitted' : 'Import job queued', { jobArn, jobName: names.jobName.name });
  const id = { arn: jobArn ?? queuedArn(names.jobName.name), seed, digest: MODEL_IMPORT.digest(props), pending: true };
  return result(request, id, props);
}

/**
 * The rest of an Update that keeps the job, once the job's tags are changed:
 * the model's tags, and a new wait condition (another timeout), which the
 * watcher signals at once for a job that has ended. Every Update comes after
 * the create completed, which waited for the job (isComplete, or the wait
 * condition), so the model exists; unlike a customization job's model, its
 * tags are never pending.
 */
async function updateInPlace(update: InPlaceUpdate<ModelImportProperties>): Promise<ModelImportEventResult> {
  const { request, props, before, current } = update;
  await changeTags(async () => {
    const jobArn = await update.arn();
    return modelOf(jobArn, await readImportJob(jobArn));
  }, before.importedModelTags, props.importedModelTags, 'imported model');
  await registerNewWait(update, 'modelImport', importJobNames(props, { ...request.identity, seed: current.seed }).jobName.name);
  return result(request, current, props);
}

/**
 * The imported model's ARN, which tags need (resourceARN of
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_TagResource.html);
 * a job without one fails the Update.
 */
function modelOf(jobArn: string, job: ImportJobDetails | undefined): string {
  if (job?.status === 'Completed' && job.importedModelArn) return job.importedModelArn;
  throw new Error(`Cannot change the tags of the imported model of model import job ${jobArn}: `
    + `${job ? `the job is ${job.status} and Bedrock reports no imported model` : 'the job no longer exists'}`);
}


/**
 * Delete under the removal policy destroy (or the rollback of a create that
 * never completed): the job's model is deleted once the job has ended. A job
 * still InProgress cannot be stopped, and its model appears only when it
 * completes: rather than leave a model nobody deletes, the Delete waits for
 * it (bounded), in isComplete.
 */
async function deleteImportedModelOf({ current, removalPolicy }: Deletion): Promise<DeleteOutcome> {
  const job = await readImportJob(bedrockIdentifier(current));
  if (!job) return 'gone';
  if (job.status === 'InProgress') {
    log.info('The import job is still InProgress: deleting its model once it has ended', { jobArn: job.jobArn, removalPolicy });
    return 'waiting';
  }
  return deleteModelOfEndedJob(job);
}

/**
 * What onEvent returns: the id, the names, and a deadline for isComplete,
 * which waits for the job to complete and reads the model's ARN (a Create's
 * job has no model yet; an Update's Data comes from the same read, so that
 * ImportedModelArn is always Bedrock's). A job a wait condition waits for
 * has no deadline: its resource is complete at once, and its result resource
 * reads the model after the condition.
 */
function result(request: RequestContext, id: PhysicalId, props: ModelImportProperties): ModelImportEventResult {
  const names = importJobNames(props, { ...request.identity, seed: id.seed });
  return {
    PhysicalResourceId: MODEL_IMPORT.physicalId.format(id),
    // A queued job has no ARN yet: isComplete gives it once the job has started.
    Data: { JobArn: queuedName(id) === undefined ? id.arn : '', JobName: names.jobName.name, ImportedModelArn: '', ImportedModelName: names.importedModelName.name },
    ...(props.completionTimeoutSeconds !== undefined ? { Deadline: deadlineOf(request, props.completionTimeoutSeconds) } : {}),
  };
}
