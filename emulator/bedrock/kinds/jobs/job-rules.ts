/*
 * Where the AWS references leave a model customization job open (the ledger,
 * emulator/LEDGER.md, rows L-02 to L-06): each rule's default is the
 * emulator's reading, the other value the other reading. Rules are read when
 * the behaviour happens (a job's creation, end, or stop), and reset() makes
 * new ones with the defaults.
 */
import type { CustomizationType } from '@aws-sdk/client-bedrock';
import type { JobPhase } from './job-record';

export interface JobRules {
  /**
   * L-02. What `<id>` is in a job's artifacts folder, `model-customization-job-<id>/`
   * directly under the output S3 URI's path.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-analyze.html
   * names the folder `model-customization-job-training-job-id/` without saying
   * what the id is. 'jobId' (the default): the last segment of the job ARN, as
   * AWS's sample code (aws-samples) takes it. It is
   * not the reading that hurts the library most: the library's reader builds
   * the folder the same way, and a real account confirms it
   * (integ.fine-tuning.ts). 'jobName': the job's name, the only other
   * identifier a caller knows; a reader of the ARN's id then finds nothing
   * (403 without s3:ListBucket). For jobs that complete from then on.
   */
  artifactsFolder: 'jobId' | 'jobName';
  /**
   * L-03. Which completed jobs write `validation_metrics.csv` (Failed and
   * Stopped jobs write no metrics file at all, either way).
   * https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-analyze.html:
   * "Validation metrics are also included with some model customization jobs",
   * without saying which. 'withValidators' (the default): a Completed job that
   * had validation data, one file for all its validators. It is not the
   * reading that hurts the library most, as its reader asks for the file only
   * for such a job; 'never' is: no job writes it ("some" jobs being none of
   * these), and a reader must take the file of a job with validators as
   * missing (403 without s3:ListBucket). For jobs that complete from then on.
   */
  validationMetricsFile: 'withValidators' | 'never';
  /**
   * L-04. Whether a running job's `customModelName` is taken before its model exists.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CreateModelCustomizationJob.html:
   * "After the model-customization job completes successfully, your custom
   * model resource will be ready to use"; nothing on a name that a running job
   * will use. 'taken' (the default): while the job is InProgress or Stopping,
   * CreateModelCustomizationJob and CreateCustomModel with that name are
   * refused with ConflictException, the reading that refuses more and sends
   * the library's create down its name-conflict path. 'free': both are
   * accepted, and a job whose name is taken when it ends fails then (training
   * Failed), after all its time. Either way the model exists only once its job
   * is Completed.
   */
  modelNameWhileRunning: 'taken' | 'free';
  /**
   * L-05. Which jobs run the data processing phase (statusDetails.dataProcessingDetails).
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_StatusDetails.html
   * lists the three sub-statuses, and gives dataProcessingDetails "For a
   * Distillation job". 'everyJob' (the default): every job runs validation,
   * data processing and training, so statusDetails always has all three; not
   * the reading that hurts the library most, but the one its readers were
   * written against. 'distillationOnly': a job of another customization type
   * goes from validation to training, its statusDetails without
   * dataProcessingDetails (the plan's dataProcessing time is not spent, and a
   * failure planned there happens in training); a reader that expects three
   * phases meets two. For jobs created from then on.
   */
  dataProcessing: 'everyJob' | 'distillationOnly';
  /**
   * L-06. The error StopModelCustomizationJob answers for a job that is not InProgress.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_StopModelCustomizationJob.html
   * models ConflictException and ValidationException without saying which.
   * 'ValidationException' (the default): an error callers take for a malformed
   * request and give up on, the reading that hurts a caller most when a job
   * ends between its read and its stop. 'ConflictException': the error of a
   * resource in the wrong state.
   */
  stopRefusal: 'ValidationException' | 'ConflictException';
}

export function defaultJobRules(): JobRules {
  return {
    artifactsFolder: 'jobId',
    validationMetricsFile: 'withValidators',
    modelNameWhileRunning: 'taken',
    dataProcessing: 'everyJob',
    stopRefusal: 'ValidationException',
  };
}

/** The phases a job of this type runs, in order, under `rules.dataProcessing`. */
export function phasesRun(rules: JobRules, customizationType: CustomizationType): readonly JobPhase[] {
  return rules.dataProcessing === 'distillationOnly' && customizationType !== 'DISTILLATION'
    ? ['validation', 'training']
    : ['validation', 'dataProcessing', 'training'];
}
