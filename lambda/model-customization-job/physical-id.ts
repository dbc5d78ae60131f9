/*
 * PhysicalResourceId = `<jobArn>#<seed>#<digest>`.
 *
 * Why not the bare ARN: every Update must return the attributes (names), a
 * library-only Update must not call Bedrock to read them, and generated names
 * depend on the Create's RequestId, which later events do not carry. The seed
 * lets every later event recompute the generated names; the digest of the
 * properties the job was created from tells an Update whether that job
 * already matches (see configurationDigest).
 */
import { DIGEST_LENGTH } from './properties';
import { SEED_LENGTH } from '../shared/names';

export interface JobPhysicalId {
  readonly jobArn: string;
  readonly seed: string;
  readonly digest: string;
}

const JOB_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job\/\S+$/;
const SUFFIX = new RegExp(`#([0-9a-f]{${SEED_LENGTH}})#([0-9a-f]{${DIGEST_LENGTH}})$`);

export function formatPhysicalId({ jobArn, seed, digest }: JobPhysicalId): string {
  return `${jobArn}#${seed}#${digest}`;
}

/**
 * The job ARN, seed and digest, or undefined when the id is not ours, e.g. the
 * Provider framework's placeholder after a failed Create: then nothing was created.
 */
export function parsePhysicalId(id: string | undefined): JobPhysicalId | undefined {
  const match = id === undefined ? null : SUFFIX.exec(id);
  if (!id || !match) return undefined;
  const jobArn = id.slice(0, match.index);
  return JOB_ARN.test(jobArn) ? { jobArn, seed: match[1], digest: match[2] } : undefined;
}
