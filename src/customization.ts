/**
 * The customization types of CreateModelCustomizationJob.
 */
export enum CustomizationType {
  /** Supervised fine-tuning on labelled prompt/completion pairs. */
  FINE_TUNING = 'FINE_TUNING',
  /** Continued pre-training on unlabelled text. */
  CONTINUED_PRE_TRAINING = 'CONTINUED_PRE_TRAINING',
}

/**
 * How a job customizes its base model.
 *
 * Types that need settings of their own (distillation, reinforcement
 * fine-tuning) get factories that take them.
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

  /** The `customizationType` sent to Bedrock. */
  public readonly customizationType: CustomizationType;

  private constructor(customizationType: CustomizationType) {
    this.customizationType = customizationType;
  }
}
