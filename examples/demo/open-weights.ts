/*
 * The open-weight model the example app imports (ModelImportJob), as the
 * demo puts it in the data bucket once the stack has created the bucket: the
 * files of Llama 3.2 1B Instruct in the Hugging Face layout that Custom Model
 * Import reads (https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-import-model.html):
 * its real config.json and tokenizer_config.json, a weights file that is a
 * valid but empty safetensors file (an 8-byte header length, then the JSON
 * header), and a minimal tokenizer.json. The emulated import job reads them
 * and detects the architecture from config.json, as Bedrock does.
 */
import type { BedrockEmulator } from '../../emulator/bedrock';
import { OPEN_WEIGHTS_PREFIX } from '../app';

/** The construct id of the bucket the app keeps its data (and the model's files) in. */
export const DATA_BUCKET_ID = 'Data';

/** config.json of meta-llama/Llama-3.2-1B-Instruct (https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct/blob/main/config.json). */
const CONFIG = {
  architectures: ['LlamaForCausalLM'],
  bos_token_id: 128000,
  eos_token_id: [128001, 128008, 128009],
  hidden_act: 'silu',
  hidden_size: 2048,
  intermediate_size: 8192,
  max_position_embeddings: 131072,
  model_type: 'llama',
  num_attention_heads: 32,
  num_hidden_layers: 16,
  num_key_value_heads: 8,
  rms_norm_eps: 1e-05,
  rope_theta: 500000.0,
  tie_word_embeddings: true,
  torch_dtype: 'bfloat16',
  vocab_size: 128256,
};

/** A safetensors file with no tensors: its header's length (little-endian u64), then the header. */
export function emptySafetensors(): Uint8Array {
  const header = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' } }), 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header]);
}

/** The model's files, by name. */
export function openWeightFiles(): Record<string, string | Uint8Array> {
  return {
    'config.json': JSON.stringify(CONFIG, null, 2),
    'tokenizer_config.json': JSON.stringify({ bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>', model_max_length: 131072 }),
    'tokenizer.json': JSON.stringify({ version: '1.0', model: { type: 'BPE', vocab: {}, merges: [] } }),
    'model.safetensors': emptySafetensors(),
  };
}

/** Puts the model's files under OPEN_WEIGHTS_PREFIX in `bucket` of the emulator's S3, where the import job reads them. */
export function putOpenWeights(emulator: BedrockEmulator, bucket: string): void {
  emulator.s3.createBucket(bucket);
  for (const [name, body] of Object.entries(openWeightFiles())) emulator.s3.put(bucket, `${OPEN_WEIGHTS_PREFIX}${name}`, body);
}
