/* Small helpers over the SDK for emulator tests. */
import * as bedrock from '@aws-sdk/client-bedrock';

type CommandClass = new (input: object) => Parameters<bedrock.BedrockClient['send']>[0];

/** Sends `input` to an operation named as in the API model, with its SDK command. */
export async function sendOperation(client: bedrock.BedrockClient, operation: string, input: object): Promise<bedrock.ServiceOutputTypes> {
  const Command = (bedrock as unknown as Record<string, CommandClass | undefined>)[`${operation}Command`];
  if (!Command) throw new Error(`The SDK has no ${operation}Command`);
  return client.send(new Command(input));
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<bedrock.BedrockServiceException> {
  try {
    await promise;
  } catch (e) {
    return e as bedrock.BedrockServiceException;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
