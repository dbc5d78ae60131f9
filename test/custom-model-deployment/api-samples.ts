/*
 * This kind's part of the emulator's API tests (test/emulator/bedrock-fixtures/kind-samples.ts):
 * samples of the string shapes only its operations take, and its operations answered with success.
 */
import type { KindApiSamples } from '../emulator/bedrock-fixtures/kind-samples';

export const API_SAMPLES: KindApiSamples = {
  strings: {
    CustomModelArn: 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl',
    CustomModelDeploymentDescription: 'A deployment',
    CustomModelDeploymentIdentifier: 'deployment-1',
    ModelDeploymentName: 'deployment-1',
  },
  breakers: {
    CustomModelArn: 'arn:aws:bedrock:us-east-1:123456789012:custom-model/x',
    // `.` matches no line break.
    CustomModelDeploymentDescription: 'line 1\nline 2',
    CustomModelDeploymentIdentifier: 'deployment!',
    ModelDeploymentName: 'bad name!',
  },
  success: async (send, emulator) => {
    const modelArn = emulator.customModels.add({ modelName: 'existing' });
    await send('CreateCustomModelDeployment', { modelDeploymentName: 'deployment-1', modelArn });
    await send('GetCustomModelDeployment', { customModelDeploymentIdentifier: 'deployment-1' });
    await send('UpdateCustomModelDeployment', { customModelDeploymentIdentifier: 'deployment-1', modelArn });
    await send('DeleteCustomModelDeployment', { customModelDeploymentIdentifier: 'deployment-1' });
  },
};
