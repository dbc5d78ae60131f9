import { aws_lambda as lambda } from 'aws-cdk-lib';
import { ReinforcementFineTuningHyperParameters } from './rft-hyperparameters';
import { TeacherModel } from './teacher-model';

/**
 * The customization types of Bedrock: how a custom model came to be.
 */
export enum CustomizationType {
  /** Supervised fine-tuning on labelled prompt/completion pairs. */
  FINE_TUNING = 'FINE_TUNING',
  /** Continued pre-training on unlabelled text. */
  CONTINUED_PRE_TRAINING = 'CONTINUED_PRE_TRAINING',
  /** Distillation: a smaller model learns from the responses of a larger teacher model. */
  DISTILLATION = 'DISTILLATION',
  /** Reinforcement fine-tuning: the model learns from the rewards a grader gives its responses. */
  REINFORCEMENT_FINE_TUNING = 'REINFORCEMENT_FINE_TUNING',
  /**
   * A model imported from its artifacts (CreateCustomModel), not made by a job.
   * No `Customization` has this type; custom models report it, and Bedrock
   * cannot customize such a model further.
   */
  IMPORTED = 'IMPORTED',
}

/**
 * Settings of a distillation.
 */
export interface DistillationOptions {
  /** The model whose responses the base model (the student) learns from. */
  readonly teacherModel: TeacherModel;

  /**
   * The most tokens Bedrock asks of the teacher model for one response
   * (`maxResponseLengthForInference`).
   *
   * @default - Bedrock's default
   */
  readonly maxResponseLength?: number;
}

/**
 * Settings of a reinforcement fine-tuning.
 */
export interface ReinforcementFineTuningOptions {
  /**
   * The Lambda function that grades the model's responses and returns their rewards.
   *
   * The job's service role is allowed to invoke it.
   */
  readonly grader: lambda.IFunction;

  /**
   * Hyperparameters of the training.
   *
   * @default - Bedrock's defaults
   */
  readonly hyperParameters?: ReinforcementFineTuningHyperParameters;
}

/**
 * How a job customizes its base model.
 */
export class Customization {
  /** Fine-tuning: train on labelled prompt/completion pairs. */
  public static fineTuning(): Customization {
    return new Customization(CustomizationType.FINE_TUNING);
  }

  /** Continued pre-training: train on unlabelled domain text. */
  public static continuedPreTraining(): Customization {
    return new Customization(CustomizationType.CONTINUED_PRE_TRAINING);
  }

  /**
   * Distillation: the base model (the student) learns from a teacher model's responses.
   *
   * The training data are prompts (a JSONL file), or the invocation logs of
   * the teacher (`TrainingData.fromInvocationLogs`).
   *
   * @example Customization.distillation({ teacherModel: TeacherModel.fromInferenceProfile('us.amazon.nova-premier-v1:0') })
   */
  public static distillation(options: DistillationOptions): Customization {
    return new Customization(CustomizationType.DISTILLATION, options);
  }

  /**
   * Reinforcement fine-tuning: the base model learns from the rewards that a
   * grader Lambda function gives its responses.
   *
   * @example Customization.reinforcementFineTuning({ grader, hyperParameters: { epochCount: 2 } })
   */
  public static reinforcementFineTuning(options: ReinforcementFineTuningOptions): Customization {
    return new Customization(CustomizationType.REINFORCEMENT_FINE_TUNING, undefined, options);
  }

  /** The `customizationType` sent to Bedrock. */
  public readonly customizationType: CustomizationType;

  /** The distillation settings, for `distillation()`. */
  public readonly distillationOptions?: DistillationOptions;

  /** The reinforcement fine-tuning settings, for `reinforcementFineTuning()`. */
  public readonly reinforcementFineTuningOptions?: ReinforcementFineTuningOptions;

  private constructor(
    customizationType: CustomizationType,
    distillationOptions?: DistillationOptions,
    reinforcementFineTuningOptions?: ReinforcementFineTuningOptions,
  ) {
    this.customizationType = customizationType;
    this.distillationOptions = distillationOptions;
    this.reinforcementFineTuningOptions = reinforcementFineTuningOptions;
  }
}
