/*
 * An in-memory DynamoDB: its tables, and DynamoDB's API answered in its
 * JSON protocol (awsJson1_0, `X-Amz-Target: DynamoDB_20120810.<Operation>`)
 * for whichever server carries it: its own (DynamoDBEmulator) or the local
 * CloudFormation engine's services.
 */
import { randomBytes } from 'crypto';
import { AttributeMap, plainItem } from './attribute-values';
import { DynamoDBError, tableNotFound } from './errors';
import { DynamoDBFaultInjector, DynamoDBOperation, OPERATIONS } from './faults';
import { deleteItem, getItem, putItem, scan, updateItem } from './item-operations';
import { Table } from './table';
import { checkTableName, keyAttributes, TableDefinition, tableDefinition, tableIdentity } from './table-definition';
import { partitionOf } from '../shared/region';

/** The host's clock, kept at load: the local CloudFormation engine replaces `Date` while a handler runs. */
const hostNow = Date.now;

export const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface LocalDynamoDBOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** Epoch milliseconds: tables' creation times, and how long ago items were written. @default the host's clock */
  readonly now?: () => number;
  /**
   * For how long after a write an eventually consistent read (GetItem or
   * Scan without ConsistentRead) may return the item as it was: "An
   * eventually consistent read might not reflect the results of a recently
   * completed write" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html);
   * such reads here always do, for this long (0: every read is strongly consistent).
   * @default 1000
   */
  readonly staleReadMs?: number;
}

/** A request the local DynamoDB received, and how it was answered. */
export interface RecordedDynamoDBCall {
  readonly operation: string;
  readonly table?: string;
  readonly request: Readonly<Record<string, unknown>>;
  readonly time: Date;
  /** The error's name, when the answer was one. */
  readonly errorCode?: string;
}

export interface DynamoDBAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export class LocalDynamoDB {
  public readonly region: string;
  public readonly accountId: string;
  /** Errors for the requests to come (throttling, internal errors), by operation and table. */
  public readonly faults = new DynamoDBFaultInjector();
  private readonly tablesByName = new Map<string, Table>();
  private readonly now: () => number;
  private readonly staleReadMs: number;
  private recorded: RecordedDynamoDBCall[] = [];

  constructor(options: LocalDynamoDBOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.now = options.now ?? (() => hostNow());
    this.staleReadMs = options.staleReadMs ?? 1000;
  }

  /** Every request since the start or the last reset(), in arrival order. */
  public get calls(): readonly RecordedDynamoDBCall[] {
    return this.recorded;
  }

  public callsTo(operation: DynamoDBOperation): RecordedDynamoDBCall[] {
    return this.recorded.filter((c) => c.operation === operation);
  }

  /**
   * Creates a table (in-process, as CreateTable does: same checks, same
   * errors, thrown as DynamoDBError) and returns its description, ACTIVE.
   */
  public createTable(request: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const definition = tableDefinition(request);
    if (this.tablesByName.has(definition.name)) throw new DynamoDBError('ResourceInUseException', `Table already exists: ${definition.name}`);
    return this.add(definition).description('ACTIVE');
  }

  /**
   * Gives an existing table another definition with the same name and key
   * (an update in place: billing mode, streams, deletion protection); its
   * items stay. Returns its description.
   */
  public updateTable(request: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const definition = tableDefinition(request);
    const table = this.tablesByName.get(definition.name);
    if (!table) throw tableNotFound(definition.name);
    const keyOf = (d: TableDefinition) => JSON.stringify(keyAttributes(d));
    if (keyOf(definition) !== keyOf(table.definition)) throw new DynamoDBError('ValidationException', 'Cannot update the key schema or the key attributes\' types of a table');
    table.redefine(definition, this.now());
    return table.description('ACTIVE');
  }

  /**
   * Deletes a table and its items (in-process, with DeleteTable's refusal of
   * a protected table, thrown as DynamoDBError: "the table can't be deleted"
   * while deletion protection is on,
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection);
   * false when there was none.
   */
  public deleteTable(name: string): boolean {
    if (this.tablesByName.get(name)?.definition.deletionProtection) {
      throw new DynamoDBError('ValidationException', `1 validation error detected: Table '${name}' can't be deleted while DeletionProtectionEnabled is set to True`);
    }
    return this.tablesByName.delete(name);
  }

  public tableNames(): string[] {
    return [...this.tablesByName.keys()].sort();
  }

  public table(name: string): Table | undefined {
    return this.tablesByName.get(name);
  }

  /** A table's description, as DescribeTable gives it; undefined when there is none. */
  public describeTable(name: string): Record<string, unknown> | undefined {
    return this.tablesByName.get(name)?.description('ACTIVE');
  }

  /** A table's items as DynamoDB JSON, in Scan order ([] for no table). */
  public items(name: string): AttributeMap[] {
    return this.tablesByName.get(name)?.items() ?? [];
  }

  /** A table's items as plain values (N as numbers, sets as sorted arrays, B as Buffers). */
  public plainItems(name: string): Record<string, unknown>[] {
    return this.items(name).map(plainItem);
  }

  /** No tables, faults or calls. */
  public reset(): void {
    this.tablesByName.clear();
    this.faults.clear();
    this.recorded = [];
  }

  /** Answers one API call: `target` is the X-Amz-Target header, `body` the JSON request. */
  public answer(target: string, body: string): DynamoDBAnswer {
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const call: { -readonly [K in keyof RecordedDynamoDBCall]: RecordedDynamoDBCall[K] } = { operation, request: {}, time: new Date(this.now()) };
    this.recorded.push(call);
    try {
      let request: Record<string, unknown>;
      try {
        request = JSON.parse(body || '{}') as Record<string, unknown>;
      } catch {
        throw new DynamoDBError('SerializationException');
      }
      call.request = request;
      if (typeof request.TableName === 'string') call.table = request.TableName;
      if (!(OPERATIONS as readonly string[]).includes(operation)) {
        throw new DynamoDBError('UnknownOperationException', `${operation || '(no X-Amz-Target)'}: the local DynamoDB serves ${OPERATIONS.join(', ')}`);
      }
      const injected = this.faults.strike(operation as DynamoDBOperation, call.table);
      if (injected) throw injected;
      return answer(200, this.dispatch(operation as DynamoDBOperation, request));
    } catch (error) {
      const failure = error instanceof DynamoDBError ? error : new DynamoDBError('InternalServerError', `The local DynamoDB failed: ${(error as Error).message}`);
      call.errorCode = failure.code;
      return answer(failure.status, failure.body());
    }
  }

  private dispatch(operation: DynamoDBOperation, request: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const context = { table: (name: string) => this.tablesByName.get(name), now: () => this.now() };
    switch (operation) {
      case 'CreateTable': {
        const description = this.createTable(request);
        // CreateTable answers while the table is being created; it is ACTIVE by the next call.
        return { TableDescription: { ...description, TableStatus: 'CREATING' } };
      }
      case 'DescribeTable': {
        const description = this.describeTable(checkTableName(request.TableName));
        if (!description) throw tableNotFound(String(request.TableName));
        return { Table: description };
      }
      case 'DeleteTable': {
        const name = checkTableName(request.TableName);
        const table = this.tablesByName.get(name);
        if (!table) throw tableNotFound(name);
        const description = table.description('DELETING');
        this.deleteTable(name);
        return { TableDescription: description };
      }
      case 'ListTables': return { TableNames: this.tableNames() };
      case 'PutItem': return putItem(context, request);
      case 'GetItem': return getItem(context, request);
      case 'UpdateItem': return updateItem(context, request);
      case 'DeleteItem': return deleteItem(context, request);
      case 'Scan': return scan(context, request);
    }
  }

  private add(definition: TableDefinition): Table {
    const identity = tableIdentity(definition, { partition: partitionOf(this.region), region: this.region, accountId: this.accountId }, this.now());
    const table = new Table(definition, identity, this.staleReadMs);
    this.tablesByName.set(definition.name, table);
    return table;
  }
}

function answer(status: number, body: unknown): DynamoDBAnswer {
  // Request ids as DynamoDB's look: 52 characters of A-Z and 0-9.
  const requestId = randomBytes(32).toString('base64').replace(/[^A-Z0-9]/gi, '').toUpperCase().padEnd(52, '0').slice(0, 52);
  return { status, headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: JSON.stringify(body) };
}
