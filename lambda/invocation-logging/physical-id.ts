/*
 * PhysicalResourceId = `bedrock-invocation-logging#<digest>`, where digest is
 * loggingConfigDigest of the configuration this resource last put. The live
 * configuration is this resource's exactly when its digest matches, which is
 * how Create, Update and Delete tell it from one made by anyone else. Each
 * Update that puts a new configuration returns a new id, and CloudFormation
 * then deletes the old one: that Delete finds a live configuration of another
 * digest and leaves it in place.
 */
import { DIGEST_LENGTH } from '../shared/digest';

const PREFIX = 'bedrock-invocation-logging';
const PHYSICAL_ID = new RegExp(`^${PREFIX}#([0-9a-f]{${DIGEST_LENGTH}})$`);

export function formatLoggingPhysicalId(digest: string): string {
  return `${PREFIX}#${digest}`;
}

/** The digest of the configuration the resource put, or undefined when the id is not ours (a failed Create's placeholder). */
export function parseLoggingPhysicalId(id: string | undefined): string | undefined {
  return PHYSICAL_ID.exec(id ?? '')?.[1];
}
