/*
 * This kind's part of the emulator's API tests (test/emulator/bedrock-fixtures/kind-samples.ts):
 * samples of the string shapes only its operations take, and its operations answered with success.
 */
import type { KindApiSamples } from '../emulator/bedrock-fixtures/kind-samples';
import { jobRequest } from '../emulator/bedrock-fixtures/requests';

export const API_SAMPLES: KindApiSamples = {
  strings: {
    BaseModelIdentifier: 'amazon.titan-text-express-v1:0:8k',
    GetFoundationModelIdentifier: 'amazon.nova-micro-v1:0:128k',
    LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:grader',
    ModelCustomizationJobIdentifier: 'job-1',
    String: 'x',
    TeacherModelIdentifier: 'amazon.nova-pro-v1:0',
  },
  breakers: {
    BaseModelIdentifier: 'not a model!',
    GetFoundationModelIdentifier: 'Not-A-Model!',
    LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:layer:grader',
    ModelCustomizationJobIdentifier: 'job!',
    RequestMetadataMap$key: 'key#1',
    RequestMetadataMap$value: 'value#1',
    TeacherModelIdentifier: 'Not A Model!',
  },
  success: async (send) => {
    await send('CreateModelCustomizationJob', jobRequest());
    await send('GetModelCustomizationJob', { jobIdentifier: 'tune-1' });
    await send('ListModelCustomizationJobs', {});
    await send('StopModelCustomizationJob', { jobIdentifier: 'tune-1' });
    // The check of a foundation base model before a create.
    await send('GetFoundationModel', { modelIdentifier: 'amazon.nova-pro-v1:0' });
  },
};
