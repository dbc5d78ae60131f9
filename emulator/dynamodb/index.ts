/* The local DynamoDB for tests (dev-only). */
export { DynamoDBEmulator } from './dynamodb-emulator';
export type { DynamoDBEmulatorOptions } from './dynamodb-emulator';
export { LocalDynamoDB, TARGET_PREFIX } from './local-dynamodb';
export type { DynamoDBAnswer, LocalDynamoDBOptions, RecordedDynamoDBCall } from './local-dynamodb';
export { createDocumentClient, createDynamoDBClient } from './client';
export type { DynamoDBEmulatorAddress } from './client';
export { DynamoDBError, DYNAMODB_ERRORS } from './errors';
export type { DynamoDBErrorName } from './errors';
export { DynamoDBFaultInjector } from './faults';
export type { DynamoDBFaultMatch, DynamoDBInjectedFault, DynamoDBOperation } from './faults';
export { plainItem, toPlain } from './attribute-values';
export type { AttributeMap, AttributeValue } from './attribute-values';
export { MAX_ITEM_BYTES, MAX_PAGE_BYTES } from './table';
export { streamArn, tableDefinition } from './table-definition';
export type { TableDefinition } from './table-definition';
