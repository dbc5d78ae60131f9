/*
 * The local deployment of the example app behind `npm run demo`: the app is
 * synthesized, then deployed by the local CloudFormation engine, whose
 * handlers (the bundled assets) call the local Bedrock emulator; each job is
 * followed to its terminal status, the stack is torn down, and a summary
 * table closes. Emulated time runs fast: a job of an hour takes seconds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnResource } from 'aws-cdk-lib';
import { followJob } from './follow-job';
import { Progress } from './progress';
import { formatTable } from './table';
import { BedrockEmulator, createBedrockClient, emulatorEnvironment, JobPlan, RecordedCall } from '../../emulator/bedrock';
import { LocalCloudFormation, LogLine, ScaledClock, StackEvent, synthesize } from '../../emulator/cloudformation';
import type { ResourceTypeName } from '../../src/private/registry';
import { buildExampleApp } from '../app';

const JOB_TYPE: ResourceTypeName = 'Custom::BedrockModelCustomizationJob';
const LOGGING_TYPE: ResourceTypeName = 'Custom::BedrockInvocationLogging';
const IMPORT_TYPE: ResourceTypeName = 'Custom::BedrockCustomModelImport';
const LOOKUP_TYPE: ResourceTypeName = 'Custom::BedrockCustomModelLookup';
/** The custom model the example app references by name: in the account before the deployment. */
const EXISTING_MODEL = 'triage-assistant';
/** Emulated seconds per real second: ten emulated minutes pass in one real second. */
const CLOCK_ACCELERATION = 600;
/** How long each phase of a job takes, in emulated time. */
const JOB_PLAN: JobPlan = {
  validation: { seconds: 3 * 60 },
  dataProcessing: { seconds: 7 * 60 },
  training: { seconds: 35 * 60 },
  outcome: { status: 'Completed', trainingLoss: 0.42, validationLoss: 0.47 },
};
/** Real time between two polls of a job the demo follows: two and a half emulated minutes. */
const POLL_INTERVAL_MS = 250;
const FOLLOW_TIMEOUT_MS = 30_000;

interface JobReport {
  readonly label: string;
  readonly logicalId: string;
  startedAt?: number;
  jobArn?: string;
  jobName?: string;
  outputModelArn?: string;
  status?: string;
  /** The last status the handler reported while the resource waited for the job. */
  waitingStatus?: string;
  seconds?: number;
  /** The demo following the job, from its resource's CREATE_COMPLETE on. */
  following?: Promise<void>;
}

/** A custom model import or lookup of the app, and what became of it. */
interface ModelReport {
  readonly label: string;
  readonly logicalId: string;
  readonly type: string;
  startedAt?: number;
  modelArn?: string;
  modelName?: string;
  /** The last status the import's handler reported while the resource waited. */
  waitingStatus?: string;
  seconds?: number;
}

/**
 * Standard output as it is at load: the local CloudFormation engine captures
 * the console and stdout while a handler runs, and the demo prints while
 * handlers run (it follows jobs during the deployment).
 */
const stdoutWrite = process.stdout.write.bind(process.stdout);

export interface DemoOptions {
  /** Where the lines go. @default standard output */
  readonly write?: (line: string) => void;
  /** Changes the emulator before the deployment (faults, plans). */
  readonly configure?: (emulator: BedrockEmulator) => void;
}

/** Runs the demo; rejects with a message for the user when a step fails. */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const write = options.write ?? ((line: string) => stdoutWrite(`${line}\n`));
  const progress = new Progress(write);
  // One emulated time for CloudFormation (the waiter's polls, the handlers' deadlines) and for Bedrock (the jobs' phases).
  const clock = new ScaledClock(CLOCK_ACCELERATION);
  const emulator = await BedrockEmulator.start({ clock: { start: new Date(clock.now()), acceleration: CLOCK_ACCELERATION }, jobPlan: JOB_PLAN });
  emulator.customModels.add({ modelName: EXISTING_MODEL });
  // An import takes a few emulated minutes to become Active.
  emulator.customModels.defaultPlan = { creating: { seconds: 4 * 60 } };
  options.configure?.(emulator);
  const client = createBedrockClient(emulator);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-demo-'));
  try {
    progress.heading(`Local Bedrock emulator at ${emulator.endpoint} (one real second is ${CLOCK_ACCELERATION / 60} emulated minutes)`);
    const { stack } = buildExampleApp(outdir);
    const artifact = synthesize(stack);
    const labels = new Map(stack.node.findAll().filter(CfnResource.isCfnResource)
      .map((r) => [stack.getLogicalId(r), r.node.scope!.node.id]));
    const jobs: JobReport[] = Object.entries(artifact.template.Resources as Record<string, { Type: string }>)
      .filter(([, r]) => r.Type === JOB_TYPE)
      .map(([logicalId]) => ({ logicalId, label: labels.get(logicalId) ?? logicalId }));
    const reportOf = (logicalId: string) => jobs.find((j) => j.logicalId === logicalId);
    const logging: LoggingReport = {};
    const models: ModelReport[] = Object.entries(artifact.template.Resources as Record<string, { Type: string }>)
      .filter(([, r]) => r.Type === IMPORT_TYPE || r.Type === LOOKUP_TYPE)
      .map(([logicalId, r]) => ({ logicalId, type: r.Type, label: labels.get(logicalId) ?? logicalId }));
    const modelReportOf = (logicalId: string) => models.find((m) => m.logicalId === logicalId);

    const engine = new LocalCloudFormation({
      clock,
      environment: emulatorEnvironment(emulator),
      onProgress: (event) => {
        const job = reportOf(event.logicalId);
        const model = modelReportOf(event.logicalId);
        showEvent(progress, event, job ?? model);
        if (event.resourceType === LOGGING_TYPE) showLoggingEvent(progress, event, labels.get(event.logicalId) ?? event.logicalId, logging);
        if (job && event.status === 'CREATE_COMPLETE') job.following = follow(job, event.physicalId!);
        if (model && event.status === 'CREATE_COMPLETE') model.seconds = progress.elapsed - model.startedAt!;
      },
      onLog: (_fn, line) => {
        showWaitingStatus(progress, line, reportOf);
        showModelStatus(progress, line, modelReportOf);
      },
    });

    // A job whose resource does not wait is followed by the demo from its CREATE_COMPLETE to its end.
    const follow = async (job: JobReport, physicalId: string) => {
      job.jobArn = physicalId.split('#')[0];
      const final = await followJob(client, job.jobArn, {
        intervalMs: POLL_INTERVAL_MS,
        timeoutMs: FOLLOW_TIMEOUT_MS,
        onChange: (description) => progress.line(job.label, `job ${description}`),
      });
      job.outputModelArn = final.outputModelArn;
      job.status = final.status;
      job.seconds = progress.elapsed - job.startedAt!;
    };

    progress.heading(`Deploying ${stack.stackName} (${Object.keys(artifact.template.Resources).length} resources, `
      + `${jobs.length} model customization jobs, ${models.length} custom model imports and lookups)`);
    const deployed = await engine.deploy(artifact);
    // Wait for the followers even when the deployment failed, so that none outlives the emulator.
    const followed = await Promise.allSettled(jobs.map((job) => job.following));
    if (deployed.status !== 'CREATE_COMPLETE') throw new Error(`the deployment ended ${deployed.status}: ${deployed.reason}`);
    const failedFollow = followed.find((f): f is PromiseRejectedResult => f.status === 'rejected');
    if (failedFollow) throw failedFollow.reason;
    for (const job of jobs) job.jobName = String(engine.resource(job.logicalId).attributes.JobName);
    for (const model of models) {
      const { attributes } = engine.resource(model.logicalId);
      model.modelArn = String(attributes.ModelArn);
      model.modelName = String(attributes.ModelName);
      if (model.type === LOOKUP_TYPE) progress.line(model.label, `found ${model.modelName}: ${model.modelArn}`);
    }

    progress.heading(`Tearing down ${stack.stackName}`);
    const destroyed = await engine.destroy();
    if (destroyed.status !== 'DELETE_COMPLETE') throw new Error(`the teardown ended ${destroyed.status}: ${destroyed.reason}`);

    progress.heading('Summary');
    write(formatTable(['resource', 'Bedrock ARN', 'final status', 'API calls', 'seconds'], jobs.map((job) => [
      job.label,
      job.jobArn!,
      finalStatus(job, emulator),
      emulator.calls.filter((call) => concerns(call, job)).length,
      Number(job.seconds!.toFixed(1)),
    ]).concat(models.map((model) => [
      model.label,
      model.modelArn!,
      model.type === IMPORT_TYPE
        ? `Active, model ${emulator.customModels.has(model.modelArn!) ? 'retained' : 'deleted'}`
        : `found ${model.modelName}`,
      emulator.calls.filter((call) => concernsModel(call, model)).length,
      Number((model.seconds ?? 0).toFixed(1)),
    ]))));
    if (logging.label) {
      write(formatTable(['resource', 'configuration', 'final status', 'API calls', 'seconds'], [[
        logging.label,
        'model invocation logging (account and region)',
        emulator.loggingConfig.get() ? 'configured' : 'deleted',
        emulator.calls.filter((call) => call.operation.endsWith('ModelInvocationLoggingConfiguration')).length,
        Number((logging.seconds ?? 0).toFixed(1)),
      ]]));
    }
    write(`\n${emulator.calls.length} Bedrock API calls, ${emulator.violations.length} requests breaking the API model, ${progress.elapsed.toFixed(1)} s.`);
  } finally {
    client.destroy();
    await emulator.stop();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The status of a job its resource waits for, as the isComplete handler logs
 * it at each poll (a JSON line `Job status`); terminal statuses are left to
 * the follow-up, which describes them in full.
 */
function showWaitingStatus(progress: Progress, line: LogLine, reportOf: (logicalId: string) => JobReport | undefined): void {
  if (!line.message.startsWith('{')) return;
  const entry = JSON.parse(line.message) as { message?: string; logicalResourceId?: string; status?: string };
  const job = entry.message === 'Job status' && entry.logicalResourceId ? reportOf(entry.logicalResourceId) : undefined;
  if (!job || !entry.status || entry.status === job.waitingStatus || !/^(InProgress|Stopping)\b/.test(entry.status)) return;
  job.waitingStatus = entry.status;
  progress.line(job.label, `job ${entry.status}`);
}

/** The status of an import its resource waits for, as the isComplete handler logs it (`Model status`) while it is Creating. */
function showModelStatus(progress: Progress, line: LogLine, reportOf: (logicalId: string) => ModelReport | undefined): void {
  if (!line.message.startsWith('{')) return;
  const entry = JSON.parse(line.message) as { message?: string; logicalResourceId?: string; status?: string };
  const model = entry.message === 'Model status' && entry.logicalResourceId ? reportOf(entry.logicalResourceId) : undefined;
  if (!model || !entry.status || entry.status === model.waitingStatus) return;
  model.waitingStatus = entry.status;
  progress.line(model.label, `model ${entry.status}`);
}

/** Stack events and the events of the jobs' and models' custom resources; the other resources are many and plain. */
function showEvent(progress: Progress, event: StackEvent, job: { startedAt?: number; label: string } | undefined): void {
  if (event.resourceType === 'AWS::CloudFormation::Stack') {
    progress.line(event.logicalId, event.status + (event.reason ? `: ${event.reason}` : ''));
  } else if (job) {
    job.startedAt ??= progress.elapsed;
    progress.line(job.label, `${event.resourceType} ${event.status}${event.reason ? `: ${event.reason}` : ''}`);
  }
}

/** The invocation logging resource: its label and how long its create took. */
interface LoggingReport {
  label?: string;
  startedAt?: number;
  seconds?: number;
}

function showLoggingEvent(progress: Progress, event: StackEvent, label: string, report: LoggingReport): void {
  report.label = label;
  report.startedAt ??= progress.elapsed;
  if (event.status === 'CREATE_COMPLETE') report.seconds = progress.elapsed - report.startedAt;
  progress.line(label, `${event.resourceType} ${event.status}${event.reason ? `: ${event.reason}` : ''}`);
}

function finalStatus(job: JobReport, emulator: BedrockEmulator): string {
  if (!job.outputModelArn) return job.status!;
  return `${job.status}, model ${emulator.customModels.has(job.outputModelArn) ? 'retained' : 'deleted'}`;
}

/** Whether a call was about this job or its model. */
function concerns(call: RecordedCall, job: JobReport): boolean {
  const input = call.input as Record<string, unknown>;
  return input.jobName === job.jobName || input.jobIdentifier === job.jobArn
    || (job.outputModelArn !== undefined && input.modelIdentifier === job.outputModelArn);
}

/** Whether a call was about this imported or looked-up model. */
function concernsModel(call: RecordedCall, model: ModelReport): boolean {
  const input = call.input as Record<string, unknown>;
  return input.modelIdentifier === model.modelArn || input.modelName === model.modelName || input.resourceARN === model.modelArn
    || (model.type === LOOKUP_TYPE && call.operation === 'ListCustomModels');
}
