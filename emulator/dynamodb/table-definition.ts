/*
 * A table's definition, checked as CreateTable checks it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html),
 * and the TableDescription that CreateTable, DescribeTable and DeleteTable
 * answer with (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 */
import { randomUUID } from 'crypto';
import { invalidParameter, validation } from './errors';

export type KeyType = 'HASH' | 'RANGE';
export type ScalarType = 'S' | 'N' | 'B';
export type BillingMode = 'PROVISIONED' | 'PAY_PER_REQUEST';

export interface KeyAttribute {
  readonly name: string;
  readonly type: ScalarType;
}

export interface TableDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly billingMode: BillingMode;
  readonly provisionedThroughput?: { readonly ReadCapacityUnits: number; readonly WriteCapacityUnits: number };
  /** StreamViewType, when streams are enabled. */
  readonly streamViewType?: string;
  readonly deletionProtection: boolean;
}

/** What the table is, besides its definition: its identity and times. */
export interface TableIdentity {
  readonly arn: string;
  readonly id: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly streamLabel?: string;
}

const NAME = /^[a-zA-Z0-9_.-]+$/;
const STREAM_VIEW_TYPES = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];

/** "1 validation error detected: Value ... at '<member>' failed to satisfy constraint: <constraint>". */
export const constraint = (value: unknown, member: string, rule: string) =>
  validation(`1 validation error detected: Value ${value === undefined || value === null ? 'null' : `'${String(value)}'`} at '${member}' failed to satisfy constraint: ${rule}`);

export function checkTableName(name: unknown, member = 'tableName'): string {
  if (typeof name !== 'string') throw constraint(name, member, 'Member must not be null');
  if (name.length < 3) throw constraint(name, member, 'Member must have length greater than or equal to 3');
  if (name.length > 255) throw constraint(name, member, 'Member must have length less than or equal to 255');
  if (!NAME.test(name)) throw constraint(name, member, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  return name;
}

/** A CreateTable request (or a table resource's properties, which use the same names) as a definition. */
export function tableDefinition(request: Readonly<Record<string, unknown>>): TableDefinition {
  const name = checkTableName(request.TableName);
  const keySchema = request.KeySchema as { AttributeName?: string; KeyType?: string }[] | undefined;
  if (!Array.isArray(keySchema)) throw constraint(undefined, 'keySchema', 'Member must not be null');
  if (keySchema.length < 1) throw constraint('[]', 'keySchema', 'Member must have length greater than or equal to 1');
  if (keySchema.length > 2) throw constraint(`[${keySchema.map(describeKey).join(', ')}]`, 'keySchema', 'Member must have length less than or equal to 2');
  keySchema.forEach((k, i) => {
    if (k.KeyType !== 'HASH' && k.KeyType !== 'RANGE') throw constraint(k.KeyType, `keySchema.${i + 1}.member.keyType`, 'Member must satisfy enum value set: [HASH, RANGE]');
  });
  if (keySchema[0].KeyType !== 'HASH') throw validation('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (keySchema[1] && keySchema[1].KeyType !== 'RANGE') throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (keySchema[1] && keySchema[1].AttributeName === keySchema[0].AttributeName) {
    throw validation('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  }
  const definitions = request.AttributeDefinitions as { AttributeName?: string; AttributeType?: string }[] | undefined;
  if (!Array.isArray(definitions)) throw constraint(undefined, 'attributeDefinitions', 'Member must not be null');
  definitions.forEach((d, i) => {
    if (!['S', 'N', 'B'].includes(String(d.AttributeType))) throw constraint(d.AttributeType, `attributeDefinitions.${i + 1}.member.attributeType`, 'Member must satisfy enum value set: [B, N, S]');
  });
  const keyNames = keySchema.map((k) => String(k.AttributeName));
  const defined = definitions.map((d) => String(d.AttributeName));
  if (!keyNames.every((k) => defined.includes(k))) {
    throw invalidParameter(`Some index key attributes are not defined in AttributeDefinitions. Keys: [${keyNames.join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`);
  }
  if (defined.length !== keyNames.length) {
    throw invalidParameter('Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  }
  for (const index of ['GlobalSecondaryIndexes', 'LocalSecondaryIndexes']) {
    if (Array.isArray(request[index]) && (request[index] as unknown[]).length > 0) throw validation(`${index}: the local DynamoDB serves tables without secondary indexes`);
  }
  const billingMode = request.BillingMode ?? 'PROVISIONED';
  if (billingMode !== 'PROVISIONED' && billingMode !== 'PAY_PER_REQUEST') throw constraint(billingMode, 'billingMode', 'Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]');
  const throughput = request.ProvisionedThroughput as { ReadCapacityUnits?: unknown; WriteCapacityUnits?: unknown } | undefined;
  if (billingMode === 'PAY_PER_REQUEST' && throughput) {
    throw invalidParameter('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  }
  if (billingMode === 'PROVISIONED' && (throughput?.ReadCapacityUnits === undefined || throughput?.WriteCapacityUnits === undefined)) {
    throw invalidParameter('ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  }
  const keyAttribute = (i: number): KeyAttribute => {
    const keyName = keyNames[i];
    return { name: keyName, type: definitions.find((d) => d.AttributeName === keyName)!.AttributeType as ScalarType };
  };
  return {
    name,
    partitionKey: keyAttribute(0),
    sortKey: keyNames.length > 1 ? keyAttribute(1) : undefined,
    billingMode,
    provisionedThroughput: throughput
      ? { ReadCapacityUnits: Number(throughput.ReadCapacityUnits), WriteCapacityUnits: Number(throughput.WriteCapacityUnits) }
      : undefined,
    streamViewType: streamViewType(request.StreamSpecification),
    deletionProtection: request.DeletionProtectionEnabled === true || request.DeletionProtectionEnabled === 'true',
  };
}

/** The API's StreamSpecification has StreamEnabled; CloudFormation's only StreamViewType. */
function streamViewType(spec: unknown): string | undefined {
  if (!spec || typeof spec !== 'object') return undefined;
  const { StreamEnabled, StreamViewType } = spec as { StreamEnabled?: unknown; StreamViewType?: unknown };
  if (StreamEnabled === false || StreamEnabled === 'false') return undefined;
  if (!STREAM_VIEW_TYPES.includes(String(StreamViewType))) {
    throw constraint(StreamViewType, 'streamSpecification.streamViewType', `Member must satisfy enum value set: [${STREAM_VIEW_TYPES.join(', ')}]`);
  }
  return String(StreamViewType);
}

function describeKey(k: { AttributeName?: string; KeyType?: string }): string {
  return `KeySchemaElement(attributeName=${k.AttributeName}, keyType=${k.KeyType})`;
}

/** The key's attributes: the partition key, then the sort key if any. */
export function keyAttributes(definition: TableDefinition): KeyAttribute[] {
  return [definition.partitionKey, ...(definition.sortKey ? [definition.sortKey] : [])];
}

export function tableIdentity(
  definition: TableDefinition,
  location: { partition: string; region: string; accountId: string },
  now: number,
): TableIdentity {
  const arn = `arn:${location.partition}:dynamodb:${location.region}:${location.accountId}:table/${definition.name}`;
  return { arn, id: randomUUID(), createdAt: now, streamLabel: definition.streamViewType ? streamLabel(now) : undefined };
}

/** A stream's label: the time streams were enabled, ISO 8601 without the zone. */
export function streamLabel(now: number): string {
  return new Date(now).toISOString().replace('Z', '');
}

export function streamArn(identity: TableIdentity): string | undefined {
  return identity.streamLabel ? `${identity.arn}/stream/${identity.streamLabel}` : undefined;
}

/** The TableDescription DynamoDB answers with. */
export function tableDescription(
  definition: TableDefinition,
  identity: TableIdentity,
  status: string,
  counts: { readonly items: number; readonly bytes: number },
): Record<string, unknown> {
  const keys = keyAttributes(definition);
  return {
    TableName: definition.name,
    TableArn: identity.arn,
    TableId: identity.id,
    TableStatus: status,
    KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
    CreationDateTime: identity.createdAt / 1000,
    ItemCount: counts.items,
    TableSizeBytes: counts.bytes,
    ProvisionedThroughput: { NumberOfDecreasesToday: 0, ...(definition.provisionedThroughput ?? { ReadCapacityUnits: 0, WriteCapacityUnits: 0 }) },
    ...(definition.billingMode === 'PAY_PER_REQUEST'
      ? { BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: identity.createdAt / 1000 } }
      : {}),
    ...(definition.streamViewType
      ? {
        StreamSpecification: { StreamEnabled: true, StreamViewType: definition.streamViewType },
        LatestStreamLabel: identity.streamLabel,
        LatestStreamArn: streamArn(identity),
      }
      : {}),
    DeletionProtectionEnabled: definition.deletionProtection,
  };
}
