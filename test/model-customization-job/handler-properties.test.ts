import { distillationProperties, GRADER_ARN, rawProperties, rftProperties } from './handler-fixtures';
import { JOB } from '../../lambda/model-customization-job/properties';
import { IMPORT } from '../../lambda/nova-model-import/properties';
import {
  boolean, decodeProperties, integer, list, number, oneOf, optional, PropertyError, string, stringMap, struct, tagList,
} from '../../lambda/shared/properties';
import { ResourceKind } from '../../lambda/shared/resource-kind';
import type { BedrockRemovalPolicy, ResourceTag } from '../../src/contract/common';

describe('shared property decoders', () => {
  const settings = struct<{ enabled: boolean; retries: number; ratio: number; mode: 'a' | 'b'; note?: string; labels: Record<string, string> }>({
    enabled: boolean,
    retries: integer,
    ratio: number,
    mode: oneOf('a', 'b'),
    note: optional(string),
    labels: stringMap,
  });

  test('decodes the strings CloudFormation makes of scalars', () => {
    const decoded = decodeProperties(settings, { enabled: 'true', retries: '3', ratio: '0.25', mode: 'b', labels: { x: '1' } });
    expect(decoded).toEqual({ enabled: true, retries: 3, ratio: 0.25, mode: 'b', labels: { x: '1' } });
    expect(decodeProperties(boolean, 'false')).toBe(false);
  });

  test('leaves absent optional fields out and ignores unknown keys', () => {
    const decoded = decodeProperties(settings, {
      ServiceToken: 'arn:aws:lambda:...', ServiceTimeout: '3600', enabled: 'false', retries: '0', ratio: '1', mode: 'a', labels: {},
    });
    expect(decoded).toEqual({ enabled: false, retries: 0, ratio: 1, mode: 'a', labels: {} });
    expect(Object.keys(decoded)).not.toContain('note');
    expect(Object.keys(decoded)).not.toContain('ServiceToken');
  });

  test.each([
    [{ enabled: 'yes' }, "Invalid property 'enabled': expected \"true\" or \"false\""],
    [{ retries: '3.5' }, "Invalid property 'retries': expected an integer"],
    [{ retries: '' }, "Invalid property 'retries': expected a number"],
    [{ ratio: '1e' }, "Invalid property 'ratio': expected a number"],
    [{ mode: 'c' }, "Invalid property 'mode': expected one of 'a', 'b'"],
    [{ labels: { 'my key': ['x'] } }, 'Invalid property \'labels["my key"]\': expected a string'],
    [{ note: { nested: true } }, "Invalid property 'note': expected a string"],
  ])('rejects %j with a message naming the property', (override, message) => {
    const good = { enabled: 'true', retries: '1', ratio: '1', mode: 'a', labels: {} };
    expect(() => decodeProperties(settings, { ...good, ...override })).toThrow(message);
  });

  test('a missing required property says it is missing', () => {
    expect(() => decodeProperties(struct({ roleArn: string }), {})).toThrow("Invalid property 'roleArn': expected a string (missing)");
  });

  test('list items are named by index', () => {
    const decoder = struct({ uris: list(string) });
    let error: unknown;
    try {
      decodeProperties(decoder, { uris: ['s3://a', 3] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PropertyError);
    expect((error as PropertyError).path).toBe('uris[1]');
  });

  test('properties must be an object', () => {
    expect(() => decodeProperties(struct({ a: optional(string) }), 'nope')).toThrow("Invalid property 'ResourceProperties': expected an object");
  });
});

describe('job properties', () => {
  test('decodes job properties as CloudFormation sends them', () => {
    const props = JOB.decode(rawProperties({ hyperParameters: { epochCount: '2' } }));
    expect(props).toEqual({
      baseModelIdentifier: 'amazon.titan-text-express-v1:0:8k',
      customizationType: 'FINE_TUNING',
      roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomizationRole',
      trainingDataS3Uri: 's3://data-bucket/train.jsonl',
      validationDataS3Uris: ['s3://data-bucket/validation-1.jsonl', 's3://data-bucket/validation-2.jsonl'],
      outputDataS3Uri: 's3://output-bucket/jobs/',
      hyperParameters: { epochCount: '2' },
      jobTags: [{ key: 'team', value: 'ml' }],
      customModelTags: [{ key: 'cost-center', value: '42' }],
      removalPolicy: 'retain',
    });
  });

  test('a bad list item names its index', () => {
    const raw = rawProperties({ validationDataS3Uris: ['s3://data-bucket/v.jsonl', { bad: 1 }] });
    expect(() => JOB.decode(raw)).toThrow("Invalid property 'validationDataS3Uris[1]': expected a string");
  });

  test('a bad tag names the tag field', () => {
    expect(() => JOB.decode(rawProperties({ jobTags: [{ key: 'team' }] }))).toThrow("Invalid property 'jobTags[0].value': expected a string (missing)");
  });

  test('an unknown customization type is rejected', () => {
    expect(() => JOB.decode(rawProperties({ customizationType: 'PRETRAINING' }))).toThrow(
      "Invalid property 'customizationType': expected one of 'FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION', 'REINFORCEMENT_FINE_TUNING'",
    );
  });

  test('decodes the distillation, invocation logs and RFT settings from strings', () => {
    expect(JOB.decode(distillationProperties())).toMatchObject({
      invocationLogs: {
        s3Uri: 's3://logs-bucket/bedrock/',
        usePromptResponse: true,
        requestMetadataFilters: { andAll: [{ equals: { project: 'runbooks' } }, { notEquals: { stage: 'dev' } }] },
      },
      distillation: { teacherModelIdentifier: 'us.amazon.nova-premier-v1:0', maxResponseLengthForInference: 1000 },
    });
    expect(JOB.decode(rftProperties()).reinforcementFineTuning).toEqual({
      graderLambdaArn: GRADER_ARN,
      hyperParameters: { epochCount: 2, batchSize: 64, learningRate: 0.00001, trainingSamplePerPrompt: 4, reasoningEffort: 'medium' },
    });
  });

  test('bad customization settings name their path', () => {
    const rft = (hyperParameters: object) => rftProperties({ reinforcementFineTuning: { graderLambdaArn: GRADER_ARN, hyperParameters } });
    expect(() => JOB.decode(rft({ epochCount: '2.5' }))).toThrow("Invalid property 'reinforcementFineTuning.hyperParameters.epochCount': expected an integer");
    expect(() => JOB.decode(rft({ reasoningEffort: 'extreme' }))).toThrow(
      "Invalid property 'reinforcementFineTuning.hyperParameters.reasoningEffort': expected one of 'low', 'medium', 'high'",
    );
    expect(() => JOB.decode(distillationProperties({ invocationLogs: { s3Uri: 's3://b/', usePromptResponse: 'yes' } }))).toThrow(
      "Invalid property 'invocationLogs.usePromptResponse': expected \"true\" or \"false\"",
    );
    expect(() => JOB.decode(distillationProperties({ invocationLogs: { s3Uri: 's3://b/', requestMetadataFilters: { orAll: [{ equals: { k: 1 } }] } } })))
      .toThrow("Invalid property 'invocationLogs.requestMetadataFilters.orAll[0].equals.k': expected a string");
    expect(() => JOB.decode(distillationProperties({ distillation: { maxResponseLengthForInference: '10' } }))).toThrow(
      "Invalid property 'distillation.teacherModelIdentifier': expected a string (missing)",
    );
  });

  test('the training data are one file or invocation logs, exactly one of them', () => {
    expect(() => JOB.decode(rawProperties({ trainingDataS3Uri: undefined }))).toThrow(
      "Invalid property 'trainingDataS3Uri': expected a string, or else invocationLogs (exactly one of them) (missing)",
    );
    expect(() => JOB.decode(distillationProperties({ trainingDataS3Uri: 's3://data-bucket/train.jsonl' }))).toThrow(
      "Invalid property 'trainingDataS3Uri': expected a string, or else invocationLogs (exactly one of them)",
    );
  });

  test('the customization settings are Bedrock-bound: changing the teacher or the grader needs a new job', () => {
    const before = JOB.decode(distillationProperties());
    const after = JOB.decode(distillationProperties({ distillation: { teacherModelIdentifier: 'amazon.nova-pro-v1:0' } }));
    expect(JOB.changed(before, after)).toEqual(['distillation']);
    const rft = JOB.decode(rftProperties());
    const regraded = JOB.decode(rftProperties({ reinforcementFineTuning: { graderLambdaArn: `${GRADER_ARN}2` } }));
    expect(JOB.changed(rft, regraded)).toEqual(['reinforcementFineTuning']);
  });

  test('Delete reads only the removal policy, and keeps the resources when it cannot', () => {
    expect(JOB.removalPolicyOf({ removalPolicy: 'destroy', roleArn: 42 })).toBe('destroy');
    expect(JOB.removalPolicyOf({ removalPolicy: 'snapshot' })).toBe('retain');
    expect(JOB.removalPolicyOf(undefined)).toBe('retain');
  });

  test('changes to removalPolicy are library-only; others are Bedrock-bound', () => {
    const before = JOB.decode(rawProperties());
    expect(JOB.changed(before, JOB.decode(rawProperties({ removalPolicy: 'destroy' })))).toEqual([]);
    // Key order of a map does not matter.
    const reordered = JOB.decode(rawProperties({ hyperParameters: { learningRate: '0.00001', batchSize: '1', epochCount: '2' } }));
    expect(JOB.changed(before, reordered)).toEqual([]);
    const after = JOB.decode(rawProperties({ hyperParameters: { epochCount: '3' }, jobTags: undefined, roleArn: 'arn:aws:iam::123456789012:role/Other' }));
    expect(JOB.changed(before, after)).toEqual(['roleArn', 'hyperParameters', 'jobTags']);
  });

  test('decodes the VPC and the custom model key; a bad subnet list names its place', () => {
    const vpcConfig = { subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-1'] };
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(JOB.decode(rawProperties({ vpcConfig, customModelKmsKeyId: keyArn }))).toMatchObject({ vpcConfig, customModelKmsKeyId: keyArn });
    expect(() => JOB.decode(rawProperties({ vpcConfig: { subnetIds: 'subnet-a', securityGroupIds: [] } })))
      .toThrow("Invalid property 'vpcConfig.subnetIds': expected a list");
    // VPC and key changes need a new job: they are Bedrock-bound, not tags.
    const before = JOB.decode(rawProperties());
    expect(JOB.changed(before, JOB.decode(rawProperties({ vpcConfig, customModelKmsKeyId: keyArn }))))
      .toEqual(['vpcConfig', 'customModelKmsKeyId']);
  });
});

describe('resource kinds: updatable properties', () => {
  interface Served {
    readonly name?: string;
    readonly model: string;
    readonly note?: string;
    readonly tags?: ResourceTag[];
    readonly removalPolicy: BedrockRemovalPolicy;
  }
  const kind = new ResourceKind<Served>({
    noun: 'served thing',
    shortNoun: 'thing',
    arn: /^arn:aws:bedrock:us-east-1:123456789012:thing\/[a-z0-9]{12}$/,
    fields: { name: optional(string), model: string, note: optional(string), tags: optional(tagList), removalPolicy: oneOf('retain', 'destroy') },
    tags: ['tags'],
    updatable: ['model'],
    libraryOnly: ['removalPolicy'],
    names: ['name'],
  });
  const before: Served = { name: 'n', model: 'a', note: 'first', tags: [{ key: 'k', value: '1' }], removalPolicy: 'retain' };

  test('do not define the resource: its digest leaves them out, so a change keeps it', () => {
    expect(kind.defining).toEqual(['name', 'note']);
    expect(kind.updatable).toEqual(['model']);
    const remodelled = { ...before, model: 'b' };
    expect(kind.digest(remodelled)).toBe(kind.digest(before));
    const id = { arn: 'arn:aws:bedrock:us-east-1:123456789012:thing/abcdefghijkl', seed: '0a1b2c3d', digest: kind.digest(before) };
    expect(kind.matches(id, remodelled)).toBe(true);
    expect(kind.matches(id, { ...before, note: 'second' })).toBe(false);
  });

  test('changed() lists them between the defining properties and the tags; updated() lists only them', () => {
    const after: Served = { ...before, model: 'b', note: 'second', tags: [], removalPolicy: 'destroy' };
    expect(kind.changed(before, after)).toEqual(['note', 'model', 'tags']);
    expect(kind.updated(before, after)).toEqual(['model']);
    expect(kind.updated(before, { ...before, note: 'second', tags: [] })).toEqual([]);
  });

  test('kinds without them keep every Bedrock-bound property that is not a tag as defining', () => {
    expect(JOB.updatable).toEqual([]);
    expect(IMPORT.defining).toEqual(['modelName', 'modelSourceS3Uri', 'roleArn', 'modelKmsKeyArn']);
    const job = JOB.decode(rawProperties());
    expect(JOB.updated(job, JOB.decode(rawProperties({ roleArn: 'arn:aws:iam::123456789012:role/Other' })))).toEqual([]);
  });
});
