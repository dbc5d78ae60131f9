/* Real DynamoDB clients pointed at a local DynamoDB, with fake credentials (any SigV4 signature is accepted). */
import { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TranslateConfig } from '@aws-sdk/lib-dynamodb';
import { FAKE_CREDENTIALS } from '../shared/fake-credentials';

export interface DynamoDBEmulatorAddress {
  readonly endpoint: string;
  readonly region: string;
}

/** `config` overrides the defaults, e.g. `{ maxAttempts: 1 }` to see errors without the SDK's retries. */
export function createDynamoDBClient(emulator: DynamoDBEmulatorAddress, config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: FAKE_CREDENTIALS, ...config });
}

/** The document client (plain JavaScript values) over a client from createDynamoDBClient. */
export function createDocumentClient(
  emulator: DynamoDBEmulatorAddress,
  config: DynamoDBClientConfig = {},
  translate?: TranslateConfig,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDBClient(emulator, config), translate);
}
