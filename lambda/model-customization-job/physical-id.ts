/*
 * PhysicalResourceId = `<jobArn>#<seed>`, or `<jobArn>#<seed>#<modelTags>`
 * for a job created with custom model tags.
 *
 * Why not the bare ARN: every Update must return the attributes (names), a
 * library-only Update must not call Bedrock to read them, and generated names
 * depend on the Create's RequestId, which later events do not carry. The seed
 * lets every later event recompute the generated names. `modelTags` is a
 * digest of the custom model tags the job was created with (see tags.ts).
 */
import { MODEL_TAGS_DIGEST_LENGTH } from './tags';
import { SEED_LENGTH } from '../shared/names';

export interface JobPhysicalId {
  readonly jobArn: string;
  readonly seed: string;
  /** Undefined when the job was created without custom model tags. */
  readonly modelTagsDigest?: string;
}

const JOB_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job\/\S+$/;
const SEED = new RegExp(`^[0-9a-f]{${SEED_LENGTH}}$`);
const DIGEST = new RegExp(`^[0-9a-f]{${MODEL_TAGS_DIGEST_LENGTH}}$`);

export function formatPhysicalId(jobArn: string, seed: string, modelTagsDigest?: string): string {
  return [jobArn, seed, modelTagsDigest].filter((part) => part !== undefined).join('#');
}

/**
 * The job ARN, seed and model tags digest, or undefined when the id is not
 * ours, e.g. the Provider framework's placeholder after a failed Create: then
 * nothing was created.
 */
export function parsePhysicalId(id: string | undefined): JobPhysicalId | undefined {
  const [jobArn, seed, modelTagsDigest, ...rest] = id?.split('#') ?? [];
  if (!jobArn || !seed || rest.length || !JOB_ARN.test(jobArn) || !SEED.test(seed)) return undefined;
  if (modelTagsDigest === undefined) return { jobArn, seed };
  return DIGEST.test(modelTagsDigest) ? { jobArn, seed, modelTagsDigest } : undefined;
}
