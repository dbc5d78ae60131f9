/*
 * Tags of a Custom::BedrockModelCustomizationJob changed by stack updates,
 * against the local Bedrock emulator: in place on the job, and on the custom
 * model once it exists (kept pending, never failing, while it does not); the
 * provenance tags on both, whatever the user's tags.
 */
import { ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import { Duration, RemovalPolicy, Tags, aws_s3 as s3 } from 'aws-cdk-lib';
import { JOB_ID, jobProps } from './lifecycle-stacks';
import { ModelCustomizationJob, ModelCustomizationJobProps } from '../../src';
import { deployable, newStack, useLifecycle } from '../lifecycle/harness';
import { provenanceTags } from '../support/provenance';

const lifecycle = useLifecycle();

/** The job stack of job-stacks.ts, with `stackTags` added by Tags.of(stack). */
function taggedStack(overrides: Partial<ModelCustomizationJobProps> = {}, stackTags: Record<string, string> = {}) {
  const stack = newStack();
  const job = new ModelCustomizationJob(stack, JOB_ID, jobProps(new s3.Bucket(stack, 'Data'), overrides));
  Object.entries(stackTags).forEach(([key, value]) => Tags.of(stack).add(key, value));
  return deployable(job);
}

/** Deploys the job stack (job tags team=ml; model tags team=ml, purpose=tests) and returns its ids. */
async function deployed() {
  const engine = lifecycle.engine();
  const { artifact, logicalId } = taggedStack();
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  const physicalId = engine.resource(logicalId).physicalId;
  return { engine, logicalId, physicalId, jobArn: physicalId.split('#')[0] };
}

const sorted = <T extends { key?: string }>(tags: T[]) => [...tags].sort((a, b) => a.key!.localeCompare(b.key!));
/** `tags` and the provenance tags of the job (stack LifecycleStack, path LifecycleStack/Job), sorted. */
const withProvenance = (tags: Array<{ key: string; value: string }> = []) => sorted([...provenanceTags(`LifecycleStack/${JOB_ID}`), ...tags]);

test('changing job tags updates them in place: same job, no new one', async () => {
  const { emulator } = lifecycle;
  const { engine, logicalId, physicalId, jobArn } = await deployed();

  const result = await engine.update(taggedStack({ jobTags: { owner: 'platform' } }).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(engine.resource(logicalId).physicalId).toBe(physicalId);
  expect(emulator.jobs.list().items.map((j) => j.jobArn)).toEqual([jobArn]);
  expect(emulator.jobs.get(jobArn).status).toBe('InProgress');
  expect(sorted(emulator.tags.list(jobArn))).toEqual(withProvenance([{ key: 'owner', value: 'platform' }]));
  expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
  expect(emulator.callsTo('UntagResource').map((c) => c.input)).toEqual([{ resourceARN: jobArn, tagKeys: ['team'] }]);
  expect(emulator.callsTo('TagResource').map((c) => c.input)).toEqual([{ resourceARN: jobArn, tags: [{ key: 'owner', value: 'platform' }] }]);

  // Removing the last tag of the user's own: the handler untags it, and the provenance tags stay.
  expect((await engine.update(taggedStack({ jobTags: undefined }).artifact)).status).toBe('UPDATE_COMPLETE');
  expect(sorted(emulator.tags.list(jobArn))).toEqual(withProvenance());
});

test('a Tags.of() change while the job runs never fails the deployment: the job is tagged now, its model once it exists', async () => {
  const { emulator } = lifecycle;
  const { engine, logicalId, physicalId, jobArn } = await deployed();

  // Tags.of(stack) reaches the job and its model, which does not exist yet.
  const result = await engine.update(taggedStack({}, { env: 'prod' }).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(engine.resource(logicalId).physicalId).toBe(physicalId);
  expect(sorted(emulator.tags.list(jobArn))).toEqual(withProvenance([{ key: 'env', value: 'prod' }, { key: 'team', value: 'ml' }]));
  expect(engine.invocations().some((i) => i.logs.some((line) => /Custom model tags pending/.test(line.message)))).toBe(true);

  // Bedrock tags the model with the tags the job was created with; the next update gives it the wanted ones.
  emulator.jobs.complete(jobArn);
  const modelArn = emulator.jobs.get(jobArn).outputModelArn!;
  expect(sorted(emulator.tags.list(modelArn))).toEqual(withProvenance([{ key: 'purpose', value: 'tests' }, { key: 'team', value: 'ml' }]));
  const next = await engine.update(taggedStack({ removalPolicy: RemovalPolicy.DESTROY }, { env: 'prod' }).artifact);
  expect(next.status).toBe('UPDATE_COMPLETE');
  expect(sorted(emulator.tags.list(modelArn)))
    .toEqual(withProvenance([{ key: 'env', value: 'prod' }, { key: 'purpose', value: 'tests' }, { key: 'team', value: 'ml' }]));
  expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
});

test('a job waited for from its create: Bedrock tags its model, nothing is pending, and its id is confirmed', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  // The job is created with the wanted tags.
  const { artifact, logicalId } = taggedStack({ completionTimeout: Duration.minutes(30) });
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  const jobArn = engine.resource(logicalId).physicalId.split('#')[0];
  const modelArn = emulator.jobs.get(jobArn).outputModelArn!;

  expect(emulator.callsTo('ListTagsForResource')).toEqual([]);
  expect(sorted(emulator.tags.list(modelArn))).toEqual(withProvenance([{ key: 'purpose', value: 'tests' }, { key: 'team', value: 'ml' }]));
  expect(engine.resource(logicalId).physicalId).not.toMatch(/#pending$/);
});

test('a resource that waits gives the model the tags that were pending as soon as the job completes', async () => {
  const { emulator } = lifecycle;
  const { engine, logicalId, physicalId, jobArn } = await deployed();
  // Tags.of(stack) changes while the job runs: pending for its model.
  expect((await engine.update(taggedStack({}, { env: 'prod' }).artifact)).status).toBe('UPDATE_COMPLETE');
  expect(emulator.callsTo('ListTagsForResource')).toEqual([]);

  // Waiting is turned on (in place): the update waits for the job, then tags its model.
  const result = await engine.update(taggedStack({ completionTimeout: Duration.minutes(30) }, { env: 'prod' }).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(engine.resource(logicalId).physicalId).toBe(physicalId);
  const job = emulator.jobs.get(jobArn);
  expect(job.status).toBe('Completed');
  expect(engine.resource(logicalId).attributes.OutputModelArn).toBe(job.outputModelArn);
  expect(sorted(emulator.tags.list(job.outputModelArn!)))
    .toEqual(withProvenance([{ key: 'env', value: 'prod' }, { key: 'purpose', value: 'tests' }, { key: 'team', value: 'ml' }]));
  expect(emulator.callsTo('ListTagsForResource').map((c) => c.input)).toEqual([{ resourceARN: job.outputModelArn }]);
  expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
});

test('a model tag change after the job completed is applied to the model, and Tags.of() tags to both', async () => {
  const { emulator } = lifecycle;
  const { engine, jobArn } = await deployed();
  emulator.jobs.complete(jobArn);
  const modelArn = emulator.jobs.get(jobArn).outputModelArn!;

  const result = await engine.update(taggedStack({ customModelTags: { team: 'ml' } }, { env: 'prod' }).artifact);

  expect(result.status).toBe('UPDATE_COMPLETE');
  expect(sorted(emulator.tags.list(modelArn))).toEqual(withProvenance([{ key: 'env', value: 'prod' }, { key: 'team', value: 'ml' }]));
  expect(sorted(emulator.tags.list(jobArn))).toEqual(withProvenance([{ key: 'env', value: 'prod' }, { key: 'team', value: 'ml' }]));
  expect(emulator.callsTo('UntagResource').map((c) => c.input)).toEqual([{ resourceARN: modelArn, tagKeys: ['purpose'] }]);
});

test('too many tags (some added by hand) fails the update with what to do, and rolls back cleanly', async () => {
  const { emulator } = lifecycle;
  const { engine, jobArn } = await deployed();
  // team=ml and the 2 provenance tags, and 47 by hand: 50.
  emulator.tags.tag(jobArn, Array.from({ length: 47 }, (_, i) => ({ key: `by-hand-${i}`, value: 'x' })));

  const result = await engine.update(taggedStack({ jobTags: { team: 'ml', owner: 'platform' } }).artifact);

  expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/Tagging model customization job '[^']+' failed: too many tags: Bedrock allows at most 50 per resource, counting tags added outside this stack; remove some/);
  expect(emulator.tags.list(jobArn)).toHaveLength(50);
});

test('after a deploy, ListTagsForResource gives the job and its custom model the stack name and the construct path', async () => {
  const { emulator } = lifecycle;
  const engine = lifecycle.engine();
  // Waited for, so the model exists when the deploy ends; no tags of the user's own.
  const { artifact, logicalId } = taggedStack({ jobTags: undefined, customModelTags: undefined, completionTimeout: Duration.minutes(30) });
  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  const jobArn = engine.resource(logicalId).physicalId.split('#')[0];
  const modelArn = emulator.jobs.get(jobArn).outputModelArn!;

  // As the command line reads them: over the API, with the SDK.
  const [jobTags, modelTags] = await lifecycle.readAsClient((client) => Promise.all([jobArn, modelArn].map(async (resourceARN) =>
    (await client.send(new ListTagsForResourceCommand({ resourceARN }))).tags)));

  const expected = [
    { key: 'cdk-bedrock-customization:construct-path', value: 'LifecycleStack/Job' },
    { key: 'cdk-bedrock-customization:stack', value: 'LifecycleStack' },
  ];
  expect(sorted(jobTags!)).toEqual(expected);
  expect(sorted(modelTags!)).toEqual(expected);
});

// Declared last, so it runs after every scenario above.
test('no request in this file broke a rule of the API model', () => {
  expect(lifecycle.violations).toEqual([]);
});
