/*
 * Tags changed in place: TagResource and UntagResource on the job, and on
 * its custom model once the model exists. The custom model tags a job was
 * created with are kept as a digest in the physical id: Bedrock applies them
 * when the job completes, GetModelCustomizationJob does not return them, and
 * a rollback that restores them while the job runs must succeed.
 */
import type { ResourceTag } from '../../src/private/contract';
import { digestOf } from '../shared/digest';

/** A digest of a tag list, whatever its order. */
export function modelTagsDigest(tags: readonly ResourceTag[] = []): string {
  return digestOf(Object.fromEntries(tags.map(({ key, value }) => [key, value])));
}
