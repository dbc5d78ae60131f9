import {
  CreateModelCustomizationJobCommand, GetModelCustomizationJobCommand, ListTagsForResourceCommand, ModelCustomizationJobStatus,
  ResourceNotFoundException, TagResourceCommand, TooManyTagsException, UntagResourceCommand,
} from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { createdJob, rawProperties } from './handler-fixtures';
import { modelTagsDigest } from '../../lambda/model-customization-job/model-tags';
import { onEvent } from '../../lambda/model-customization-job/on-event';
import { JOB } from '../../lambda/model-customization-job/properties';
import { tagChanges } from '../../lambda/shared/tags';
import { JOB_ARN, logLines, MODEL_ARN, RawProperties, updateEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock, logs } = useMockedBedrock();
const $metadata = {};
const MODEL_TAGS = [{ key: 'cost-center', value: '42' }];

const created = (props: RawProperties) => createdJob(bedrock, props);

function jobIs(status: ModelCustomizationJobStatus, outputModelArn?: string) {
  bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, jobName: 'j', status, outputModelArn });
}

/** Every Tag/UntagResource call, in order. */
function tagCalls() {
  return bedrock.calls()
    .map((call) => call.args[0] as { constructor: { name: string }; input: any })
    .filter((command) => /^(Tag|Untag)ResourceCommand$/.test(command.constructor.name))
    .map((command) => ({ [command.constructor.name.replace(/Command$/, '')]: command.input }));
}

describe('tagChanges', () => {
  test('sets new and changed tags, removes the keys that went away, leaves the rest', () => {
    expect(tagChanges(
      [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: '3' }],
      [{ key: 'a', value: '1' }, { key: 'b', value: 'two' }, { key: 'd', value: '4' }],
    )).toEqual({ set: [{ key: 'b', value: 'two' }, { key: 'd', value: '4' }], removeKeys: ['c'] });
    expect(tagChanges(undefined, undefined)).toEqual({ set: [], removeKeys: [] });
    expect(tagChanges([{ key: 'a', value: '1' }], undefined)).toEqual({ set: [], removeKeys: ['a'] });
  });

  test('the model tags digest ignores order and tells lists apart', () => {
    const ab = [{ key: 'a', value: '1' }, { key: 'b', value: '2' }];
    expect(modelTagsDigest(ab)).toBe(modelTagsDigest([...ab].reverse()));
    expect(modelTagsDigest(ab)).toMatch(/^[0-9a-f]{16}$/);
    expect(modelTagsDigest(ab)).not.toBe(modelTagsDigest([{ key: 'a', value: '1' }]));
    expect(modelTagsDigest([])).toBe(modelTagsDigest(undefined));
  });
});

describe('Update of job tags only', () => {
  test('untags the removed keys, then tags the new and changed ones, on the job; same id and Data; no Get, no new job', async () => {
    const before = rawProperties({ jobTags: [{ key: 'env', value: 'dev' }, { key: 'old', value: 'x' }, { key: 'team', value: 'ml' }] });
    const create = await created(before);
    bedrock.on(TagResourceCommand).resolves({});
    bedrock.on(UntagResourceCommand).resolves({});

    const after = rawProperties({ jobTags: [{ key: 'env', value: 'prod' }, { key: 'new', value: 'y' }, { key: 'team', value: 'ml' }] });
    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, after));

    expect(result).toEqual(create);
    expect(tagCalls()).toEqual([
      { UntagResource: { resourceARN: JOB_ARN, tagKeys: ['old'] } },
      { TagResource: { resourceARN: JOB_ARN, tags: [{ key: 'env', value: 'prod' }, { key: 'new', value: 'y' }] } },
    ]);
    expect(bedrock).not.toHaveReceivedCommand(GetModelCustomizationJobCommand);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelCustomizationJobCommand);
  });

  test('removing the last tag calls UntagResource only', async () => {
    const before = rawProperties();
    const create = await created(before);
    bedrock.on(UntagResourceCommand).resolves({});

    await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ jobTags: undefined })));

    expect(tagCalls()).toEqual([{ UntagResource: { resourceARN: JOB_ARN, tagKeys: ['team'] } }]);
  });

  test('a fixed jobName does not block a tag change: nothing is replaced', async () => {
    const before = rawProperties({ jobName: 'my-job' });
    const create = await created(before);
    bedrock.on(TagResourceCommand).resolves({});

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ jobName: 'my-job', jobTags: [{ key: 'team', value: 'ai' }] })));

    expect(result).toEqual(create);
    expect(bedrock).toHaveReceivedCommandWith(TagResourceCommand, { resourceARN: JOB_ARN, tags: [{ key: 'team', value: 'ai' }] });
  });

  test('too many tags fails the update with what to do', async () => {
    const before = rawProperties();
    const create = await created(before);
    bedrock.on(TagResourceCommand).rejects(new TooManyTagsException({ message: 'The resource can have at most 50 tags.', $metadata }));

    await expect(onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ jobTags: [{ key: 'team', value: 'ai' }] })))).rejects.toThrow(
      `Tagging model customization job '${JOB_ARN}' failed: too many tags: Bedrock allows at most 50 per resource, counting tags added outside this stack; `
      + 'remove some from jobTags, customModelTags or Tags.of(), or tags added by hand, then deploy again',
    );
  });
});

describe('Update of custom model tags', () => {
  const newModelTags = [{ key: 'cost-center', value: '43' }, { key: 'owner', value: 'ml' }];

  function modelHas(tags: Array<{ key: string; value: string }>) {
    bedrock.on(ListTagsForResourceCommand).resolves({ tags });
  }

  test('a completed job\'s model gets the change: its tags are read, then the difference applied', async () => {
    const before = rawProperties();
    const create = await created(before);
    jobIs('Completed', MODEL_ARN);
    modelHas([...MODEL_TAGS, { key: 'aws:cloudformation:stack-name', value: 'S' }]);
    bedrock.on(TagResourceCommand).resolves({});
    bedrock.on(UntagResourceCommand).resolves({});

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ customModelTags: newModelTags })));

    expect(result).toEqual(create);
    expect(tagCalls()).toEqual([{ TagResource: { resourceARN: MODEL_ARN, tags: newModelTags } }]);
    expect(bedrock).toHaveReceivedCommandWith(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
    expect(bedrock).toHaveReceivedCommandWith(ListTagsForResourceCommand, { resourceARN: MODEL_ARN });
  });

  test('while the job runs, the job tags change now and the model tags wait for the model: no failure, no model call', async () => {
    const before = rawProperties();
    const create = await created(before);
    jobIs('InProgress');
    bedrock.on(TagResourceCommand).resolves({});
    const after = rawProperties({ customModelTags: newModelTags, jobTags: [{ key: 'team', value: 'ai' }] });

    await expect(onEvent(updateEvent(create.PhysicalResourceId, before, after))).resolves.toEqual(create);

    expect(tagCalls()).toEqual([{ TagResource: { resourceARN: JOB_ARN, tags: [{ key: 'team', value: 'ai' }] } }]);
    expect(bedrock).not.toHaveReceivedCommand(ListTagsForResourceCommand);
    expect(logLines(logs())).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^Custom model tags pending/), wanted: newModelTags }));
  });

  test('pending model tags are applied at the next update after the job has completed, even one that changes nothing in Bedrock', async () => {
    const createdWith = rawProperties();
    const create = await created(createdWith);
    const wanted = rawProperties({ customModelTags: newModelTags });
    jobIs('InProgress');
    await onEvent(updateEvent(create.PhysicalResourceId, createdWith, wanted));
    bedrock.reset();
    jobIs('Completed', MODEL_ARN);
    // Bedrock tagged the model with the tags the job was created with.
    modelHas(MODEL_TAGS);
    bedrock.on(TagResourceCommand).resolves({});

    await expect(onEvent(updateEvent(create.PhysicalResourceId, wanted, { ...wanted, removalPolicy: 'destroy' }))).resolves.toEqual(create);

    expect(tagCalls()).toEqual([{ TagResource: { resourceARN: MODEL_ARN, tags: newModelTags } }]);
  });

  test('a tag removed while the job ran is removed from the model once it exists', async () => {
    const createdWith = rawProperties({ customModelTags: [...MODEL_TAGS, { key: 'stage', value: 'dev' }] });
    const create = await created(createdWith);
    const wanted = rawProperties({ customModelTags: MODEL_TAGS });
    jobIs('Completed', MODEL_ARN);
    modelHas([...MODEL_TAGS, { key: 'stage', value: 'dev' }]);
    bedrock.on(UntagResourceCommand).resolves({});

    await onEvent(updateEvent(create.PhysicalResourceId, wanted, { ...wanted, removalPolicy: 'destroy' }));

    expect(tagCalls()).toEqual([{ UntagResource: { resourceARN: MODEL_ARN, tagKeys: ['stage'] } }]);
  });

  test('pending model tags that cannot be applied never fail an update that does not change them', async () => {
    const createdWith = rawProperties();
    const create = await created(createdWith);
    const wanted = rawProperties({ customModelTags: newModelTags });
    jobIs('Completed', MODEL_ARN);
    bedrock.on(ListTagsForResourceCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));

    await expect(onEvent(updateEvent(create.PhysicalResourceId, wanted, { ...wanted, removalPolicy: 'destroy' }))).resolves.toEqual(create);
    expect(logLines(logs())).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringMatching(/pending custom model tags could not be applied/) }));
  });

  test('no pending model tags: a library-only update makes no Bedrock call', async () => {
    const before = rawProperties();
    const create = await created(before);

    await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ removalPolicy: 'destroy' })));

    expect(bedrock).not.toHaveReceivedAnyCommand();
  });

  test('the rollback that restores the create-time model tags succeeds, and restores the job tags', async () => {
    const createdWith = rawProperties();
    const create = await created(createdWith);
    expect(JOB.physicalId.parse(create.PhysicalResourceId)?.extra).toBe(modelTagsDigest(MODEL_TAGS));
    jobIs('InProgress');
    bedrock.on(TagResourceCommand).resolves({});
    bedrock.on(UntagResourceCommand).resolves({});
    // A failed update's properties are the old ones of its rollback.
    const failed = rawProperties({ customModelTags: newModelTags, jobTags: [{ key: 'team', value: 'ai' }] });

    const result = await onEvent(updateEvent(create.PhysicalResourceId, failed, createdWith));

    expect(result).toEqual(create);
    expect(tagCalls()).toEqual([{ TagResource: { resourceARN: JOB_ARN, tags: [{ key: 'team', value: 'ml' }] } }]);
  });

  test('a job created without model tags: adding some while it runs and removing them again changes nothing', async () => {
    const createdWith = rawProperties({ customModelTags: undefined });
    const create = await created(createdWith);
    expect(JOB.physicalId.parse(create.PhysicalResourceId)?.extra).toBeUndefined();
    jobIs('InProgress');

    await expect(onEvent(updateEvent(create.PhysicalResourceId, createdWith, rawProperties()))).resolves.toEqual(create);
    await expect(onEvent(updateEvent(create.PhysicalResourceId, rawProperties(), createdWith))).resolves.toEqual(create);
    expect(tagCalls()).toEqual([]);
  });

  test.each(['Stopping', 'Stopped', 'Failed'] as const)('a %s job will have no model: the change is accepted with no model call', async (status) => {
    const before = rawProperties();
    const create = await created(before);
    jobIs(status);

    await expect(onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ customModelTags: newModelTags })))).resolves.toEqual(create);
    expect(tagCalls()).toEqual([]);
  });

  test('a job Bedrock no longer knows has no model to tag', async () => {
    const before = rawProperties();
    const create = await created(before);
    bedrock.on(GetModelCustomizationJobCommand).rejects(new ResourceNotFoundException({ message: 'gone', $metadata }));

    await expect(onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ customModelTags: newModelTags })))).resolves.toEqual(create);
    expect(tagCalls()).toEqual([]);
  });

  test('a model deleted by someone else fails the update that changes its tags, naming the model', async () => {
    const before = rawProperties();
    const create = await created(before);
    jobIs('Completed', MODEL_ARN);
    bedrock.on(ListTagsForResourceCommand).rejects(new ResourceNotFoundException({ message: 'The resource was not found.', $metadata }));

    await expect(onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ customModelTags: newModelTags }))))
      .rejects.toThrow(`Reading the tags of custom model '${MODEL_ARN}' failed: ResourceNotFoundException: The resource was not found.`);
  });
});

describe('the provenance tags, in the wanted set like any other', () => {
  const provenance = (path: string) => [
    { key: 'cdk-bedrock-customization:construct-path', value: path },
    { key: 'cdk-bedrock-customization:stack', value: 'Stack' },
  ];

  test('a model\'s sync keeps them: only the user\'s tags change, aws: tags aside', async () => {
    const createdWith = rawProperties({ customModelTags: [...MODEL_TAGS, ...provenance('Stack/Job')] });
    const create = await created(createdWith);
    const wanted = rawProperties({ customModelTags: [{ key: 'owner', value: 'ml' }, ...provenance('Stack/Job')] });
    jobIs('Completed', MODEL_ARN);
    bedrock.on(ListTagsForResourceCommand).resolves({
      tags: [...MODEL_TAGS, ...provenance('Stack/Job'), { key: 'aws:cloudformation:stack-name', value: 'Stack' }],
    });
    bedrock.on(TagResourceCommand).resolves({});
    bedrock.on(UntagResourceCommand).resolves({});

    await onEvent(updateEvent(create.PhysicalResourceId, createdWith, wanted));

    expect(tagCalls()).toEqual([
      { UntagResource: { resourceARN: MODEL_ARN, tagKeys: ['cost-center'] } },
      { TagResource: { resourceARN: MODEL_ARN, tags: [{ key: 'owner', value: 'ml' }] } },
    ]);
  });

  test('a construct moved to another path retags the job in place: same job, no create', async () => {
    const before = rawProperties({ jobTags: provenance('Stack/Job') });
    const create = await created(before);
    bedrock.on(TagResourceCommand).resolves({});

    const result = await onEvent(updateEvent(create.PhysicalResourceId, before, rawProperties({ jobTags: provenance('Stack/Team/Job') })));

    expect(result).toEqual(create);
    expect(tagCalls()).toEqual([
      { TagResource: { resourceARN: JOB_ARN, tags: [{ key: 'cdk-bedrock-customization:construct-path', value: 'Stack/Team/Job' }] } },
    ]);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelCustomizationJobCommand);
  });
});
