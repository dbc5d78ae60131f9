/*
 * Faults a test injects into the local DynamoDB: an error instead of the
 * answer (the operation is not applied), for requests matched by operation
 * and table, at most n times. Throttling and internal errors are what the
 * SDK retries (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.RetryAndBackoff).
 */
import { DynamoDBError, DynamoDBErrorName } from './errors';
import { FaultList } from '../shared/fault-list';

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

interface Target {
  readonly operation: DynamoDBOperation;
  readonly table: string | undefined;
}

export class DynamoDBFaultInjector {
  private readonly faults = new FaultList<Target, DynamoDBFaultMatch, DynamoDBError>();

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
    const applies = ({ operation, table }: Target) =>
      (match.operation === undefined || ([] as DynamoDBOperation[]).concat(match.operation).includes(operation))
      && (match.table === undefined || match.table === table);
    return this.faults.add(match, applies, () => new DynamoDBError(error, message), { error });
  }

  public clear(): void {
    this.faults.clear();
  }

  /** The error of the first fault (in the order added) that strikes this request. */
  public strike(operation: DynamoDBOperation, table: string | undefined): DynamoDBError | undefined {
    return this.faults.strike({ operation, table });
  }
}
