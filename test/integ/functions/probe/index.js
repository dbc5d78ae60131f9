// Makes one AWS SDK call and answers how it ended, { "outcome": "ok" } or { "outcome": "<error name>" }, so that an
// integration test can expect an error (an assertion's own call fails the assertion stack on one). The event:
// { "client": "bedrock" | "s3", "command": "<operation name>", "input": { ... } }. One attempt: no retries.
// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
'use strict';

const CLIENTS = {
  bedrock: () => [require('@aws-sdk/client-bedrock'), 'BedrockClient'],
  s3: () => [require('@aws-sdk/client-s3'), 'S3Client'],
};

exports.handler = async ({ client, command, input }) => {
  const [sdk, clientName] = CLIENTS[client]();
  const Command = sdk[`${command}Command`];
  if (!Command) throw new Error(`No command ${command} in the ${client} client`);
  try {
    await new sdk[clientName]({ maxAttempts: 1 }).send(new Command(input));
    return { outcome: 'ok' };
  } catch (error) {
    return { outcome: error.name };
  }
};
