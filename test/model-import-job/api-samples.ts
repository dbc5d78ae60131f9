/*
 * This kind's part of the emulator's API tests (test/emulator/bedrock-fixtures/kind-samples.ts):
 * samples of the string shapes only its operations take, and its operations answered with success.
 */
import { modelImportJobRequest } from './emulator-fixtures';
import type { KindApiSamples } from '../emulator/bedrock-fixtures/kind-samples';

export const API_SAMPLES: KindApiSamples = {
  strings: {
    ImportedModelIdentifier: 'imported-model-1',
    ImportedModelName: 'imported-model-1',
    ModelImportJobIdentifier: 'import-job-1',
  },
  breakers: {
    ImportedModelIdentifier: 'model!',
    ImportedModelName: 'bad name!',
    ModelImportJobIdentifier: 'job!',
  },
  success: async (send) => {
    // The import completes at its first Get.
    await send('CreateModelImportJob', modelImportJobRequest());
    await send('GetModelImportJob', { jobIdentifier: 'import-job-1' });
    await send('ListModelImportJobs', {});
    await send('GetImportedModel', { modelIdentifier: 'imported-model-1' });
    await send('DeleteImportedModel', { modelIdentifier: 'imported-model-1' });
  },
};
