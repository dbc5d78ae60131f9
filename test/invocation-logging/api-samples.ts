/*
 * This kind's part of the emulator's API tests (test/emulator/bedrock-fixtures/kind-samples.ts):
 * samples of the string shapes only its operations take, and its operations answered with success.
 */
import type { KindApiSamples } from '../emulator/bedrock-fixtures/kind-samples';

export const API_SAMPLES: KindApiSamples = {
  strings: {
    BucketName: 'log-bucket',
    KeyPrefix: 'prefix/',
    LogGroupName: '/bedrock/invocations',
  },
  success: async (send) => {
    await send('PutModelInvocationLoggingConfiguration', { loggingConfig: { s3Config: { bucketName: 'logs-bucket' } } });
    await send('GetModelInvocationLoggingConfiguration', {});
    await send('DeleteModelInvocationLoggingConfiguration', {});
  },
};
