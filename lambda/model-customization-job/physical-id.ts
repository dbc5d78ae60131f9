/*
 * PhysicalResourceId = `<jobArn>#<seed>#<digest>`, followed by
 * `#<modelTags>` for a job created with custom model tags.
 *
 * Why not the bare ARN: every Update must return the attributes (names), a
 * library-only Update must not call Bedrock to read them, and generated names
 * depend on the Create's RequestId, which later events do not carry. The seed
 * lets every later event recompute the generated names; `digest`, of the
 * properties the job was created from, tells an Update whether that job
 * already matches (see configurationDigest); `modelTags` is a digest of the
 * custom model tags the job was created with (see tags.ts).
 */
import { DIGEST_LENGTH } from '../shared/digest';
import { SEED_LENGTH } from '../shared/names';

export interface JobPhysicalId {
  readonly jobArn: string;
  readonly seed: string;
  readonly digest: string;
  /** Undefined when the job was created without custom model tags. */
  readonly modelTagsDigest?: string;
}

const JOB_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job\/\S+$/;
const SEED = new RegExp(`^[0-9a-f]{${SEED_LENGTH}}$`);
const DIGEST = new RegExp(`^[0-9a-f]{${DIGEST_LENGTH}}$`);

export function formatPhysicalId({ jobArn, seed, digest, modelTagsDigest }: JobPhysicalId): string {
  return [jobArn, seed, digest, modelTagsDigest].filter((part) => part !== undefined).join('#');
}

/**
 * The parts of a physical id, or undefined when the id is not ours, e.g. the
 * Provider framework's placeholder after a failed Create: then nothing was created.
 */
export function parsePhysicalId(id: string | undefined): JobPhysicalId | undefined {
  const [jobArn, seed, digest, modelTagsDigest, ...rest] = id?.split('#') ?? [];
  if (!jobArn || !seed || !digest || rest.length || !JOB_ARN.test(jobArn) || !SEED.test(seed) || !DIGEST.test(digest)) return undefined;
  if (modelTagsDigest === undefined) return { jobArn, seed, digest };
  return DIGEST.test(modelTagsDigest) ? { jobArn, seed, digest, modelTagsDigest } : undefined;
}
