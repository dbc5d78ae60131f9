/*
 * Faults a test injects into the emulated S3: an error instead of the answer
 * (the operation is not applied), for requests matched by operation, bucket
 * and key prefix, at most n times.
 */
import { S3Error, S3ErrorCode } from './errors';
import { FaultList } from '../shared/fault-list';

export type S3Operation = 'CreateBucket' | 'HeadBucket' | 'PutObject' | 'GetObject' | 'HeadObject' | 'ListObjectsV2'
  | 'GetBucketTagging' | 'ListObjectVersions' | 'DeleteObjects';

/** What a request touches: the key of an object operation, the prefix of a listing. */
export interface S3Target {
  readonly operation: S3Operation;
  readonly bucket: string;
  readonly key?: string;
  readonly prefix?: string;
}

/** Which requests a fault applies to. Every condition given must hold. */
export interface S3FaultMatch {
  /** Default: every operation. */
  readonly operation?: S3Operation | readonly S3Operation[];
  /** Default: every bucket. */
  readonly bucket?: string;
  /**
   * Object operations whose key starts with it, and listings whose prefix
   * starts with it (a listing inside the prefix); bucket operations never
   * match a prefix. Default: every key.
   */
  readonly prefix?: string;
  /** At most this many injections, then the fault retires. Default: no limit. */
  readonly times?: number;
}

/** A fault in place: how often it struck, and a way to remove it. */
export interface S3InjectedFault {
  readonly code: S3ErrorCode;
  readonly match: S3FaultMatch;
  readonly injected: number;
  remove(): void;
}

/** Whether a fault matched so applies to a request. */
function applies(match: S3FaultMatch, target: S3Target): boolean {
  const { operation, bucket, prefix } = match;
  if (operation !== undefined && !([] as S3Operation[]).concat(operation).includes(target.operation)) return false;
  if (bucket !== undefined && bucket !== target.bucket) return false;
  const within = target.key ?? target.prefix;
  return prefix === undefined || (within !== undefined && within.startsWith(prefix));
}

export class S3FaultInjector {
  private readonly faults = new FaultList<S3Target, S3FaultMatch, S3Error>();

  /** 403 AccessDenied, as S3 answers a request its policies deny. */
  public accessDenied(match: S3FaultMatch = {}, message?: string): S3InjectedFault {
    return this.error('AccessDenied', match, message);
  }

  /** 503 SlowDown, S3's throttling, which the SDK retries. */
  public slowDown(match: S3FaultMatch = {}, message?: string): S3InjectedFault {
    return this.error('SlowDown', match, message);
  }

  /** 500 InternalError, which the SDK retries. */
  public internalError(match: S3FaultMatch = {}, message?: string): S3InjectedFault {
    return this.error('InternalError', match, message);
  }

  /** Any error code the emulator knows, with its status. */
  public error(code: S3ErrorCode, match: S3FaultMatch = {}, message?: string): S3InjectedFault {
    return this.faults.add(match, (target) => applies(match, target), () => new S3Error(code, message), { code });
  }

  public clear(): void {
    this.faults.clear();
  }

  /** The error of the first fault (in the order added) that strikes this request. */
  public strike(target: S3Target): S3Error | undefined {
    return this.faults.strike(target);
  }
}
