/*
 * One table's items: keyed by their primary key, read strongly or eventually
 * consistently, scanned in DynamoDB's order (by a hash of the partition key,
 * not by insertion or by key), a page at most 1 MB.
 */
import { createHash } from 'crypto';
import { AttributeMap, AttributeValue, checkValue, compareValues, itemSize, payload, typeOf } from './attribute-values';
import { invalidParameter, validation } from './errors';
import { KeyAttribute, keyAttributes, streamLabel, TableDefinition, tableDescription, TableIdentity } from './table-definition';

/** "The maximum item size in DynamoDB is 400 KB" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items). */
export const MAX_ITEM_BYTES = 400 * 1024;
/** "A single Scan operation reads up to ... a maximum of 1 MB of data" (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html). */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** The partition key's value: at most 2048 bytes (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys). */
const MAX_PARTITION_KEY_BYTES = 2048;

interface ItemRecord {
  /** The item now; undefined once deleted. */
  current?: AttributeMap;
  /** The item before the last write, which an eventually consistent read may still return. */
  previous?: AttributeMap;
  /** Epoch milliseconds of the last write. */
  writtenAt: number;
}

/** Where an item falls in a Scan. */
interface ScanOrder {
  readonly hash: string;
  readonly sort?: AttributeValue;
}

export interface ScanPage {
  readonly items: AttributeMap[];
  readonly lastEvaluatedKey?: AttributeMap;
}

export class Table {
  private readonly records = new Map<string, ItemRecord>();

  constructor(
    private currentDefinition: TableDefinition,
    private currentIdentity: TableIdentity,
    /** How long after a write an eventually consistent read may return the item as it was (ms). */
    private readonly staleReadMs: number,
  ) {}

  public get definition(): TableDefinition {
    return this.currentDefinition;
  }

  public get identity(): TableIdentity {
    return this.currentIdentity;
  }

  /** Another definition for the same key (an update in place): items stay; streams enabled now get a label now. */
  public redefine(definition: TableDefinition, now: number): void {
    const label = definition.streamViewType ? this.currentIdentity.streamLabel ?? streamLabel(now) : undefined;
    this.currentDefinition = definition;
    this.currentIdentity = { ...this.currentIdentity, streamLabel: label };
  }

  public get keys(): readonly KeyAttribute[] {
    return keyAttributes(this.definition);
  }

  /** A Key parameter, checked: exactly the key's attributes, of the key's types, no empty string or binary. */
  public checkKey(raw: unknown, describe = 'The provided key element does not match the schema'): AttributeMap {
    if (!raw || typeof raw !== 'object') throw validation(describe);
    const key: Record<string, AttributeValue> = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) key[name] = checkedValue(value);
    const names = Object.keys(key);
    if (names.length !== this.keys.length || this.keys.some((k) => !(k.name in key) || typeOf(key[k.name]) !== k.type)) throw validation(describe);
    this.checkKeyValues(key);
    return key;
  }

  /** A whole item (PutItem): its key attributes present and of the key's types, within the size limit. */
  public checkItem(item: AttributeMap, sizeMessage = 'Item size has exceeded the maximum allowed size'): void {
    for (const k of this.keys) {
      const value = item[k.name];
      if (value === undefined) throw invalidParameter(`Missing the key ${k.name} in the item`);
      if (typeOf(value) !== k.type) throw invalidParameter(`Type mismatch for key ${k.name} expected: ${k.type} actual: ${typeOf(value)}`);
    }
    this.checkKeyValues(item);
    if (itemSize(item) > MAX_ITEM_BYTES) throw validation(sizeMessage);
  }

  public keyOf(item: AttributeMap): AttributeMap {
    return Object.fromEntries(this.keys.map((k) => [k.name, item[k.name]]));
  }

  /** The item with this key, as a strongly or an eventually consistent read sees it. */
  public get(key: AttributeMap, consistent: boolean, now: number): AttributeMap | undefined {
    const record = this.records.get(this.id(key));
    return record ? this.view(record, consistent, now) : undefined;
  }

  /** Writes (or, with undefined, deletes) the item with this key; returns the item it replaced. */
  public write(key: AttributeMap, item: AttributeMap | undefined, now: number): AttributeMap | undefined {
    const id = this.id(key);
    const record = this.records.get(id);
    const old = record?.current;
    this.records.set(id, { current: item, previous: old, writtenAt: now });
    return old;
  }

  /**
   * A page of a Scan from after `startKey`: up to `limit` items and 1 MB.
   * A page that stops at the limit or at 1 MB names its last item as
   * LastEvaluatedKey, even when nothing follows it.
   */
  public scan(options: { startKey?: AttributeMap; limit?: number; consistent: boolean; now: number }): ScanPage {
    const start = options.startKey ? this.order(options.startKey) : undefined;
    const items: AttributeMap[] = [];
    let bytes = 0;
    for (const { item, order } of this.ordered(options.consistent, options.now)) {
      if (start !== undefined && this.compareOrder(order, start) <= 0) continue;
      const size = itemSize(item);
      if (items.length > 0 && bytes + size > MAX_PAGE_BYTES) return { items, lastEvaluatedKey: this.keyOf(items[items.length - 1]) };
      items.push(item);
      bytes += size;
      if (items.length === options.limit) return { items, lastEvaluatedKey: this.keyOf(item) };
    }
    return { items };
  }

  /** Every item now, in Scan order. */
  public items(): AttributeMap[] {
    return this.ordered(true, 0).map(({ item }) => item);
  }

  /** The TableDescription DynamoDB answers with, the table in `status`. */
  public description(status: 'ACTIVE' | 'DELETING'): Record<string, unknown> {
    const items = this.items();
    const bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
    return tableDescription(this.definition, this.identity, status, { items: items.length, bytes });
  }

  /** The items a read sees, in Scan order. */
  private ordered(consistent: boolean, now: number): { item: AttributeMap; order: ScanOrder }[] {
    return [...this.records.values()]
      .map((record) => this.view(record, consistent, now))
      .filter((item): item is AttributeMap => item !== undefined)
      .map((item) => ({ item, order: this.order(item) }))
      .sort((a, b) => this.compareOrder(a.order, b.order));
  }

  private view(record: ItemRecord, consistent: boolean, now: number): AttributeMap | undefined {
    return consistent || now - record.writtenAt >= this.staleReadMs ? record.current : record.previous;
  }

  private checkKeyValues(item: AttributeMap): void {
    for (const k of this.keys) {
      const value = payload(item[k.name]) as string;
      if (value === '') {
        throw validation(`One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${k.type === 'B' ? 'binary' : 'string'} value. Key: ${k.name}`);
      }
    }
    const partition = payload(item[this.definition.partitionKey.name]) as string;
    const bytes = this.definition.partitionKey.type === 'B' ? Buffer.from(partition, 'base64').length : Buffer.byteLength(partition);
    if (bytes > MAX_PARTITION_KEY_BYTES) throw invalidParameter(`Size of hashkey has exceeded the maximum size limit of${MAX_PARTITION_KEY_BYTES} bytes`);
  }

  private id(key: AttributeMap): string {
    return JSON.stringify(this.keys.map((k) => key[k.name]));
  }

  /** Where an item falls in a Scan: a hash of its partition key, then its sort key. */
  private order(key: AttributeMap): ScanOrder {
    const partition = key[this.definition.partitionKey.name];
    const hash = createHash('md5').update(JSON.stringify(partition)).digest('hex');
    return { hash, sort: this.definition.sortKey ? key[this.definition.sortKey.name] : undefined };
  }

  private compareOrder(a: ScanOrder, b: ScanOrder): number {
    if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
    return a.sort && b.sort ? compareValues(a.sort, b.sort) ?? 0 : 0;
  }
}

/** A value of a request, checked; its reason as a ValidationException. */
export function checkedValue(raw: unknown): AttributeValue {
  try {
    return checkValue(raw);
  } catch (error) {
    throw validation((error as Error).message);
  }
}
