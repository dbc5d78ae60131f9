/*
 * PhysicalResourceId = `<modelArn>#<seed>#<digest>`: the seed lets later
 * events recompute a generated name without a Bedrock call, and the digest of
 * the create-time properties tells an Update whether the model already
 * matches them (see importDigest).
 */
import { DIGEST_LENGTH } from '../shared/digest';
import { SEED_LENGTH } from '../shared/names';

export interface ImportPhysicalId {
  readonly modelArn: string;
  readonly seed: string;
  readonly digest: string;
}

const MODEL_ARN = /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:custom-model\/\S+$/;
const SEED = new RegExp(`^[0-9a-f]{${SEED_LENGTH}}$`);
const DIGEST = new RegExp(`^[0-9a-f]{${DIGEST_LENGTH}}$`);

export function formatImportPhysicalId({ modelArn, seed, digest }: ImportPhysicalId): string {
  return [modelArn, seed, digest].join('#');
}

/** The parts of a physical id, or undefined when it is not ours (the placeholder of a failed Create). */
export function parseImportPhysicalId(id: string | undefined): ImportPhysicalId | undefined {
  const [modelArn, seed, digest, ...rest] = id?.split('#') ?? [];
  if (!modelArn || !seed || !digest || rest.length || !MODEL_ARN.test(modelArn) || !SEED.test(seed) || !DIGEST.test(digest)) return undefined;
  return { modelArn, seed, digest };
}
