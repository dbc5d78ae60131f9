/*
 * `job <name-or-arn>`: everything about one job, and once it has completed,
 * its loss per step from the metrics files Bedrock wrote under its output
 * prefix (job-metrics.ts). A validation file that cannot be had is said after
 * the training chart, never instead of it.
 */
import * as fs from 'fs';
import { GetModelCustomizationJobCommand, GetModelCustomizationJobResponse } from '@aws-sdk/client-bedrock';
import { colorEnabled, terminalChart } from './chart';
import type { CliContext, Clients } from './context';
import { CliError, awsCall } from './errors';
import { duration, fields, json, time } from './format';
import { JobMetrics, readJobMetrics, validationNote } from './job-metrics';
import { STAGES, constructLabel, currentStage, statusLabel } from './jobs';
import { MetricsParseError } from './metrics';
import { Provenance, ProvenanceTags } from './provenance';
import { svgChart } from './svg-chart';

export interface JobDetail {
  readonly job: GetModelCustomizationJobResponse;
  readonly provenance: Provenance;
}

export interface ShowJobOptions {
  readonly json: boolean;
  /** Where to write the loss chart as SVG. */
  readonly svgFile?: string;
}

/**
 * Prints the job, then its loss once it has completed. A failure to read or
 * draw the loss comes after the details, which are printed whatever happens.
 */
export async function showJob(context: CliContext, clients: Clients, identifier: string, options: ShowJobOptions): Promise<void> {
  const detail = await describeJob(clients, identifier);
  const { job } = detail;
  let metrics: JobMetrics | undefined;
  let failure: CliError | undefined;
  if (job.status === 'Completed') {
    try {
      metrics = await readJobMetrics(clients, {
        jobArn: job.jobArn!,
        outputS3Uri: job.outputDataConfig?.s3Uri ?? '',
        validators: job.validationDataConfig?.validators?.length ?? 0,
      });
    } catch (e) {
      failure = e instanceof MetricsParseError ? new CliError(e.message) : (e as CliError);
    }
    if (metrics?.validation.status === 'failed') failure = new CliError(metrics.validation.message);
  } else if (options.svgFile) {
    failure = new CliError(`No chart written: the job is ${job.status}, and Bedrock writes the metrics files when a job completes.`);
  }
  if (options.json) {
    context.stdout.write(json({ job, tags: detail.provenance.tags, metrics: metrics ?? null }));
  } else {
    context.stdout.write(jobFields(detail, context.now()));
    if (metrics) {
      const chart = terminalChart(metrics.series, { width: context.stdout.columns ?? 80, color: colorEnabled(context.stdout) });
      context.stdout.write(`\nLoss, from ${metrics.folder}:\n\n${chart.replace(/\n?$/, '\n')}`);
      const note = validationNote(metrics.validation);
      if (note) context.stdout.write(`\n${note}\n`);
    } else if (job.status === 'InProgress' || job.status === 'Stopping') {
      context.stdout.write('\nThe loss chart shows once the job has completed: Bedrock writes the metrics files then.\n');
    }
  }
  if (metrics && options.svgFile) {
    writeChart(options.svgFile, svgChart(metrics.series, { title: `${job.jobName}: loss per step` }));
    if (!options.json) context.stdout.write(`\nChart written to ${options.svgFile}\n`);
  }
  if (failure) throw failure;
}

function writeChart(file: string, svg: string): void {
  try {
    fs.writeFileSync(file, svg);
  } catch (e) {
    throw new CliError(`Cannot write the chart to ${file}: ${(e as Error).message}`);
  }
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
  const created = job.creationTime;
  const hyper = Object.entries(job.hyperParameters ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
  const tags = Object.entries(provenance.tags).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
  return fields([
    ['Name', job.jobName],
    ['ARN', job.jobArn],
    ['Stack', provenance.stack],
    ['Construct', constructLabel(provenance)],
    ['Status', statusLabel({ status: job.status ?? 'Unknown', stage: currentStage(job.statusDetails) })],
    ...STAGES.map(({ key, label }): [string, string | undefined] => [`  ${label}`, stageText(job.statusDetails?.[key])]),
    ['Failure', job.failureMessage],
    ['Customization', job.customizationType],
    ['Base model', job.baseModelArn],
    ['Output model', job.outputModelArn || !job.outputModelName ? job.outputModelName : `${job.outputModelName} (made when the job completes)`],
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
