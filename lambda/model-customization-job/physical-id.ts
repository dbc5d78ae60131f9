/*
 * PhysicalResourceId = `<jobArn>#<seed>`.
 *
 * Why not the bare ARN: every Update must return the attributes (names), a
 * library-only Update must not call Bedrock to read them, and generated names
 * depend on the Create's RequestId, which later events do not carry. The seed
 * lets every later event recompute the generated names.
 */
import { SEED_LENGTH } from '../shared/names';

export interface JobPhysicalId {
  readonly jobArn: string;
  readonly seed: string;
}

const JOB_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:model-customization-job\/\S+$/;
const SEED = new RegExp(`^[0-9a-f]{${SEED_LENGTH}}$`);

export function formatPhysicalId(jobArn: string, seed: string): string {
  return `${jobArn}#${seed}`;
}

/**
 * The job ARN and seed, or undefined when the id is not ours, e.g. the Provider
 * framework's placeholder after a failed Create: then nothing was created.
 */
export function parsePhysicalId(id: string | undefined): JobPhysicalId | undefined {
  const at = id?.lastIndexOf('#') ?? -1;
  if (id === undefined || at < 0) return undefined;
  const jobArn = id.slice(0, at);
  const seed = id.slice(at + 1);
  return JOB_ARN.test(jobArn) && SEED.test(seed) ? { jobArn, seed } : undefined;
}
