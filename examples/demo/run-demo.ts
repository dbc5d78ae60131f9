/*
 * The local deployment of the example app behind `npm run demo`: the app is
 * synthesized, then deployed by the local CloudFormation engine, whose
 * handlers (the bundled assets) call the local Bedrock emulator. Every job
 * of the app is waited for inside the deployment: each runs for hours of
 * emulated time, and its wait condition is signalled by the stack's watcher
 * on the job's state-change events (or its 10-minute fallback). Then the
 * stack is torn down, and a summary table closes. Emulated time runs fast:
 * one real second is half an emulated hour.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { runCommandLine } from './command-line';
import { concernsModel, DEPLOYMENT_TYPE, finalModelStatus, MODEL_IMPORT_TYPE, ModelReport, modelsOf, readModel, showModelEvent, showModelStatus, THROUGHPUT_TYPE } from './models';
import { DATA_BUCKET_ID, putOpenWeights } from './open-weights';
import { jsonLine, Progress, withReason } from './progress';
import { formatTable } from './table';
import { BedrockEmulator, createBedrockRuntimeClient, JobPlan, jobPlanInHours, RecordedCall } from '../../emulator/bedrock';
import { LocalCloudFormation, LogLine, ScaledClock, StackEvent, synthesize } from '../../emulator/cloudformation';
import { ModelCustomizationJob, ModelImportJob } from '../../src';
import type { ResourceTypeName } from '../../src/contract/registry';
import { buildExampleApp } from '../app';

/** The job the demo shows with `job`: one with validation data, so its chart has both losses. */
const COMMAND_LINE_JOB = 'RunbookAssistant';
const JOB_TYPE: ResourceTypeName = 'Custom::BedrockModelCustomizationJob';
const RESULT_TYPE: ResourceTypeName = 'Custom::BedrockModelCustomizationJobResult';
const LOGGING_TYPE: ResourceTypeName = 'Custom::BedrockInvocationLogging';
const CONDITION_TYPE = 'AWS::CloudFormation::WaitCondition';
/** The custom model the example app references by name: in the account before the deployment. */
const EXISTING_MODEL = 'triage-assistant';
/** Emulated seconds per real second: half an emulated hour passes in one real second. */
const CLOCK_ACCELERATION = 1800;
const HOUR_MS = 3600_000;
/** How long each job of the app trains, in emulated hours, and how it ends. */
const JOB_PLANS: Record<string, JobPlan> = {
  RunbookAssistant: jobPlanInHours(3, { status: 'Completed', trainingLoss: 0.42, validationLoss: 0.47 }),
  DomainAdaptation: jobPlanInHours(6, { status: 'Completed', trainingLoss: 1.31 }),
  RunbookDistillation: jobPlanInHours(2, { status: 'Completed', trainingLoss: 0.58 }),
  RunbookReasoning: jobPlanInHours(5, { status: 'Completed', trainingLoss: 0.21, validationLoss: 0.26 }),
};

interface JobReport {
  readonly label: string;
  readonly logicalId: string;
  jobArn?: string;
  jobName?: string;
  /** Emulated time: when its resource was created, and the job's start and end, as Bedrock reports them. */
  resourceAt?: number;
  /** Whether Bedrock refused its create for capacity, so that it waited in the stack's queue. */
  queued?: boolean;
  startedAt?: number;
  endedAt?: number;
  status?: string;
  outputModelArn?: string;
  /** Real seconds from the job resource's start to the end of the wait. */
  realStart?: number;
  seconds?: number;
}

/**
 * Standard output as it is at load: the local CloudFormation engine captures
 * the console and stdout while a handler runs, and the demo prints while
 * handlers run.
 */
const stdoutWrite = process.stdout.write.bind(process.stdout);

export interface DemoOptions {
  /** Where the lines go. @default standard output */
  readonly write?: (line: string) => void;
  /** Changes the emulator before the deployment (faults, plans). */
  readonly configure?: (emulator: BedrockEmulator) => void;
  /** The customization jobs the emulated account runs at once. @default 2, Bedrock's limit */
  readonly jobSlots?: number;
}

/** The demo's options from its command line: `--job-slots N`. */
export function demoOptions(args: string[]): DemoOptions {
  const { values } = parseArgs({ args, options: { 'job-slots': { type: 'string' } } });
  const slots = values['job-slots'];
  if (slots === undefined) return {};
  if (!/^[1-9]\d*$/.test(slots)) throw new Error(`--job-slots must be a whole number of at least 1 (got '${slots}')`);
  return { jobSlots: Number(slots) };
}

/** Runs the demo; rejects with a message for the user when a step fails. */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const write = options.write ?? ((line: string) => stdoutWrite(`${line}\n`));
  const progress = new Progress(write);
  // One emulated time for CloudFormation (waits, polls, the watcher's schedule) and for Bedrock (the jobs' phases).
  const clock = new ScaledClock(CLOCK_ACCELERATION);
  const emulator = await BedrockEmulator.start({ clock: { start: new Date(clock.now()), acceleration: CLOCK_ACCELERATION } });
  emulator.customModels.add({ modelName: EXISTING_MODEL });
  // An imported model, a deployment and a provisioned throughput are Creating at their first status poll and ready at
  // the second: counted in polls, since minutes of emulated time pass in milliseconds, which a busy host may take
  // before the first poll.
  emulator.customModels.defaultPlan = { creating: { polls: 2 } };
  emulator.deployments.defaultPlan = { creating: { polls: 2 } };
  emulator.throughputs.defaultPlan = { creating: { polls: 2 } };
  // An open-weight model import job runs for some emulated minutes too, and reads the model's files that the demo
  // puts in the data bucket (open-weights.ts): without them it fails, as Bedrock's would.
  emulator.modelImportJobs.defaultPlan = { running: { seconds: 6 * 60 } };
  emulator.modelImportJobs.rules.unseenSource = 'failed';
  if (options.jobSlots !== undefined) emulator.capacity.limits.customizationJobs = options.jobSlots;
  options.configure?.(emulator);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-demo-'));
  let engine: LocalCloudFormation | undefined;
  try {
    progress.heading(`Local Bedrock emulator at ${emulator.endpoint} (one real second is ${CLOCK_ACCELERATION / 60} emulated minutes)`);
    const { stack } = buildExampleApp(outdir);
    const artifact = synthesize(stack);
    // The logical id in the template: resolved, as some are overridden (the generation of a wait).
    const owners = ownersOf(stack.node.findAll(), (c) => stack.resolve((c as CfnResource).logicalId));
    const resources = Object.entries(artifact.template.Resources as Record<string, { Type: string }>);
    const jobs: JobReport[] = resources.filter(([, r]) => r.Type === JOB_TYPE).map(([logicalId]) => ({ logicalId, label: owners.get(logicalId)! }));
    const jobOf = (logicalId: string) => jobs.find((j) => j.label === owners.get(logicalId));
    const jobByName = (name: string | undefined) => jobs.find((j) => j.jobName !== undefined && j.jobName === name);
    const models = modelsOf(resources, owners);
    const modelOf = (logicalId: string) => models.find((m) => m.logicalId === logicalId || m.resultId === logicalId);
    const logging: LoggingReport = {};

    engine = new LocalCloudFormation({
      clock,
      ...emulator.engineOptions(),
      onProgress: (event) => {
        if (event.resourceType === 'AWS::CloudFormation::Stack') progress.line(event.logicalId, withReason(event.status, event));
        if (event.resourceType === LOGGING_TYPE) showLoggingEvent(progress, event, owners.get(event.logicalId) ?? event.logicalId, logging);
        // The open-weight model's files go into the data bucket as soon as it exists, before the import job reads them.
        if (owners.get(event.logicalId) === DATA_BUCKET_ID && event.status === 'CREATE_COMPLETE') putOpenWeights(emulator, event.physicalId!);
        const model = modelOf(event.logicalId);
        if (model) showModelEvent(progress, event, model);
        const job = jobOf(event.logicalId);
        if (job) showJobEvent(progress, event, job, emulator);
      },
      onLog: (_fn, line) => {
        showWatcherStatus(progress, line, jobByName);
        showModelStatus(progress, line, modelOf);
      },
    });

    progress.heading(`Deploying ${stack.stackName} (${resources.length} resources, `
      + `${jobs.length} model customization jobs, ${models.length} model imports, lookups and endpoints)`);
    const deployed = await engine.deploy(artifact);
    if (deployed.status !== 'CREATE_COMPLETE') throw new Error(`the deployment ended ${deployed.status}: ${deployed.reason}`);
    for (const job of jobs) job.jobName = String(engine.resource(job.logicalId).attributes.JobName);
    for (const model of models) readModel(progress, engine, emulator, model);

    const invoked: string[] = [DEPLOYMENT_TYPE, THROUGHPUT_TYPE, MODEL_IMPORT_TYPE];
    await invokeEndpoints(progress, emulator, models.filter((m) => invoked.includes(m.type)));

    progress.heading(`Tearing down ${stack.stackName}`);
    const destroyed = await engine.destroy();
    if (destroyed.status !== 'DELETE_COMPLETE') throw new Error(`the teardown ended ${destroyed.status}: ${destroyed.reason}`);

    progress.heading('Summary');
    const summaryColumns = ['resource', 'Bedrock ARN', 'final status', 'API calls', 'hours waiting for a slot', 'hours training', 'Get calls per hour', 'seconds'];
    write(formatTable(summaryColumns, jobs.map((job) => {
      // From the resource's create to the job's start, for a job that was queued: a started job's create took handler time only.
      const waiting = job.queued ? Math.max(0, job.startedAt! - job.resourceAt!) / HOUR_MS : 0;
      const hours = (job.endedAt! - job.startedAt!) / HOUR_MS;
      // Reads while the job ran: those of the watcher (the job resource's create reads none).
      return [
        job.label,
        job.jobArn!,
        `${job.status}, model ${emulator.customModels.has(job.outputModelArn!) ? 'retained' : 'deleted'}`,
        emulator.calls.filter((call) => concerns(call, job)).length,
        round(waiting),
        round(hours),
        round(emulator.calls.filter((call) => call.operation === 'GetModelCustomizationJob' && concerns(call, job)).length / hours),
        round(job.seconds!),
      ];
    })));
    write(`At most ${emulator.capacity.peak('customizationJobs')} jobs in progress at once `
      + `(Bedrock runs ${emulator.capacity.limits.customizationJobs} per account and Region; a job beyond them waits for a slot).`);
    write(formatTable(['resource', 'Bedrock ARN', 'final status', 'API calls', 'seconds'], models.map((model) => [
      model.label,
      model.modelArn!,
      finalModelStatus(model, emulator),
      emulator.calls.filter((call) => concernsModel(call, model)).length,
      round(model.seconds ?? 0),
    ]).concat(logging.label ? [[
      logging.label,
      'model invocation logging (account and region)',
      emulator.loggingConfig.get() ? 'configured' : 'deleted',
      emulator.calls.filter((call) => call.operation.endsWith('ModelInvocationLoggingConfiguration')).length,
      round(logging.seconds ?? 0),
    ]] : [])));
    write(`\n${emulator.calls.length} Bedrock API calls, ${emulator.violations.length} requests breaking the API model, ${progress.elapsed.toFixed(1)} s.`);

    // What the stack's jobs did, as a user sees it with the package's command line.
    const shown = jobs.find((j) => j.label === COMMAND_LINE_JOB) ?? jobs[0];
    for (const args of [['jobs', '--stack', stack.stackName], ['job', shown.jobName!]]) {
      const { command, output } = await runCommandLine(emulator, args);
      progress.heading(command);
      write(output.trimEnd());
    }
  } finally {
    await engine?.close();
    await emulator.stop();
    fs.rmSync(outdir, { recursive: true, force: true });
  }

  /** A job's resources: its plan before its create, its ARN after, its wait condition's end, its result. */
  function showJobEvent(out: Progress, event: StackEvent, job: JobReport, bedrock: BedrockEmulator): void {
    if (event.resourceType === JOB_TYPE) {
      out.line(job.label, withReason(`${event.resourceType} ${event.status}`, event));
      if (event.status === 'CREATE_IN_PROGRESS') {
        // The job the handler starts next takes this plan.
        bedrock.jobs.defaultPlan = JOB_PLANS[job.label] ?? jobPlanInHours(2);
        job.realStart = out.elapsed;
        job.resourceAt = event.timestamp.getTime();
      }
      // A job Bedrock refused for capacity waits in the stack's queue (a `queued:<name>` id): it takes its plan when the watcher starts it.
      const queued = /^queued:([^#]+)#/.exec(event.physicalId ?? '');
      // The job's name: a queued job's id holds it, a started job's ARN finds it.
      if (event.status === 'CREATE_COMPLETE') job.jobName = queued ? queued[1] : bedrock.jobs.get(event.physicalId!.split('#')[0]).jobName;
      if (event.status === 'CREATE_COMPLETE' && queued) {
        bedrock.jobs.planFor(queued[1], JOB_PLANS[job.label] ?? jobPlanInHours(2));
        job.queued = true;
        out.line(job.label, `waits for a free Bedrock slot (${bedrock.capacity.limits.customizationJobs} jobs at a time per account)`);
      }
    } else if (event.resourceType === CONDITION_TYPE) {
      out.line(job.label, withReason(`${event.resourceType} ${event.status}`, event));
      if (event.status === 'CREATE_COMPLETE' || event.status === 'CREATE_FAILED') job.seconds = out.elapsed - job.realStart!;
    } else if (event.resourceType === RESULT_TYPE && event.status === 'CREATE_COMPLETE') {
      // The engine waits for one condition at a time (CloudFormation waits for them side by side): the job's own times tell how long it ran.
      // The result's physical id is the job's ARN (a job that waited for a slot had none when its resource completed).
      job.jobArn = event.physicalId!;
      const final = bedrock.jobs.get(job.jobArn);
      job.status = final.status;
      job.outputModelArn = final.outputModelArn;
      job.startedAt = final.creationTime!.getTime();
      job.endedAt = final.endTime!.getTime();
      out.line(job.label, `job ${final.status} after ${round((job.endedAt! - job.startedAt!) / HOUR_MS)} emulated hours: ${final.outputModelArn}`);
    }
  }
}

/** Each CfnResource's logical id → the id of the job (or other top-level construct) it belongs to. */
function ownersOf(constructs: readonly IConstruct[], logicalIdOf: (c: IConstruct) => string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const construct of constructs.filter(CfnResource.isCfnResource)) {
    const scopes = construct.node.scopes;
    // A job's resources (its wait condition, its result) are the job's.
    const job = scopes.find((s) => s instanceof ModelCustomizationJob || s instanceof ModelImportJob);
    owners.set(logicalIdOf(construct), (job ?? construct.node.scope!).node.id);
  }
  return owners;
}

/** The watcher's reads of a job (a JSON line `Job status` per invocation): each new status, under the job's label. */
function showWatcherStatus(progress: Progress, line: LogLine, jobByName: (name: string | undefined) => JobReport | undefined): void {
  const entry = jsonLine(line);
  const job = entry?.message === 'Job status' && !entry.logicalResourceId ? jobByName(entry.jobName) : undefined;
  if (!job || !entry?.status || entry.status === job.status) return;
  job.status = entry.status;
  progress.line(job.label, `job ${entry.status} (read by the watcher)`);
}

/** The questions the demo asks each endpoint, as an application would (Converse with the endpoint's ARN as modelId). */
const QUESTIONS: Record<string, string> = {
  RunbookAssistantEndpoint: 'The payments API returns 503s after the deploy. What does the runbook say to check first?',
  SupportAssistantThroughput: 'A customer cannot reset their password. What should I tell them?',
  RunbookLlama: 'The nightly backup job failed with a full disk. What is the first step?',
};

/** Asks each endpoint one question through the real bedrock-runtime client, and prints the answer. */
async function invokeEndpoints(progress: Progress, emulator: BedrockEmulator, endpoints: readonly ModelReport[]): Promise<void> {
  progress.heading('Invoking the endpoints (Converse)');
  const runtime = createBedrockRuntimeClient(emulator);
  try {
    for (const endpoint of endpoints) {
      const question = QUESTIONS[endpoint.label] ?? 'Hello?';
      const answer = await runtime.send(new ConverseCommand({
        modelId: endpoint.modelArn,
        messages: [{ role: 'user', content: [{ text: question }] }],
        inferenceConfig: { maxTokens: 200 },
      }));
      progress.line(endpoint.label, `asked: ${question}`);
      progress.line(endpoint.label, `answer: ${answer.output?.message?.content?.[0]?.text ?? '(none)'}`);
    }
  } finally {
    runtime.destroy();
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
  progress.line(label, withReason(`${event.resourceType} ${event.status}`, event));
}

/** Whether a call was about this job or its model. */
function concerns(call: RecordedCall, job: JobReport): boolean {
  const input = call.input as Record<string, unknown>;
  // A job is read by its ARN or its name (a job that waited for a slot, by the job result).
  return [job.jobArn, job.jobName].includes(input.jobIdentifier as string) || input.jobName === job.jobName || input.resourceARN === job.jobArn
    || (job.outputModelArn !== undefined && (input.modelIdentifier === job.outputModelArn || input.resourceARN === job.outputModelArn));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
