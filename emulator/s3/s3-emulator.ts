/*
 * A minimal local Amazon S3 for tests: an in-memory object store behind an
 * HTTP server that the real @aws-sdk/client-s3 talks to (path-style, as the
 * SDK addresses an IP endpoint). It serves what reading and writing job
 * artifacts takes (PutObject, GetObject, HeadObject, ListObjectsV2,
 * CreateBucket, HeadBucket), S3's XML errors, and faults a test injects.
 * Dev-only: not shipped.
 */
import { Server } from 'http';
import { S3FaultInjector, S3Operation } from './faults';
import { handleS3, RecordedS3Call, S3CallerPermissions } from './http';
import { ObjectStore, PutOptions, S3Object } from './object-store';
import { closeServer, createLoopbackServer, listenOnLoopback, loopbackEndpoint } from '../shared/loopback-server';

/** The host's clock, kept at load: the local CloudFormation engine replaces `Date` while a handler runs. */
const hostNow = Date.now;

export interface S3EmulatorOptions {
  /** Default: a free port. The emulator listens on 127.0.0.1 only. */
  readonly port?: number;
  /** The region clients sign for, and HeadBucket's x-amz-bucket-region. Default: us-east-1. */
  readonly region?: string;
  /** The time of objects put without one (LastModified) and of calls. Default: the host's clock. */
  readonly now?: () => Date;
  /**
   * Whether the caller holds s3:ListBucket, after start and after each reset().
   * Default false: a missing key is 403 AccessDenied, as S3 answers a caller
   * without it, so that a reader cannot tell a wrong key from a denied one.
   */
  readonly listBucket?: boolean;
}

export class S3Emulator {
  /** Starts an emulator listening on 127.0.0.1. */
  public static async start(options: S3EmulatorOptions = {}): Promise<S3Emulator> {
    const emulator = new S3Emulator(options);
    await listenOnLoopback(emulator.server, options.port);
    return emulator;
  }

  public readonly region: string;
  /** Errors for the requests to come (AccessDenied, SlowDown, ...), by operation, bucket and key prefix. */
  public readonly faults = new S3FaultInjector();
  /**
   * The caller's permissions that change S3's answers: `permissions.listBucket = true`
   * for a caller holding s3:ListBucket (a missing key is 404 NoSuchKey). Back to the option at reset().
   */
  public readonly permissions: S3CallerPermissions;
  private readonly store: ObjectStore;
  private readonly listBucketByDefault: boolean;
  private readonly server: Server;
  private recordedCalls: RecordedS3Call[] = [];

  private constructor(options: S3EmulatorOptions) {
    this.region = options.region ?? 'us-east-1';
    this.listBucketByDefault = options.listBucket ?? false;
    this.permissions = { listBucket: this.listBucketByDefault };
    const now = options.now ?? (() => new Date(hostNow()));
    this.store = new ObjectStore(now);
    const record = (call: RecordedS3Call) => this.recordedCalls.push(call);
    const context = { store: this.store, faults: this.faults, region: this.region, permissions: this.permissions, now, record };
    this.server = createLoopbackServer((req, res) => {
      // A failure here is the emulator's own bug or a client gone away: end the exchange either way.
      handleS3(context, req, res).catch(() => res.destroy());
    });
  }

  /** The URL to give the S3Client as `endpoint` (or AWS_ENDPOINT_URL_S3). */
  public get endpoint(): string {
    return loopbackEndpoint(this.server);
  }

  /** Every request received since start or reset, in arrival order. */
  public get calls(): readonly RecordedS3Call[] {
    return this.recordedCalls;
  }

  public callsTo(operation: S3Operation): RecordedS3Call[] {
    return this.recordedCalls.filter((c) => c.operation === operation);
  }

  /** Creates a bucket (in-process, not a call); an existing one stays as it is. */
  public createBucket(bucket: string): void {
    this.store.createBucket(bucket);
  }

  /** Sets a bucket's tags (in-process), creating the bucket if need be: what a stack's AWS::S3::Bucket with Tags makes. */
  public tagBucket(bucket: string, tags: Readonly<Record<string, string>>): void {
    this.store.createBucket(bucket);
    this.store.tagBucket(bucket, tags);
  }

  /** Stores an object (in-process, not a call), creating its bucket if need be. */
  public put(bucket: string, key: string, body: string | Uint8Array, options: PutOptions = {}): void {
    this.store.createBucket(bucket);
    this.store.put(bucket, key, body, options);
  }

  /** An object's body as UTF-8 text, or undefined when the bucket or the key does not exist. */
  public get(bucket: string, key: string): string | undefined {
    return this.object(bucket, key)?.body.toString('utf8');
  }

  /** An object with its bytes, ETag, LastModified and content type, or undefined. */
  public object(bucket: string, key: string): S3Object | undefined {
    return this.store.hasBucket(bucket) ? this.store.get(bucket, key) : undefined;
  }

  /** The keys of a bucket that start with `prefix`, in S3's listing order ([] for a bucket that does not exist). */
  public keys(bucket: string, prefix = ''): string[] {
    return this.store.hasBucket(bucket) ? this.store.keys(bucket, prefix) : [];
  }

  public buckets(): string[] {
    return this.store.bucketNames();
  }

  /** Deletes an object (in-process); a key or bucket that does not exist is ignored. */
  public delete(bucket: string, key: string): void {
    if (this.store.hasBucket(bucket)) this.store.delete(bucket, key);
  }

  /** Back to a fresh start (same endpoint): no buckets, objects, faults or calls; the permissions of the options. */
  public reset(): void {
    this.store.clear();
    this.faults.clear();
    this.permissions.listBucket = this.listBucketByDefault;
    this.recordedCalls = [];
  }

  public stop(): Promise<void> {
    return closeServer(this.server);
  }
}
