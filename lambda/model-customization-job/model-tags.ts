/*
 * The tags of a job's custom model. The model exists only once the job has
 * completed, and Bedrock then tags it with the custom model tags the job was
 * created with (their digest is the extra of the physical id, because
 * GetModelCustomizationJob does not return them). Tags wanted since then are
 * pending until the model exists: the first event that finds the job
 * Completed applies them (isComplete of a job that is waited for, or any
 * later Update), and a pending tag never fails a deployment.
 */
import { ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import { readJob } from './job-status';
import type { ResourceTag } from '../../src/contract/common';
import { callBedrock } from '../shared/call';
import { digestOf } from '../shared/digest';
import { describeError } from '../shared/errors';
import { log } from '../shared/log';
import type { PhysicalId } from '../shared/physical-id';
import { applyTagChanges, isUnchanged, tagChanges } from '../shared/tags';

/** A digest of a tag list, whatever its order. */
export function modelTagsDigest(tags: readonly ResourceTag[] = []): string {
  return digestOf(Object.fromEntries(tags.map(({ key, value }) => [key, value])));
}

/** Whether the wanted model tags differ from those the job was created with (so the model may not have them yet). */
export function modelTagsPending(id: PhysicalId, wanted: readonly ResourceTag[] | undefined): boolean {
  return modelTagsDigest(wanted) !== (id.extra ?? modelTagsDigest([]));
}

/**
 * Gives the job's custom model the `wanted` tags once it exists: now, when
 * the job has completed; else logs them as pending (a job still running) or
 * as moot (a job that failed or stopped has no model).
 */
export async function updateModelTags(id: PhysicalId, wanted: readonly ResourceTag[] = []): Promise<void> {
  const job = await readJob(id.arn);
  if (job?.status === 'Completed' && job.outputModelArn) {
    await syncModelTags(job.outputModelArn, wanted);
  } else if (job?.status === 'InProgress') {
    if (modelTagsPending(id, wanted)) {
      log.info('Custom model tags pending: the model does not exist until the job completes; they are applied at the next event after that',
        { jobArn: id.arn, wanted });
    } else {
      log.info('The custom model tags are those the job was created with: Bedrock applies them when the job completes', { jobArn: id.arn });
    }
  } else {
    log.info('The job has no custom model and will have none: no model tags to change', { jobArn: id.arn, status: job?.status ?? 'gone' });
  }
}

/**
 * Makes the model's tags the `wanted` ones: what it has is read
 * (ListTagsForResource), since tags changed while the job ran are known only
 * by digest. Tags that AWS itself manages (`aws:` keys) are left alone.
 */
export async function syncModelTags(modelArn: string, wanted: readonly ResourceTag[]): Promise<void> {
  let live: ResourceTag[];
  try {
    const output = await callBedrock('ListTagsForResource', modelArn,
      client => client.send(new ListTagsForResourceCommand({ resourceARN: modelArn })));
    live = (output.tags ?? []).map(({ key, value }) => ({ key: key ?? '', value: value ?? '' }));
  } catch (e) {
    throw new Error(describeError(e, `Reading the tags of custom model '${modelArn}'`));
  }
  // AWS's own tags (aws:) are neither the stack's nor removable.
  const changes = tagChanges(live.filter(({ key }) => !key.startsWith('aws:')), wanted);
  if (isUnchanged(changes)) {
    log.info('The custom model already has the wanted tags', { modelArn });
    return;
  }
  log.info('Updating the custom model tags', { modelArn, changes });
  await applyTagChanges(modelArn, changes, 'custom model');
}
