/* The local S3 emulator for tests (dev-only). */
export { S3Emulator } from './s3-emulator';
export type { S3EmulatorOptions } from './s3-emulator';
export { createS3Client } from './client';
export type { S3EmulatorAddress } from './client';
export { S3Error, S3_ERRORS } from './errors';
export type { S3ErrorCode } from './errors';
export { S3FaultInjector } from './faults';
export type { S3FaultMatch, S3InjectedFault, S3Operation, S3Target } from './faults';
export type { RecordedS3Call, S3CallerPermissions } from './http';
export { compareKeys, MAX_KEYS } from './object-store';
export type { PutOptions, S3Object } from './object-store';
