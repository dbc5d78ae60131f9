/*
 * What a model import job finds at its source, and whether Bedrock takes it.
 *
 * Layout: the user guide asks for the Hugging Face format, "the model weights
 * in .safetensors format", a config.json and the tokenizer files
 * (tokenizer.json, tokenizer_config.json, tokenizer.model...)
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-import-model.html
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-import-model-job.html
 * Bedrock checks this during the job, not at CreateModelImportJob: "During the
 * job, Amazon Bedrock validates that the model that is being imported is using
 * a compatible model architecture" (same page). So a wrong layout or an
 * unsupported architecture makes the job Failed with a failureMessage; AWS
 * documents no wording, these messages are the emulator's.
 */
import { s3Folder } from '../../../shared/s3-uri';
import type { ArtifactStore } from '../../state';

/** An architecture the import takes; `converse`: whether Converse serves it (instructSupported). */
export interface ImportArchitecture {
  /** As the user guide names it. */
  readonly label: string;
  readonly converse: boolean;
}

/**
 * The supported architectures ("Supported architectures", model-customization-import-model.html),
 * keyed by config.json's `model_type`. Converse: "Converse API is not supported
 * for Qwen2.5, Qwen2-VL, Qwen2.5-VL, and GPT-OSS models"
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html).
 */
export const SUPPORTED_ARCHITECTURES: Readonly<Record<string, ImportArchitecture>> = {
  llama: { label: 'Llama (2, 3, 3.1, 3.2, 3.3)', converse: true },
  mllama: { label: 'Mllama (Llama 3.2 vision)', converse: true },
  mistral: { label: 'Mistral', converse: true },
  mixtral: { label: 'Mixtral', converse: true },
  t5: { label: 'Flan-T5', converse: true },
  gpt_bigcode: { label: 'GPTBigCode', converse: true },
  // Qwen2 and Qwen2.5 share model_type qwen2 (Qwen2ForCausalLM); see SourceRules.qwen2Converse.
  qwen2: { label: 'Qwen2, Qwen2.5', converse: false },
  qwen2_vl: { label: 'Qwen2-VL', converse: false },
  qwen2_5_vl: { label: 'Qwen2.5-VL', converse: false },
  gpt_oss: { label: 'GPT-OSS', converse: false },
};

/** config.json's `architectures` classes (Hugging Face transformers) -> model_type, for a config without model_type. */
const ARCHITECTURE_CLASSES: Readonly<Record<string, string>> = {
  LlamaForCausalLM: 'llama',
  MllamaForConditionalGeneration: 'mllama',
  MistralForCausalLM: 'mistral',
  MixtralForCausalLM: 'mixtral',
  T5ForConditionalGeneration: 't5',
  GPTBigCodeForCausalLM: 'gpt_bigcode',
  Qwen2ForCausalLM: 'qwen2',
  Qwen2VLForConditionalGeneration: 'qwen2_vl',
  Qwen2_5_VLForConditionalGeneration: 'qwen2_5_vl',
  GptOssForCausalLM: 'gpt_oss',
};

/** Where AWS is silent on a source; each default is the reading that hurts a caller most (the job's rules: import-job-rules.ts). */
export interface SourceRules {
  /**
   * A source the emulator cannot read (no S3 attached, or its bucket is not
   * in the emulated S3): 'valid' (the default) takes the layout as valid, of
   * the plan's architecture; 'failed' fails the job as if nothing were there.
   */
  unseenSource: 'valid' | 'failed';
  /**
   * Whether Converse serves a qwen2 model. The guide refuses Converse for
   * Qwen2.5, whose checkpoints carry model_type qwen2 like Qwen2's
   * (https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/config.json), so the
   * emulator cannot tell them apart: default false (refused, as for Qwen2.5); true serves them.
   */
  qwen2Converse: boolean;
  /** Whether tokenizer files are required (the guide lists them). Default true; false takes weights and config alone. */
  requireTokenizer: boolean;
}

export const defaultSourceRules = (): SourceRules => ({ unseenSource: 'valid', qwen2Converse: false, requireTokenizer: true });

/** What the job makes of its source: the architecture (config.json's model_type) or why it fails. */
export type SourceCheck = { readonly architecture: string } | { readonly failureMessage: string };

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'tokenizer.model'];

/**
 * Reads the files directly under the source's prefix. `assumed` is the
 * architecture of a source the emulator cannot read, under `rules.unseenSource`.
 */
export function checkSource(store: ArtifactStore | undefined, s3Uri: string, rules: SourceRules, assumed: string): SourceCheck {
  const { bucket, prefix } = s3Folder(s3Uri);
  const readable = store?.buckets !== undefined && store.keys !== undefined && store.get !== undefined;
  if (!readable || !store.buckets!().includes(bucket)) {
    return rules.unseenSource === 'valid' ? checkArchitecture(assumed) : { failureMessage: `No model files were found at ${s3Uri}.` };
  }
  const files = store.keys!(bucket, prefix).map((key) => key.slice(prefix.length)).filter((name) => name !== '' && !name.includes('/'));
  if (files.length === 0) return { failureMessage: `No model files were found at ${s3Uri}.` };
  if (!files.some((f) => f.endsWith('.safetensors'))) {
    return { failureMessage: `The model files at ${s3Uri} hold no weights in .safetensors format; import a model in the Hugging Face format.` };
  }
  if (!files.includes('config.json')) return { failureMessage: `The model files at ${s3Uri} have no config.json; import a model in the Hugging Face format.` };
  if (rules.requireTokenizer && !files.some((f) => TOKENIZER_FILES.includes(f))) {
    return { failureMessage: `The model files at ${s3Uri} have no tokenizer files (${TOKENIZER_FILES.join(', ')}).` };
  }
  const modelType = modelTypeOf(store.get!(bucket, `${prefix}config.json`));
  if (modelType === undefined) return { failureMessage: `The config.json at ${s3Uri} names no model architecture (architectures, model_type).` };
  return checkArchitecture(modelType);
}

/** Whether Converse serves a model of this architecture (GetImportedModel's instructSupported). */
export function supportsConverse(architecture: string, rules: SourceRules): boolean {
  if (architecture === 'qwen2') return rules.qwen2Converse;
  return SUPPORTED_ARCHITECTURES[architecture]?.converse ?? false;
}

function checkArchitecture(modelType: string): SourceCheck {
  if (SUPPORTED_ARCHITECTURES[modelType]) return { architecture: modelType };
  const supported = Object.values(SUPPORTED_ARCHITECTURES).map((a) => a.label).join(', ');
  return { failureMessage: `The model architecture ${modelType} is not supported. Supported architectures: ${supported}.` };
}

/** config.json's model_type, else the model_type of its first known `architectures` class. */
function modelTypeOf(config: string | undefined): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(config ?? '');
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { model_type: modelType, architectures } = parsed as { model_type?: unknown; architectures?: unknown };
  const classes = Array.isArray(architectures) ? architectures.filter((a): a is string => typeof a === 'string') : [];
  const fromClass = classes.map((c) => ARCHITECTURE_CLASSES[c]).find((t) => t !== undefined);
  if (typeof modelType === 'string' && modelType !== '') return modelType;
  return fromClass ?? classes[0];
}

