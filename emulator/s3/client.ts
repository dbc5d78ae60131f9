/* A real S3Client pointed at an S3 emulator, with fake credentials (any SigV4 signature is accepted). */
import { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { FAKE_CREDENTIALS } from '../shared/fake-credentials';

export interface S3EmulatorAddress {
  readonly endpoint: string;
  readonly region: string;
}

/**
 * No forcePathStyle needed: for an IP endpoint (http://127.0.0.1:port) the
 * SDK addresses buckets path-style. `config` overrides the defaults, e.g.
 * `{ maxAttempts: 1 }` to see errors without the SDK's retries.
 */
export function createS3Client(emulator: S3EmulatorAddress, config: S3ClientConfig = {}): S3Client {
  return new S3Client({ endpoint: emulator.endpoint, region: emulator.region, credentials: FAKE_CREDENTIALS, ...config });
}
