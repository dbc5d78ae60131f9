/*
 * Faults a test injects into the local DynamoDB: an error instead of the
 * answer (the operation is not applied), for requests matched by operation
 * and table, at most n times. Throttling and internal errors are what the
 * SDK retries (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.RetryAndBackoff).
 */
import { DynamoDBError, DynamoDBErrorName } from './errors';

export type DynamoDBOperation =
  | 'CreateTable' | 'DeleteTable' | 'DescribeTable' | 'ListTables'
  | 'PutItem' | 'GetItem' | 'UpdateItem' | 'DeleteItem' | 'Scan';

export const OPERATIONS: readonly DynamoDBOperation[] = [
  'CreateTable', 'DeleteTable', 'DescribeTable', 'ListTables', 'PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'Scan',
];

/** Which requests a fault applies to. Every condition given must hold. */
export interface DynamoDBFaultMatch {
  /** Default: every operation. */
  readonly operation?: DynamoDBOperation | readonly DynamoDBOperation[];
  /** The request's TableName. Default: every table. */
  readonly table?: string;
  /** At most this many injections, then the fault retires. Default: no limit. */
  readonly times?: number;
}

/** A fault in place: how often it struck, and a way to remove it. */
export interface DynamoDBInjectedFault {
  readonly error: DynamoDBErrorName;
  readonly match: DynamoDBFaultMatch;
  readonly injected: number;
  remove(): void;
}

class Fault implements DynamoDBInjectedFault {
  public injected = 0;

  constructor(
    public readonly error: DynamoDBErrorName,
    public readonly match: DynamoDBFaultMatch,
    private readonly message: string | undefined,
    public readonly remove: () => void,
  ) {}

  public strike(operation: DynamoDBOperation, table: string | undefined): DynamoDBError | undefined {
    const { operation: operations, table: wanted, times = Infinity } = this.match;
    if (operations !== undefined && !([] as DynamoDBOperation[]).concat(operations).includes(operation)) return undefined;
    if (wanted !== undefined && wanted !== table) return undefined;
    if (this.injected >= times) return undefined;
    this.injected += 1;
    return new DynamoDBError(this.error, this.message);
  }
}

export class DynamoDBFaultInjector {
  private faults: Fault[] = [];

  /** ThrottlingException: "Rate of requests exceeds the allowed throughput." (the SDK retries it). */
  public throttle(match: DynamoDBFaultMatch = {}, message?: string): DynamoDBInjectedFault {
    return this.error('ThrottlingException', match, message);
  }

  /** ProvisionedThroughputExceededException (the SDK retries it). */
  public provisionedThroughputExceeded(match: DynamoDBFaultMatch = {}, message?: string): DynamoDBInjectedFault {
    return this.error('ProvisionedThroughputExceededException', match, message);
  }

  /** 500 InternalServerError (the SDK retries it). */
  public internalError(match: DynamoDBFaultMatch = {}, message?: string): DynamoDBInjectedFault {
    return this.error('InternalServerError', match, message);
  }

  /** Any error the local DynamoDB knows, with its status. */
  public error(error: DynamoDBErrorName, match: DynamoDBFaultMatch = {}, message?: string): DynamoDBInjectedFault {
    if (match.times !== undefined && !(match.times >= 0)) throw new Error(`times must be >= 0 (got ${match.times})`);
    const fault: Fault = new Fault(error, match, message, () => {
      this.faults = this.faults.filter((f) => f !== fault);
    });
    this.faults.push(fault);
    return fault;
  }

  public clear(): void {
    this.faults = [];
  }

  /** The error of the first fault (in the order added) that strikes this request. */
  public strike(operation: DynamoDBOperation, table: string | undefined): DynamoDBError | undefined {
    for (const fault of this.faults) {
      const error = fault.strike(operation, table);
      if (error) return error;
    }
    return undefined;
  }
}
