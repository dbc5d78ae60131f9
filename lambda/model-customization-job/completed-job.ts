/*
 * What a completed job reports: its output model and metrics, as the
 * attributes of the resource that waited for it (the job resource itself, or
 * the job result resource after a wait condition).
 */
import type { JobDetails } from './job-status';
import type { CompletedJobResourceAttributes, ValidationLossAttribute } from '../../src/contract/kinds/job';

/**
 * The attributes of a completed job: its output model and metrics ('' when
 * not reported), one validation loss per validator the job was created with.
 */
export function completedAttributes(job: JobDetails): CompletedJobResourceAttributes {
  const validators = job.validationDataConfig?.validators?.length ?? 0;
  const losses = job.validationMetrics ?? [];
  const validationLosses: Record<ValidationLossAttribute, string> = {};
  for (let i = 0; i < validators; i++) validationLosses[`ValidationLoss${i}`] = metric(losses[i]?.validationLoss);
  return {
    OutputModelArn: job.outputModelArn ?? '',
    TrainingLoss: metric(job.trainingMetrics?.trainingLoss),
    ...validationLosses,
  };
}

function metric(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}
