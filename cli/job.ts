/*
 * `job <name-or-arn>`: everything about one job, and once it has completed,
 * its loss per step from the metrics files Bedrock wrote under its output
 * prefix (job-metrics.ts).
 */
import { GetModelCustomizationJobCommand, GetModelCustomizationJobResponse } from '@aws-sdk/client-bedrock';
import type { Clients } from './context';
import { awsCall } from './errors';
import { duration, fields, time } from './format';
import { STAGES, constructLabel, currentStage } from './jobs';
import { Provenance, ProvenanceTags } from './provenance';

export interface JobDetail {
  readonly job: GetModelCustomizationJobResponse;
  readonly provenance: Provenance;
}

export async function describeJob(clients: Clients, identifier: string): Promise<JobDetail> {
  const job = await awsCall({
    operation: 'GetModelCustomizationJob',
    action: 'bedrock:GetModelCustomizationJob',
    resource: identifier,
    notFound: `No model customization job "${identifier}" in this account and region. \`jobs\` lists them; a name or a job ARN will do.`,
  }, () => clients.bedrock.send(new GetModelCustomizationJobCommand({ jobIdentifier: identifier })));
  const provenance = await new ProvenanceTags(clients).one(job.jobArn!);
  return { job, provenance };
}

export function jobFields(detail: JobDetail, now: Date): string {
  const { job, provenance } = detail;
  const stage = currentStage(job.statusDetails);
  const created = job.creationTime;
  const hyper = Object.entries(job.hyperParameters ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
  const tags = Object.entries(provenance.tags).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
  return fields([
    ['Name', job.jobName],
    ['ARN', job.jobArn],
    ['Stack', provenance.stack],
    ['Construct', constructLabel(provenance)],
    ['Status', stage && job.status !== 'Completed' ? `${job.status} (${stage})` : job.status],
    ...STAGES.map(({ key, label }): [string, string | undefined] => [`  ${label}`, stageText(job.statusDetails?.[key])]),
    ['Failure', job.failureMessage],
    ['Customization', job.customizationType],
    ['Base model', job.baseModelArn],
    ['Output model', job.outputModelName ?? (job.outputModelArn ? undefined : '(when the job completes)')],
    ['Output model ARN', job.outputModelArn],
    ['Created', time(created)],
    ['Ended', time(job.endTime)],
    ['Duration', created ? duration((job.endTime ?? now).getTime() - created.getTime()) : undefined],
    ['Training data', job.trainingDataConfig?.s3Uri],
    ['Validation data', job.validationDataConfig?.validators?.map((v) => v.s3Uri).join(', ')],
    ['Output', job.outputDataConfig?.s3Uri],
    ['Hyperparameters', hyper],
    ['Training loss', job.trainingMetrics?.trainingLoss?.toString()],
    ['Validation loss', job.validationMetrics?.map((m) => m.validationLoss).join(', ')],
    ['Role', job.roleArn],
    ['Model KMS key', job.outputModelKmsKeyArn],
    ['VPC subnets', job.vpcConfig?.subnetIds?.join(', ')],
    ['Tags', tags],
  ]);
}

function stageText(stage: { status?: string; creationTime?: Date; lastModifiedTime?: Date } | undefined): string | undefined {
  if (!stage?.status) return undefined;
  const since = stage.lastModifiedTime ?? stage.creationTime;
  if (!since || stage.status === 'NotStarted') return stage.status;
  return `${stage.status} ${['InProgress', 'Stopping'].includes(stage.status) ? 'since' : 'at'} ${time(since)}`;
}
