/*
 * A fleet: twenty jobs waited for by wait conditions, in a nested stack, in
 * an account that runs two at a time (the emulator's default). They queue,
 * start as slots free, and complete in one deployment.
 */
import { CfnResource, Duration, NestedStack, aws_s3 as s3 } from 'aws-cdk-lib';
import { jobProps } from './lifecycle-stacks';
import { jobPlanInHours } from '../../emulator/bedrock';
import { LocalCloudFormation } from '../../emulator/cloudformation';
import { ModelCustomizationJob } from '../../src';
import { newStack, synthesize, useLifecycle } from '../lifecycle/harness';
import { HOUR, longWaitEngine } from '../lifecycle/long-wait';

const lifecycle = useLifecycle();
let engine: LocalCloudFormation | undefined;
afterEach(async () => engine?.close());

const JOBS = 20;

test('20 jobs of an hour in a nested stack under two slots: never more than two in progress, done within 10% of the shortest possible time', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = jobPlanInHours(1);
  engine = longWaitEngine(lifecycle);
  const stack = newStack();
  const fleet = new NestedStack(stack, 'Fleet');
  const data = new s3.Bucket(fleet, 'Data');
  // The last job waits nine hours for a slot, then trains one: the wait covers both.
  for (let i = 0; i < JOBS; i++) new ModelCustomizationJob(fleet, `Tenant${i}`, jobProps(data, { completionTimeout: Duration.hours(11) }));

  const fleetId = stack.resolve((fleet.nestedStackResource as CfnResource).logicalId);

  const result = await engine.deploy(synthesize(stack));

  expect(result.reason).toBeUndefined();
  expect(result.status).toBe('CREATE_COMPLETE');
  expect(engine.nestedStack(fleetId).status).toBe('CREATE_COMPLETE');
  const jobs = emulator.jobs.list({ sortOrder: 'Ascending', maxResults: 100 }).items;
  expect(jobs).toHaveLength(JOBS);
  expect(jobs.every((j) => j.status === 'Completed')).toBe(true);
  expect(emulator.capacity.peak('customizationJobs')).toBe(2);
  // Starting each job as soon as a slot frees: ten rounds of two one-hour jobs.
  const first = Math.min(...jobs.map((j) => j.creationTime!.getTime()));
  const last = Math.max(...jobs.map((j) => j.endTime!.getTime()));
  const makespan = (last - first) / 1000 / HOUR;
  const ideal = Math.ceil(JOBS / 2) * 1;
  expect(makespan).toBeGreaterThanOrEqual(ideal);
  expect(makespan).toBeLessThanOrEqual(ideal * 1.1);
  // Every job's result reports its own job.
  const results = engine.nestedStack(fleetId).resources.filter((r) => r.type === 'Custom::BedrockModelCustomizationJobResult');
  expect(new Set(results.map((r) => r.attributes.JobArn))).toEqual(new Set(jobs.map((j) => j.jobArn)));
});
