/**
 * How much reasoning the model applies during reinforcement fine-tuning.
 */
export enum ReasoningEffort {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
}

/**
 * Hyperparameters of a reinforcement fine-tuning, as the Bedrock API defines
 * them (`RFTHyperParameters`). The ranges are checked when the job is created
 * in the app.
 */
export interface ReinforcementFineTuningHyperParameters {
  /**
   * Training epochs, 1 to 50.
   * @default - Bedrock's default
   */
  readonly epochCount?: number;

  /**
   * Training samples per batch, 16 to 512.
   * @default - Bedrock's default
   */
  readonly batchSize?: number;

  /**
   * Learning rate, 1e-7 to 1e-3.
   * @default - Bedrock's default
   */
  readonly learningRate?: number;

  /**
   * The longest prompt used in training, in tokens.
   * @default - Bedrock's default
   */
  readonly maxPromptLength?: number;

  /**
   * Responses sampled per prompt, 2 to 16.
   * @default - Bedrock's default
   */
  readonly trainingSamplePerPrompt?: number;

  /**
   * The most tokens the model generates per response during training.
   * @default - Bedrock's default
   */
  readonly inferenceMaxTokens?: number;

  /**
   * The reasoning effort of the model during training.
   * @default - Bedrock's default
   */
  readonly reasoningEffort?: ReasoningEffort;

  /**
   * Training steps between two evaluations, 1 to 100.
   * @default - Bedrock's default
   */
  readonly evalInterval?: number;
}
