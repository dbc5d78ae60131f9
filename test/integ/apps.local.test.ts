/*
 * Every integration test app, run against the local CloudFormation engine and
 * the emulators as integ-runner runs it in an account: its stacks deploy, every
 * assertion passes, its stacks destroy, leaving their buckets empty, and its
 * post-destroy checks pass.
 */
import * as path from 'path';
import { NOVA_ARTIFACTS, SHARED_MODEL_ARN } from './account-inputs';
import { deployErrorMessage, integApps, runIntegApp, synthesizeIntegApp } from './local/run-integ-app';
import { startWeightsServer } from './local/weights-server';
import { BedrockEmulator } from '../../emulator/bedrock';

function refusedData(bedrock: BedrockEmulator): void {
  bedrock.jobs.defaultPlan = { outcome: { status: 'Failed', failureMessage: 'Data validation failed: the first turn must be the user\'s.', phase: 'validation' } };
}

/** How the emulator plays what Bedrock decides from an app's data (a real account reads the data; the emulator does not). */
const PLANNED: Readonly<Record<string, (emulator: BedrockEmulator) => void>> = {
  // A deployment's update takes minutes (the plan's default ends it at the first poll): the probe reads it Updating;
  // so does a job's stop.
  'integ.queued-jobs.ts': (bedrock) => {
    bedrock.deployments.defaultPlan = { updating: { seconds: 300 } };
    bedrock.jobs.defaultPlan = { stopping: { seconds: 60 } };
  },
  // An import takes minutes, polled or not (the plan's default ends it at the first poll, and nothing polls the
  // probe's import that the stack's waits behind).
  'integ.model-import.ts': (bedrock) => {
    bedrock.modelImportJobs.defaultPlan = { running: { seconds: 600 } };
  },
  // So does a throughput's change of model.
  'integ.provisioned-throughput.ts': (bedrock) => {
    bedrock.throughputs.defaultPlan = { updating: { seconds: 300 } };
  },
  // Their records start with the assistant's turn: refused in validation.
  'integ.failed-job.ts': refusedData,
  'integ.failed-wait.ts': refusedData,
};

/** What an app that runs apart reads from the account's SSM parameters (./account-inputs.ts), as the account would hold it. */
const ACCOUNT_INPUTS: Readonly<Record<string, (emulator: BedrockEmulator) => Record<string, string>>> = {
  // Where a SageMaker AI training job would have written the artifacts (the emulator does not read them).
  'integ.nova-import.ts': () => ({ [NOVA_ARTIFACTS.bucket]: 'customer-escrow-123456789012-smtj-stand-in', [NOVA_ARTIFACTS.prefix]: 'integ-nova/checkpoints/' }),
  // A model of another account, shared with this one.
  'integ.shared-model.ts': (bedrock) => ({ [SHARED_MODEL_ARN]: bedrock.customModels.add({ modelName: 'support-assistant', ownerAccountId: '210987654321' }) }),
};

/** What an app must have made the emulator do, beyond its assertions (which hold in any account). */
const EMULATED: Readonly<Record<string, (emulator: BedrockEmulator) => void>> = {
  // Two slots (the emulator's default quota): the third job waited for one to end.
  'integ.queued-jobs.ts': (bedrock) => {
    const [first, second, third] = bedrock.capacity.intervals('customizationJobs');
    expect(bedrock.capacity.peak('customizationJobs')).toBe(2);
    expect(third.start.getTime()).toBeGreaterThanOrEqual(Math.min(first.end!.getTime(), second.end!.getTime()));
  },
};

const APPS = integApps();

let emulator: BedrockEmulator;
// What the import app copies from Hugging Face, served locally.
let weights: Awaited<ReturnType<typeof startWeightsServer>>;
beforeAll(async () => {
  emulator = await BedrockEmulator.start();
  weights = await startWeightsServer();
});
afterEach(() => emulator.reset());
afterAll(async () => {
  await emulator.stop();
  await weights.close();
});

test.each(APPS)('%s: runs as integ-runner runs it in an account, and passes', async (app) => {
  PLANNED[app]?.(emulator);
  const run = await runIntegApp(emulator, synthesizeIntegApp(path.join(__dirname, app)), {
    environment: { WEIGHTS_BASE_URL: weights.endpoint },
    engine: { ssmParameters: ACCOUNT_INPUTS[app]?.(emulator) ?? {} },
  });
  if (run.deploy.expectError) {
    // The test stack fails to deploy, as the app expects, with the error message it expects; nothing else is deployed.
    const [deploy, destroy] = run.operations;
    expect(deploy.result.status).toBe('ROLLBACK_COMPLETE');
    expect(deployErrorMessage(deploy.stack, deploy.result)).toMatch(new RegExp(run.deploy.expectedMessage ?? ''));
    expect(run.operations.map((o) => `${o.stack} ${o.operation}`)).toEqual([`${deploy.stack} deploy`, `${deploy.stack} destroy`]);
    expect(destroy.result.status).toBe('DELETE_COMPLETE');
  } else {
    expect(run.operations.map((o) => `${o.stack} ${o.operation} ${o.result.status}${o.result.reason ? `: ${o.result.reason}` : ''}`)).toEqual(
      run.operations.map((o) => `${o.stack} ${o.operation} ${o.operation === 'deploy' ? 'CREATE_COMPLETE' : 'DELETE_COMPLETE'}`));
    expect(Object.keys(run.assertions).length).toBeGreaterThan(0);
  }
  expect(Object.entries(run.assertions).filter(([, result]) => (result as { status?: string }).status !== 'success')).toEqual([]);
  expect(run.hooks.filter((hook) => hook.exitCode !== 0)).toEqual([]);
  expect(run.leftInBuckets).toEqual([]);
  expect(run.leftStacks).toEqual([]);
  expect(emulator.violations).toEqual([]);
  EMULATED[app]?.(emulator);
}, 120_000);
