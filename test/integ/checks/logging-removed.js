// Post-destroy check of integ.invocation-logging.ts: deleting the stack left the account and Region without a
// model invocation logging configuration (GetModelInvocationLoggingConfiguration answers without loggingConfig,
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelInvocationLoggingConfiguration.html).
// Run by integ-runner (from test/integ) with the test's credentials and Region; exits 1 if a configuration is left.
'use strict';
const { BedrockClient, GetModelInvocationLoggingConfigurationCommand } = require('@aws-sdk/client-bedrock');

new BedrockClient({}).send(new GetModelInvocationLoggingConfigurationCommand({})).then(({ loggingConfig }) => {
  if (loggingConfig) {
    console.error(`A model invocation logging configuration is left: ${JSON.stringify(loggingConfig)}`);
    process.exit(1);
  }
  console.log('No model invocation logging configuration is left.');
});
