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
import { LocalCloudFormation, StackEvent, synthesize } from '../../emulator/cloudformation';
import type { ResourceTypeName } from '../../src/private/contract';
import { buildExampleApp } from '../app';

const JOB_TYPE: ResourceTypeName = 'Custom::BedrockModelCustomizationJob';
/** Emulated seconds per real second: ten emulated minutes pass in one real second. */
const CLOCK_ACCELERATION = 600;
/** How long each phase of a job takes, in emulated time. */
const JOB_PLAN: JobPlan = {
  validation: { seconds: 3 * 60 },
  dataProcessing: { seconds: 7 * 60 },
  training: { seconds: 35 * 60 },
  outcome: { status: 'Completed', trainingLoss: 0.42, validationLoss: 0.47 },
};
/** Real time between two polls: two and a half emulated minutes. */
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
  seconds?: number;
}

export interface DemoOptions {
  /** Where the lines go. @default console.log */
  readonly write?: (line: string) => void;
  /** Changes the emulator before the deployment (faults, plans). */
  readonly configure?: (emulator: BedrockEmulator) => void;
}

/** Runs the demo; rejects with a message for the user when a step fails. */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const write = options.write ?? ((line: string) => console.log(line));
  const progress = new Progress(write);
  const emulator = await BedrockEmulator.start({ clock: { acceleration: CLOCK_ACCELERATION }, jobPlan: JOB_PLAN });
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

    const engine = new LocalCloudFormation({
      environment: emulatorEnvironment(emulator),
      onProgress: (event) => showEvent(progress, event, reportOf(event.logicalId)),
    });

    progress.heading(`Deploying ${stack.stackName} (${Object.keys(artifact.template.Resources).length} resources, ${jobs.length} model customization jobs)`);
    const deployed = await engine.deploy(artifact);
    if (deployed.status !== 'CREATE_COMPLETE') throw new Error(`the deployment ended ${deployed.status}: ${deployed.reason}`);
    for (const job of jobs) {
      const { attributes } = engine.resource(job.logicalId);
      job.jobArn = String(attributes.JobArn);
      job.jobName = String(attributes.JobName);
    }

    progress.heading('Following the jobs to their end (their resources completed once Bedrock accepted them)');
    await Promise.all(jobs.map(async (job) => {
      const final = await followJob(client, job.jobArn!, {
        intervalMs: POLL_INTERVAL_MS,
        timeoutMs: FOLLOW_TIMEOUT_MS,
        onChange: (description) => progress.line(job.label, `job ${description}`),
      });
      job.outputModelArn = final.outputModelArn;
      job.status = final.status;
      job.seconds = progress.elapsed - job.startedAt!;
    }));

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
    ])));
    write(`\n${emulator.calls.length} Bedrock API calls, ${emulator.violations.length} requests breaking the API model, ${progress.elapsed.toFixed(1)} s.`);
  } finally {
    client.destroy();
    await emulator.stop();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Stack events and the events of the jobs' custom resources; the other resources are many and plain. */
function showEvent(progress: Progress, event: StackEvent, job: JobReport | undefined): void {
  if (event.resourceType === 'AWS::CloudFormation::Stack') {
    progress.line(event.logicalId, event.status + (event.reason ? `: ${event.reason}` : ''));
  } else if (job) {
    job.startedAt ??= progress.elapsed;
    progress.line(job.label, `${event.resourceType} ${event.status}${event.reason ? `: ${event.reason}` : ''}`);
  }
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
