/*
 * This kind's part of the emulator's API tests (test/emulator/bedrock-fixtures/kind-samples.ts):
 * samples of the string shapes only its operations take, and its operations answered with success.
 */
import type { KindApiSamples } from '../emulator/bedrock-fixtures/kind-samples';

export const API_SAMPLES: KindApiSamples = {
  strings: {
    ProvisionedModelId: 'throughput-1',
    ProvisionedModelName: 'throughput-1',
  },
  breakers: {
    ProvisionedModelId: 'throughput!',
    ProvisionedModelName: 'bad name!',
  },
  success: async (send, emulator) => {
    const modelId = emulator.customModels.add({ modelName: 'existing' });
    await send('CreateProvisionedModelThroughput', { provisionedModelName: 'throughput-1', modelId, modelUnits: 1 });
    await send('GetProvisionedModelThroughput', { provisionedModelId: 'throughput-1' });
    await send('UpdateProvisionedModelThroughput', { provisionedModelId: 'throughput-1', desiredProvisionedModelName: 'throughput-2' });
    await send('DeleteProvisionedModelThroughput', { provisionedModelId: 'throughput-2' });
  },
};
