/*
 * A local stand-in for Hugging Face's resolve URLs of the model the import
 * app copies (Qwen2.5-0.5B-Instruct): its real config.json fields the import
 * reads (architecture, model_type), small tokenizer files, and a valid but
 * empty safetensors file. The emulated import job reads them as Bedrock
 * reads the real ones.
 */
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { emptySafetensors } from '../../../examples/demo/open-weights';

/** config.json of https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct/blob/main/config.json (its architecture fields). */
const CONFIG = {
  architectures: ['Qwen2ForCausalLM'],
  model_type: 'qwen2',
  hidden_size: 896,
  intermediate_size: 4864,
  num_attention_heads: 14,
  num_hidden_layers: 24,
  num_key_value_heads: 2,
  max_position_embeddings: 32768,
  torch_dtype: 'bfloat16',
  vocab_size: 151936,
};

const FILES: Readonly<Record<string, Buffer>> = {
  'config.json': Buffer.from(JSON.stringify(CONFIG, null, 2)),
  'generation_config.json': Buffer.from(JSON.stringify({ bos_token_id: 151643, eos_token_id: [151645, 151643] })),
  'merges.txt': Buffer.from('#version: 0.2\n'),
  'model.safetensors': Buffer.from(emptySafetensors()),
  'tokenizer.json': Buffer.from(JSON.stringify({ version: '1.0', model: { type: 'BPE', vocab: {}, merges: [] } })),
  'tokenizer_config.json': Buffer.from(JSON.stringify({ eos_token: '<|im_end|>', model_max_length: 131072 })),
  'vocab.json': Buffer.from('{}'),
};

/** Serves the files at `<endpoint>/<file name>`; 404 for any other. */
export async function startWeightsServer(): Promise<{ readonly endpoint: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const body = FILES[(request.url ?? '').replace(/^\//, '')];
    response.writeHead(body ? 200 : 404, { 'content-length': body ? body.length : 0 });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
