/*
 * This kind's part of the emulator's API tests (test/emulator/bedrock-fixtures/kind-samples.ts):
 * samples of the string shapes only its operations take, and its operations answered with success.
 */
import type { KindApiSamples } from '../emulator/bedrock-fixtures/kind-samples';
import { importRequest } from '../emulator/bedrock-fixtures/requests';

export const API_SAMPLES: KindApiSamples = {
  strings: {
    KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012',
  },
  breakers: {
    KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/mine',
  },
  success: async (send) => {
    await send('CreateCustomModel', importRequest());
    await send('GetCustomModel', { modelIdentifier: 'imported-1' });
    await send('ListCustomModels', {});
    await send('DeleteCustomModel', { modelIdentifier: 'imported-1' });
  },
};
