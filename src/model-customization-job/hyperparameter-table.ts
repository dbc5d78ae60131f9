import { CustomizationType } from './customization';

/*
 * The hyperparameters each base model family documents, per customization
 * type, as the Amazon Bedrock user guide's pages on custom model
 * hyperparameters list them (https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models-hp.html).
 * Only fine-tuning and continued pre-training: the guide documents no
 * hyperparameters for distillation, and reinforcement fine-tuning has its own
 * typed ones. A family or type the guide does not cover is left out, and then
 * nothing is checked.
 */

/** One documented hyperparameter: its range and, where the page types it, whether it is an integer. */
export interface HyperParameterSpec {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** Words the page accepts besides numbers. */
  readonly words?: readonly string[];
}

/** The customization types whose hyperparameters the guide documents. */
export type DocumentedCustomization = CustomizationType.FINE_TUNING | CustomizationType.CONTINUED_PRE_TRAINING;

/** A family of base models that document the same hyperparameters. */
export interface ModelFamily {
  /** The models, as the page names them. */
  readonly name: string;
  /** Foundation model ids start with one of these (ids may carry suffixes such as `:0:128k`). */
  readonly modelIdPrefixes: readonly string[];
  /** The page the hyperparameters come from. */
  readonly source: string;
  readonly hyperParameters: { readonly [type in DocumentedCustomization]?: Readonly<Record<string, HyperParameterSpec>> };
}

const int = (min: number, max: number): HyperParameterSpec => ({ min, max, integer: true });
const num = (min: number, max: number): HyperParameterSpec => ({ min, max });

const NOVA_UNDERSTANDING = {
  epochCount: int(1, 5),
  learningRate: num(1e-6, 1e-4),
  learningRateWarmupSteps: int(0, 100),
};
const TITAN_TEXT = {
  epochCount: int(1, 10),
  batchSize: int(1, 64),
  learningRate: num(0, 1),
  learningRateWarmupSteps: int(0, 250),
};
// The Llama 3.1 and 3.2 pages give no types.
const LLAMA_3 = {
  epochCount: num(1, 10),
  batchSize: num(1, 1),
  learningRate: num(5e-6, 0.1),
};
const cohereCommand = (maxBatchSize: number) => ({
  epochCount: int(1, 100),
  batchSize: int(8, maxBatchSize),
  learningRate: num(5e-6, 0.1),
  earlyStoppingThreshold: num(0, 0.1),
  earlyStoppingPatience: int(1, 10),
  evalPercentage: num(5, 50),
});

export const MODEL_FAMILIES: readonly ModelFamily[] = [
  {
    name: 'Amazon Nova Micro, Lite and Pro',
    modelIdPrefixes: ['amazon.nova-micro', 'amazon.nova-lite', 'amazon.nova-pro'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html',
    hyperParameters: { [CustomizationType.FINE_TUNING]: NOVA_UNDERSTANDING },
  },
  {
    name: 'Amazon Nova Canvas',
    modelIdPrefixes: ['amazon.nova-canvas'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-canvas.html',
    // The page gives no types.
    hyperParameters: { [CustomizationType.FINE_TUNING]: { batchSize: num(8, 192), stepCount: num(10, 20000), learningRate: num(1e-7, 1e-4) } },
  },
  {
    name: 'Amazon Titan Text Premier',
    modelIdPrefixes: ['amazon.titan-text-premier'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-titan-text.html',
    hyperParameters: {
      [CustomizationType.FINE_TUNING]: {
        epochCount: int(1, 5),
        batchSize: int(1, 1),
        learningRate: num(1e-7, 1e-5),
        learningRateWarmupSteps: int(0, 20),
      },
    },
  },
  {
    name: 'Amazon Titan Text Lite and Express',
    modelIdPrefixes: ['amazon.titan-text-lite', 'amazon.titan-text-express'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-titan-text.html',
    // The page's table is for model customization; both models take continued pre-training too
    // (https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-supported.html).
    hyperParameters: { [CustomizationType.FINE_TUNING]: TITAN_TEXT, [CustomizationType.CONTINUED_PRE_TRAINING]: TITAN_TEXT },
  },
  {
    name: 'Amazon Titan Multimodal Embeddings G1',
    modelIdPrefixes: ['amazon.titan-embed-image-v1'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-titan-mm.html',
    hyperParameters: {
      [CustomizationType.FINE_TUNING]: { epochCount: { ...int(1, 100), words: ['Auto'] }, batchSize: int(256, 9216), learningRate: num(5e-8, 1) },
    },
  },
  {
    name: 'Meta Llama 2',
    modelIdPrefixes: ['meta.llama2-13b', 'meta.llama2-70b'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-meta-llama2.html',
    hyperParameters: { [CustomizationType.FINE_TUNING]: { epochCount: int(1, 10), batchSize: int(1, 1), learningRate: num(5e-6, 0.1) } },
  },
  {
    name: 'Meta Llama 3.1',
    modelIdPrefixes: ['meta.llama3-1-8b-instruct', 'meta.llama3-1-70b-instruct'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-meta-llama31.html',
    hyperParameters: { [CustomizationType.FINE_TUNING]: LLAMA_3 },
  },
  {
    name: 'Meta Llama 3.2',
    modelIdPrefixes: ['meta.llama3-2-1b-instruct', 'meta.llama3-2-3b-instruct', 'meta.llama3-2-11b-instruct', 'meta.llama3-2-90b-instruct'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-meta-llama32.html',
    hyperParameters: { [CustomizationType.FINE_TUNING]: LLAMA_3 },
  },
  {
    name: 'Cohere Command',
    modelIdPrefixes: ['cohere.command-text'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-cohere-command.html',
    hyperParameters: { [CustomizationType.FINE_TUNING]: cohereCommand(8) },
  },
  {
    name: 'Cohere Command Light',
    modelIdPrefixes: ['cohere.command-light-text'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-cohere-command.html',
    hyperParameters: { [CustomizationType.FINE_TUNING]: cohereCommand(32) },
  },
  {
    name: 'Anthropic Claude 3 Haiku',
    modelIdPrefixes: ['anthropic.claude-3-haiku'],
    source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-anth-claude-3.html',
    // The page gives no types.
    hyperParameters: {
      [CustomizationType.FINE_TUNING]: {
        epochCount: num(1, 10),
        batchSize: num(4, 256),
        learningRateMultiplier: num(0.1, 2),
        earlyStoppingThreshold: num(0, 0.1),
        earlyStoppingPatience: num(1, 10),
      },
    },
  },
];
