/*
 * Model import jobs waited for longer than a custom resource can wait: the
 * kit's wait condition, which the stack's import watcher signals (import jobs
 * send no events: it reads them at its 10-minute fallback), and the import
 * result after it, deployed by the local engine against the Bedrock emulator
 * on one emulated time.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { CONSOLE_JOB, consoleImportJob, modelImportStack, putModel } from './lifecycle-fixtures';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { ModelImportJobProps } from '../../src';
import { useLifecycle } from '../lifecycle/harness';
import { HOUR, longWaitEngine } from '../lifecycle/long-wait';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

const CONDITION = 'AWS::CloudFormation::WaitCondition';
const RESULT = 'Custom::BedrockModelImportJobResult';

/** A stack whose import a wait condition waits for (4 hours unless `props` say otherwise). */
function importStack(props: Partial<ModelImportJobProps> = {}) {
  return modelImportStack({ completionTimeout: Duration.hours(4), ...props });
}

function ofType(e: LocalCloudFormation, type: string) {
  return e.resources.filter((r) => r.type === type);
}

test('an import behind a 2-hour console import: queued, started by the watcher, waited for by the condition; the result gives its model', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  emulator.modelImportJobs.defaultPlan = { running: { seconds: 20 * 60 } };
  await consoleImportJob(lifecycle, 2);
  engine = longWaitEngine(lifecycle);
  const deployedAt = emulator.clock.now().getTime();
  const { artifact, logicalId } = importStack();

  const result = await engine.deploy(artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  const own = emulator.modelImportJobs.list().items.find((j) => j.jobName === engine!.resource(logicalId).attributes.JobName)!;
  expect(own.status).toBe('Completed');
  const [resultResource] = ofType(engine, RESULT);
  expect(resultResource.attributes).toEqual({ JobArn: own.jobArn, ImportedModelArn: own.importedModelArn });
  expect(emulator.modelImportJobs.served(own.importedModelArn!)).toBeDefined();
  // The job started once the console import had ended, and the condition ended within a fallback interval of the job.
  const started = emulator.callsTo('CreateModelImportJob').find((c) => c.errorType === undefined && c.input.jobName === own.jobName)!;
  expect((started.time.getTime() - deployedAt) / HOUR / 1000).toBeGreaterThanOrEqual(2);
  const conditionDone = engine.events.find((e) => e.resourceType === CONDITION && e.status === 'CREATE_COMPLETE')!;
  const waitedHours = (conditionDone.timestamp.getTime() - deployedAt) / 1000 / HOUR;
  expect(waitedHours).toBeGreaterThanOrEqual(2 + 20 / 60);
  expect(waitedHours).toBeLessThanOrEqual(2 + 20 / 60 + 2 * 10 / 60);
  expect(ofType(engine, CONDITION)[0].attributes.Data).toBe(JSON.stringify({ [own.jobName!]: own.jobArn }));
  // No isComplete polled the job: the watcher's reads, every 10 minutes, and the result's one.
  const gets = emulator.callsTo('GetModelImportJob').filter((c) => [own.jobName, own.jobArn].includes(c.input.jobIdentifier as string)).length;
  expect(gets).toBeLessThanOrEqual(6);
  expect(lifecycle.violations).toEqual([]);
});

test('an architecture Bedrock does not import: the watcher fails the condition with Bedrock\'s message; the rollback leaves no model', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle, 'mamba');
  engine = longWaitEngine(lifecycle);

  const result = await engine.deploy(importStack({ removalPolicy: RemovalPolicy.RETAIN }).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/WaitCondition received failed message: '.*The model architecture mamba is not supported\./);
  expect(emulator.modelImportJobs.list().items.map((j) => j.status)).toEqual(['Failed']);
  expect(ofType(engine, RESULT)).toEqual([]);
  expect(emulator.callsTo('DeleteImportedModel')).toEqual([]);
});

test.each([
  ['its custom resource', Duration.minutes(30)],
  ['its wait condition', Duration.hours(2)],
])('no slot by the deadline of %s: the deployment fails naming the import in progress, and the job never starts', async (_tier, timeout) => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  await consoleImportJob(lifecycle, 5);
  engine = longWaitEngine(lifecycle);

  const result = await engine.deploy(importStack({ completionTimeout: timeout }).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/got no free Bedrock slot by .+: .*imported-in-the-console.*\. It will not start\./);
  await engine.passTime(6 * HOUR);
  const ownCreates = emulator.callsTo('CreateModelImportJob').filter((c) => c.input.jobName !== CONSOLE_JOB);
  expect(ownCreates.filter((c) => c.errorType === undefined)).toEqual([]);
  expect(emulator.modelImportJobs.list().items.map((j) => j.jobName)).toEqual([CONSOLE_JOB]);
});

test('a longer completionTimeout on a deployed import: a new condition for the same job, signalled at once; no new job', async () => {
  const { emulator } = lifecycle;
  putModel(lifecycle);
  engine = longWaitEngine(lifecycle);
  const polled = importStack({ completionTimeout: Duration.minutes(45) });
  expect((await engine.deploy(polled.artifact)).status).toBe('CREATE_COMPLETE');
  const modelArn = engine.resource(polled.logicalId).attributes.ImportedModelArn;

  const result = await engine.update(importStack({ completionTimeout: Duration.hours(3) }).artifact);

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(ofType(engine, RESULT)[0].attributes.ImportedModelArn).toBe(modelArn);
  expect(emulator.callsTo('CreateModelImportJob')).toHaveLength(1);
  expect(emulator.modelImportJobs.served(String(modelArn))).toBeDefined();
});
