/* Requests and sources for model import job tests: a Hugging Face layout in the emulated S3. */
import type { CreateModelImportJobCommandInput } from '@aws-sdk/client-bedrock';
import type { BedrockEmulator } from '../../emulator/bedrock';
import { ROLE_ARN } from '../emulator/bedrock-fixtures/requests';

export const SOURCE_BUCKET = 'model-source';

export function modelImportJobRequest(overrides: Partial<CreateModelImportJobCommandInput> = {}): CreateModelImportJobCommandInput {
  return {
    jobName: 'import-job-1',
    importedModelName: 'imported-model-1',
    roleArn: ROLE_ARN,
    modelDataSource: { s3DataSource: { s3Uri: `s3://${SOURCE_BUCKET}/llama/` } },
    ...overrides,
  };
}

/** Files to leave out, or a config.json to write instead of a Llama one. */
export interface SourceLayout {
  readonly without?: readonly string[];
  readonly config?: object;
}

/** Seeds s3://model-source/<folder>/ with a Hugging Face layout (weights, config.json, tokenizer files). */
export function seedSource(emulator: BedrockEmulator, folder: string, layout: SourceLayout = {}): string {
  const files: Record<string, string> = {
    'model-00001-of-00002.safetensors': 'weights',
    'model-00002-of-00002.safetensors': 'weights',
    'config.json': JSON.stringify(layout.config ?? { architectures: ['LlamaForCausalLM'], model_type: 'llama' }),
    'tokenizer.json': '{}',
    'tokenizer_config.json': '{}',
  };
  Object.entries(files).filter(([name]) => !(layout.without ?? []).includes(name))
    .forEach(([name, body]) => emulator.s3.put(SOURCE_BUCKET, `${folder}/${name}`, body));
  emulator.s3.createBucket(SOURCE_BUCKET);
  return `s3://${SOURCE_BUCKET}/${folder}/`;
}
