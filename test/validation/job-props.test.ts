/*
 * Synth-time validation of ModelCustomizationJob props, driven by the
 * constraints fixture. Every rule reachable from the props (JOB_PROP_PATHS x
 * rulesAt) must have a failing case below or a written exclusion; a new rule in
 * the fixture or a new prop path fails 'every reachable rule has a failing case
 * or an exclusion' until it gets one.
 */
import { App, Lazy, Stack, aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  BaseModel, Customization, MetadataFilter, ModelCustomizationJob, ModelCustomizationJobProps, OutputData, ReasoningEffort,
  ReinforcementFineTuningHyperParameters, TeacherModel, TrainingData, ValidationData,
} from '../../src';
import { MAX_TAGS_PER_RESOURCE } from '../../src/private/constraints';
import { JOB_PROP_PATHS, JOB_REQUEST } from '../../src/private/job-validation';
import { Rule, rulesAt } from '../../src/private/validation';

const ENV = { account: '123456789012', region: 'us-east-1' };
const BUCKET_NAME = 'literal-bucket';
const VALID_MODEL = 'amazon.titan-text-express-v1:0:8k';

type PropPaths = Readonly<Record<string, string>>;

/** `${prop}:${rule.kind}` for every rule at every prop's request path, with the rule. */
function reachableRules(paths: PropPaths = JOB_PROP_PATHS): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const [prop, path] of Object.entries(paths)) {
    for (const rule of rulesAt(JOB_REQUEST, path)) {
      rules.set(`${prop}:${rule.kind}`, rule);
    }
  }
  return rules;
}

/** The rule a reachable id names (throws on a stale id, which 'no stale entries' reports first). */
function ruleOf(id: string): Rule {
  const rule = reachableRules().get(id);
  if (!rule) throw new Error(`${id} is not a reachable rule`);
  return rule;
}

/** A bound of a reachable length rule, so that the cases follow the fixture. */
function bound(id: string): number {
  const rule = ruleOf(id);
  if (rule.kind !== 'length.min' && rule.kind !== 'length.max') throw new Error(`${id} is not a length rule`);
  return rule.bound;
}

/** Props that break one rule, built in the case's own stack. */
interface FailingCase {
  /** How the error names the prop: starts with the prop's name. */
  readonly label: string;
  readonly props: (stack: Stack, bucket: s3.IBucket) => Partial<ModelCustomizationJobProps>;
}

const tooLong = (id: string, char = 'a') => char.repeat(bound(id) + 1);
/** An S3 key that makes `s3://literal-bucket/<key>` one character longer than the rule allows. */
const tooLongKey = (id: string) => 'k'.repeat(bound(id) + 1 - `s3://${BUCKET_NAME}/`.length);
/** n tags, all valid. */
const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));
const longRoleArn = (id: string) => {
  const prefix = `arn:aws:iam::${ENV.account}:role/`;
  return prefix + 'r'.repeat(bound(id) + 1 - prefix.length);
};

/** jobTags and customModelTags share the TagList shape, so their cases differ only in the prop. */
function tagCases(kind: 'jobTags' | 'customModelTags'): Record<string, FailingCase> {
  const longKey = tooLong(`${kind}.key:length.max`, 'k');
  return {
    [`${kind}:length.max`]: { label: kind, props: () => ({ [kind]: manyTags(bound(`${kind}:length.max`) + 1) }) },
    [`${kind}.key:length.min`]: { label: `${kind} key ""`, props: () => ({ [kind]: { '': 'v' } }) },
    [`${kind}.key:length.max`]: { label: `${kind} key "${longKey}"`, props: () => ({ [kind]: { [longKey]: 'v' } }) },
    [`${kind}.key:pattern`]: { label: `${kind} key "team#1"`, props: () => ({ [kind]: { 'team#1': 'v' } }) },
    [`${kind}.value:length.max`]: { label: `${kind}["k"]`, props: () => ({ [kind]: { k: tooLong(`${kind}.value:length.max`, 'v') } }) },
    [`${kind}.value:pattern`]: { label: `${kind}["k"]`, props: () => ({ [kind]: { k: 'ml#1' } }) },
  };
}

/** An imported VPC with one private subnet, for the network cases. */
const vpcOf = (stack: Stack) => ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-1'] });
const subnets = (stack: Stack, ids: string[]) => ids.map((id, i) => ec2.Subnet.fromSubnetId(stack, `Subnet${i}`, id));
const securityGroups = (stack: Stack, ids: string[]) => ids.map((id, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Group${i}`, id));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
/** A key ARN whose key id makes the ARN one character longer than the rule allows. */
const KEY_ARN_PREFIX = `arn:aws:kms:${ENV.region}:${ENV.account}:key/`;
const keyOf = (stack: Stack, arn: string) => kms.Key.fromKeyArn(stack, 'Key', arn);

function tagExclusions(kind: 'jobTags' | 'customModelTags'): Record<string, string> {
  return {
    [`${kind}:length.min`]: `min 0 items cannot be violated (and an empty ${kind} object sends no tags)`,
    [`${kind}.key:required`]: TYPED_TAGS,
    [`${kind}.value:required`]: TYPED_TAGS,
    [`${kind}.value:length.min`]: 'min 0 characters cannot be violated',
  };
}

const GRADER_ARN = `arn:aws:lambda:${ENV.region}:${ENV.account}:function:grader`;
const TEACHER = TeacherModel.fromModelId('amazon.nova-pro-v1:0');

/** Reinforcement fine-tuning with a grader of literal ARN (checked) and these hyperparameters. */
function rft(stack: Stack, hyperParameters?: ReinforcementFineTuningHyperParameters, graderArn = GRADER_ARN): Partial<ModelCustomizationJobProps> {
  // fromFunctionAttributes takes any string, even one fromFunctionArn would refuse.
  const grader = lambda.Function.fromFunctionAttributes(stack, 'Grader', { functionArn: graderArn, sameEnvironment: true });
  return { customization: Customization.reinforcementFineTuning({ grader, hyperParameters }) };
}

/** Distillation from invocation logs under logs/ with this filter. */
function fromLogs(bucket: s3.IBucket, filter?: MetadataFilter, prefix = 'logs/'): Partial<ModelCustomizationJobProps> {
  return {
    customization: Customization.distillation({ teacherModel: TEACHER }),
    trainingData: TrainingData.fromInvocationLogs(bucket, prefix, { filter }),
  };
}

/** Where a condition sits in the filter: alone, or inside andAll / orAll. */
const FILTER_POSITIONS = ['equals', 'notEquals', 'andAll[].equals', 'andAll[].notEquals', 'orAll[].equals', 'orAll[].notEquals'] as const;
type FilterPosition = typeof FILTER_POSITIONS[number];

/** A filter with one condition key = value at `position` (second in its list, after a valid one), and the label of that condition. */
function filterAt(position: FilterPosition, key: string, value: string): { filter: MetadataFilter; label: string } {
  const [list, kind] = position.includes('[].') ? position.split('[].') : [undefined, position];
  const condition = kind === 'equals' ? MetadataFilter.stringEquals(key, value) : MetadataFilter.stringNotEquals(key, value);
  if (!list) return { filter: condition, label: `trainingData.filter.${kind}` };
  const conditions = [MetadataFilter.stringEquals('ok', 'ok'), condition];
  return { filter: list === 'andAll' ? MetadataFilter.andAll(conditions) : MetadataFilter.orAll(conditions), label: `trainingData.filter.${list}[1].${kind}` };
}

/** The cases of the key and value rules of a condition, at each position. */
function filterCases(position: FilterPosition): Record<string, FailingCase> {
  const id = `trainingData.filter.${position}`;
  const longKey = tooLong(`${id}.key:length.max`, 'k');
  const caseOf = (key: string, value: string, labelOf: (base: string) => string): FailingCase => {
    const { filter, label } = filterAt(position, key, value);
    return { label: labelOf(label), props: (_, bucket) => fromLogs(bucket, filter) };
  };
  return {
    [`${id}.key:length.min`]: caseOf('', 'v', (base) => `${base} key ""`),
    [`${id}.key:length.max`]: caseOf(longKey, 'v', (base) => `${base} key "${longKey}"`),
    [`${id}.key:pattern`]: caseOf('team#1', 'v', (base) => `${base} key "team#1"`),
    [`${id}.value:length.max`]: caseOf('k', tooLong(`${id}.value:length.max`, 'v'), (base) => `${base}["k"]`),
    [`${id}.value:pattern`]: caseOf('k', 'ml#1', (base) => `${base}["k"]`),
  };
}

function filterExclusions(position: FilterPosition): Record<string, string> {
  const id = `trainingData.filter.${position}`;
  const factory = position.endsWith('notEquals') ? 'MetadataFilter.stringNotEquals' : 'MetadataFilter.stringEquals';
  const oneEntry = `${factory}(key, value) makes a map of exactly one entry, so the map's 1..1 entries cannot be violated`;
  return {
    [`${id}:length.min`]: oneEntry,
    [`${id}:length.max`]: oneEntry,
    [`${id}.value:length.min`]: 'min 0 characters cannot be violated',
  };
}

/** The cases of the andAll / orAll list bounds. */
function listCases(list: 'andAll' | 'orAll'): Record<string, FailingCase> {
  const combine = (filters: MetadataFilter[]) => (list === 'andAll' ? MetadataFilter.andAll(filters) : MetadataFilter.orAll(filters));
  const conditions = (n: number) => Array.from({ length: n }, (_, i) => MetadataFilter.stringEquals(`k${i}`, 'v'));
  const id = `trainingData.filter.${list}`;
  return {
    [`${id}:length.min`]: { label: id, props: (_, bucket) => fromLogs(bucket, combine([])) },
    [`${id}:length.max`]: { label: id, props: (_, bucket) => fromLogs(bucket, combine(conditions(bound(`${id}:length.max`) + 1))) },
  };
}

/** A hyperparameter one step outside its range. */
function rangeCases(name: keyof ReinforcementFineTuningHyperParameters, below: number, above: number): Record<string, FailingCase> {
  const id = `customization.hyperParameters.${name}`;
  return {
    [`${id}:range.min`]: { label: id, props: (stack) => rft(stack, { [name]: below }) },
    [`${id}:range.max`]: { label: id, props: (stack) => rft(stack, { [name]: above }) },
  };
}

const FAILING_CASES: Record<string, FailingCase> = {
  'jobName:length.min': { label: 'jobName', props: () => ({ jobName: '' }) },
  'jobName:length.max': { label: 'jobName', props: () => ({ jobName: tooLong('jobName:length.max') }) },
  'jobName:pattern': { label: 'jobName', props: () => ({ jobName: 'bad name!' }) },

  'customModelName:length.min': { label: 'customModelName', props: () => ({ customModelName: '' }) },
  'customModelName:length.max': { label: 'customModelName', props: () => ({ customModelName: tooLong('customModelName:length.max') }) },
  'customModelName:pattern': { label: 'customModelName', props: () => ({ customModelName: 'bad name!' }) },

  'baseModel:length.min': { label: 'baseModel', props: () => ({ baseModel: BaseModel.fromModelId('') }) },
  'baseModel:length.max': { label: 'baseModel', props: () => ({ baseModel: BaseModel.fromModelId(tooLong('baseModel:length.max')) }) },
  'baseModel:pattern': { label: 'baseModel', props: () => ({ baseModel: BaseModel.fromModelId('Not A Model!') }) },

  // fromRoleArn accepts both ARNs (checked by 'the role cases get past fromRoleArn').
  'role:length.max': {
    label: 'role (its ARN)',
    props: (stack) => ({ role: iam.Role.fromRoleArn(stack, 'R', longRoleArn('role:length.max'), { mutable: false }) }),
  },
  'role:pattern': {
    label: 'role (its ARN)',
    props: (stack) => ({ role: iam.Role.fromRoleArn(stack, 'R', `arn:aws:iam::${ENV.account}:user/x`, { mutable: false }) }),
  },

  'trainingData:length.max': {
    label: 'trainingData',
    props: (_, bucket) => ({ trainingData: TrainingData.fromBucket(bucket, tooLongKey('trainingData:length.max')) }),
  },
  'trainingData:pattern': { label: 'trainingData', props: (_, bucket) => ({ trainingData: TrainingData.fromBucket(bucket, 'bad key#.jsonl') }) },

  'trainingData.invocationLogs:length.max': {
    label: 'trainingData',
    props: (_, bucket) => fromLogs(bucket, undefined, tooLongKey('trainingData.invocationLogs:length.max')),
  },
  'trainingData.invocationLogs:pattern': { label: 'trainingData', props: (_, bucket) => fromLogs(bucket, undefined, 'bad prefix#/') },
  ...Object.assign({}, ...FILTER_POSITIONS.map(filterCases)),
  ...listCases('andAll'),
  ...listCases('orAll'),

  'customization.teacherModel:pattern': {
    label: 'customization.teacherModel',
    props: () => ({ customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId('Not A Model!') }) }),
  },
  'customization.grader:length.min': { label: 'customization.grader (its ARN)', props: (stack) => rft(stack, undefined, '') },
  'customization.grader:length.max': {
    label: 'customization.grader (its ARN)',
    props: (stack) => rft(stack, undefined, GRADER_ARN + 'r'.repeat(bound('customization.grader:length.max') + 1 - GRADER_ARN.length)),
  },
  'customization.grader:pattern': {
    label: 'customization.grader (its ARN)',
    props: (stack) => rft(stack, undefined, `arn:aws:lambda:local:${ENV.account}:function:grader`),
  },
  ...rangeCases('epochCount', 0, 51),
  ...rangeCases('batchSize', 15, 513),
  ...rangeCases('learningRate', 1e-8, 0.002),
  ...rangeCases('trainingSamplePerPrompt', 1, 17),
  ...rangeCases('evalInterval', 0, 101),

  'validationData:length.max': {
    label: 'validationData',
    props: (_, bucket) => ({
      validationData: Array.from({ length: bound('validationData:length.max') + 1 }, (__, i) => ValidationData.fromBucket(bucket, `v${i}.jsonl`)),
    }),
  },
  'validationData[]:length.max': {
    label: 'validationData[1].s3Uri',
    props: (_, bucket) => ({
      validationData: [ValidationData.fromBucket(bucket, 'ok.jsonl'), ValidationData.fromBucket(bucket, tooLongKey('validationData[]:length.max'))],
    }),
  },
  'validationData[]:pattern': {
    label: 'validationData[0].s3Uri',
    props: (_, bucket) => ({ validationData: [ValidationData.fromBucket(bucket, 'bad key#.jsonl')] }),
  },

  'outputData:length.max': { label: 'outputData', props: (_, bucket) => ({ outputData: OutputData.fromBucket(bucket, tooLongKey('outputData:length.max')) }) },
  'outputData:pattern': { label: 'outputData', props: (_, bucket) => ({ outputData: OutputData.fromBucket(bucket, 'bad prefix#/') }) },

  ...tagCases('jobTags'),
  ...tagCases('customModelTags'),

  'vpcSubnets:length.min': { label: 'vpcSubnets', props: (stack) => ({ vpc: vpcOf(stack), vpcSubnets: { subnets: [] } }) },
  'vpcSubnets:length.max': {
    label: 'vpcSubnets',
    props: (stack) => ({ vpc: vpcOf(stack), vpcSubnets: { subnets: subnets(stack, ids('subnet', bound('vpcSubnets:length.max') + 1)) } }),
  },
  'vpcSubnets[]:length.max': {
    label: 'vpcSubnets[0]',
    props: (stack) => ({ vpc: vpcOf(stack), vpcSubnets: { subnets: subnets(stack, [`subnet-${tooLong('vpcSubnets[]:length.max').slice('subnet-'.length)}`]) } }),
  },
  'vpcSubnets[]:pattern': { label: 'vpcSubnets[0]', props: (stack) => ({ vpc: vpcOf(stack), vpcSubnets: { subnets: subnets(stack, ['subnet_1']) } }) },

  'securityGroups:length.min': { label: 'securityGroups', props: (stack) => ({ vpc: vpcOf(stack), securityGroups: [] }) },
  'securityGroups:length.max': {
    label: 'securityGroups',
    props: (stack) => ({ vpc: vpcOf(stack), securityGroups: securityGroups(stack, ids('sg', bound('securityGroups:length.max') + 1)) }),
  },
  'securityGroups[]:length.max': {
    label: 'securityGroups[0]',
    props: (stack) => ({ vpc: vpcOf(stack), securityGroups: securityGroups(stack, [`sg-${tooLong('securityGroups[]:length.max').slice('sg-'.length)}`]) }),
  },
  'securityGroups[]:pattern': { label: 'securityGroups[0]', props: (stack) => ({ vpc: vpcOf(stack), securityGroups: securityGroups(stack, ['sg_1']) }) },

  'customModelEncryptionKey:length.max': {
    label: 'customModelEncryptionKey (its ARN)',
    props: (stack) => ({
      customModelEncryptionKey: keyOf(stack, KEY_ARN_PREFIX + 'k'.repeat(bound('customModelEncryptionKey:length.max') + 1 - KEY_ARN_PREFIX.length)),
    }),
  },
  // Key ids are 36 characters.
  'customModelEncryptionKey:pattern': { label: 'customModelEncryptionKey (its ARN)', props: (stack) => ({ customModelEncryptionKey: keyOf(stack, `${KEY_ARN_PREFIX}short`) }) },
};

const S3_URI_MIN = 'the URI checked is s3://<bucket>/<key>, never shorter than "s3://" whatever the bucket and key, so min 1 cannot be violated';
const TYPED_TAGS = 'tags come from a { [key: string]: string } prop: the key is an object key and the value is typed string '
  + '(a missing value is a type error in TypeScript and rejected by jsii), so both members of each Tag are always set';

const EXCLUSIONS: Record<string, string> = {
  'jobName:required': 'optional in props: without jobName the construct sends none and the handler generates a name for each new job',
  'customModelName:required': 'optional in props: without customModelName the construct sends none and the handler generates a name for each new job',
  'baseModel:required': 'baseModel is a required prop, and a BaseModel (private constructor) always holds the string its factory was given',
  'customization:enum': 'the value comes from the Customization factories (private constructor), whose four types are all '
    + 'in the enum (checked by \'exclusions that rest on the fixture still hold\'); the default is Customization.fineTuning()',
  'customization.teacherModel:required': 'distillation() requires a teacherModel, and a TeacherModel (private constructor) always holds '
    + 'the string its factory was given, so teacherModelIdentifier is always sent with a distillation',
  'customization.grader:required': 'reinforcementFineTuning() requires a grader, and IFunction.functionArn is always a string, '
    + 'so lambdaArn is always sent with a reinforcement fine-tuning',
  'customization.hyperParameters.reasoningEffort:enum': 'the value comes from the ReasoningEffort enum, whose values are '
    + 'those of the model (checked by \'exclusions that rest on the fixture still hold\')',
  'trainingData.invocationLogs:length.min': S3_URI_MIN,
  ...Object.assign({}, ...FILTER_POSITIONS.map(filterExclusions)),
  'role:required': 'role is optional in props: without it the construct creates one, and IRole.roleArn is always a string, so roleArn is always sent',
  'trainingData:length.min': S3_URI_MIN,
  'validationData:required': 'the construct sends (and checks) validationDataConfig only when validationData has at least one data set, '
    + 'so its validators list is never absent',
  'validationData[]:required': 'each validator is built from a bound ValidationData as { s3Uri: "s3://<bucket>/<key>" }, so s3Uri is always set',
  'validationData[]:length.min': S3_URI_MIN,
  'outputData:required': 'outputData is a required prop and its URI s3://<bucket>/<prefix> is always built (the prefix defaults to "")',
  'outputData:length.min': S3_URI_MIN,
  ...tagExclusions('jobTags'),
  ...tagExclusions('customModelTags'),
  'vpcSubnets:required': 'the construct sends vpcConfig only with vpc, and then always with the subnet ids of vpc.selectSubnets(vpcSubnets), a list',
  'securityGroups:required': 'the construct sends vpcConfig only with vpc, and then always with security groups: the given ones, or one it creates',
  'customModelEncryptionKey:length.min': 'the ARN of an IKey is never empty: Key.fromKeyArn rejects an empty ARN, and keys defined in the app '
    + 'have an ARN token (checked by \'the key cases get past fromKeyArn\')',
};

/** Reachable rule ids with neither a failing case nor an exclusion. */
function uncovered(reachable: Iterable<string>, cases: object, exclusions: object): string[] {
  return [...reachable].filter((id) => !Object.prototype.hasOwnProperty.call(cases, id) && !Object.prototype.hasOwnProperty.call(exclusions, id));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The start of the message line that reports `rule` broken on the value named `label`. */
function expectedLine(label: string, rule: Rule): RegExp {
  const head = `^  ${escapeRegExp(label)} `;
  switch (rule.kind) {
    case 'length.min':
    case 'length.max':
      return new RegExp(`${head}must (be|have) at ${rule.kind === 'length.min' ? 'least' : 'most'} ${rule.bound} ${rule.unit}`, 'm');
    case 'range.min':
    case 'range.max':
      return new RegExp(`${head}must be at ${rule.kind === 'range.min' ? 'least' : 'most'} ${rule.bound} \\(got `, 'm');
    case 'pattern':
      return new RegExp(`${head}must match the pattern ${escapeRegExp(rule.pattern)} \\(got `, 'm');
    case 'enum':
      return new RegExp(`${head}must be one of ${escapeRegExp(rule.values.join(', '))} \\(got `, 'm');
    case 'required':
      return new RegExp(`${head}is required$`, 'm');
  }
}

/** A fresh stack with an imported bucket of literal name, and a job of valid props with `overrides`. */
function makeJob(overrides: (stack: Stack, bucket: s3.IBucket) => Partial<ModelCustomizationJobProps> = () => ({})) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const bucket = s3.Bucket.fromBucketName(stack, 'B', BUCKET_NAME);
  const job = new ModelCustomizationJob(stack, 'Job', {
    baseModel: BaseModel.fromModelId(VALID_MODEL),
    trainingData: TrainingData.fromBucket(bucket, 'train/data.jsonl'),
    outputData: OutputData.fromBucket(bucket, 'output/'),
    ...overrides(stack, bucket),
  });
  return { stack, job };
}

/** The error `fn` throws (fails the test when it throws none). */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('coverage of the reachable rules', () => {
  const reachable = reachableRules();

  test('the reachable rules are enumerated from the fixture', () => {
    // A guard against an enumeration that silently finds nothing.
    expect(reachable.get('jobName:length.max')).toEqual({ kind: 'length.max', shape: 'JobName', bound: 63, unit: 'character' });
    expect(reachable.get('validationData:length.max')).toMatchObject({ kind: 'length.max', bound: 10, unit: 'item' });
    expect(reachable.get('role:pattern')).toMatchObject({ kind: 'pattern', pattern: '^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+$' });
    expect(reachable.size).toBe(Object.keys(FAILING_CASES).length + Object.keys(EXCLUSIONS).length);
  });

  test('every reachable rule has a failing case or an exclusion', () => {
    expect(uncovered(reachable.keys(), FAILING_CASES, EXCLUSIONS)).toEqual([]);
  });

  test('the coverage check reports a rule with neither, and the rules of a new prop path', () => {
    const casesWithoutOne = Object.fromEntries(Object.entries(FAILING_CASES).filter(([id]) => id !== 'jobName:pattern'));
    expect(uncovered(reachable.keys(), casesWithoutOne, EXCLUSIONS)).toEqual(['jobName:pattern']);
    const withNewPath = reachableRules({ ...JOB_PROP_PATHS, customModelKmsKey: 'customModelKmsKeyId' });
    const missing = uncovered(withNewPath.keys(), FAILING_CASES, EXCLUSIONS);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((id) => id.startsWith('customModelKmsKey:'))).toBe(true);
  });

  test('no stale entries: every failing case and exclusion names a reachable rule', () => {
    const stale = [...Object.keys(FAILING_CASES), ...Object.keys(EXCLUSIONS)].filter((id) => !reachable.has(id));
    expect(stale).toEqual([]);
  });

  test('no rule is both a failing case and an exclusion', () => {
    expect(Object.keys(FAILING_CASES).filter((id) => Object.prototype.hasOwnProperty.call(EXCLUSIONS, id))).toEqual([]);
  });

  test('every exclusion gives a reason', () => {
    for (const [id, reason] of Object.entries(EXCLUSIONS)) {
      expect([id, reason.trim().length > 20]).toEqual([id, true]);
    }
  });

  test('exclusions that rest on the fixture still hold', () => {
    // Min-0 exclusions: the bound is still 0.
    for (const id of ['jobTags:length.min', 'jobTags.value:length.min', 'customModelTags:length.min', 'customModelTags.value:length.min']) {
      expect([id, bound(id)]).toEqual([id, 0]);
    }
    // S3 URI min-length exclusions: "s3://" alone already meets the bound.
    for (const id of ['trainingData:length.min', 'validationData[]:length.min', 'outputData:length.min']) {
      expect(bound(id)).toBeLessThanOrEqual('s3://'.length);
    }
    // The Customization factories give only values of the enum.
    const customizationEnum = ruleOf('customization:enum');
    expect(customizationEnum.kind).toBe('enum');
    const values = customizationEnum.kind === 'enum' ? customizationEnum.values : [];
    const stack = new Stack();
    const grader = lambda.Function.fromFunctionArn(stack, 'Grader', GRADER_ARN);
    for (const c of [
      Customization.fineTuning(), Customization.continuedPreTraining(),
      Customization.distillation({ teacherModel: TEACHER }), Customization.reinforcementFineTuning({ grader }),
    ]) {
      expect(values).toContain(c.customizationType);
    }
    // The ReasoningEffort enum has exactly the model's values.
    const effort = ruleOf('customization.hyperParameters.reasoningEffort:enum');
    expect(effort.kind === 'enum' ? [...effort.values].sort() : []).toEqual(Object.values(ReasoningEffort).sort());
    // Each condition's map holds exactly one entry, and values may be empty.
    for (const position of FILTER_POSITIONS) {
      const id = `trainingData.filter.${position}`;
      expect([id, bound(`${id}:length.min`), bound(`${id}:length.max`), bound(`${id}.value:length.min`)]).toEqual([id, 1, 1, 0]);
    }
    expect(bound('trainingData.invocationLogs:length.min')).toBeLessThanOrEqual('s3://'.length);
  });
});

describe('failing cases', () => {
  test.each(Object.keys(FAILING_CASES))('%s', (id) => {
    const { label, props } = FAILING_CASES[id];
    const prop = id.slice(0, id.indexOf(':')).replace(/[.[].*$/, '');
    expect(label.startsWith(prop)).toBe(true);
    const error = errorOf(() => makeJob(props));
    expect(error.message).toMatch(/^Stack\/Job: invalid props:\n/);
    expect(error.message).toMatch(expectedLine(label, ruleOf(id)));
  });

  test('the role cases get past fromRoleArn, so the job\'s validation is what rejects them', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => iam.Role.fromRoleArn(stack, 'User', `arn:aws:iam::${ENV.account}:user/x`, { mutable: false })).not.toThrow();
    expect(() => iam.Role.fromRoleArn(stack, 'Long', longRoleArn('role:length.max'), { mutable: false })).not.toThrow();
  });

  test('the key cases get past fromKeyArn, and an empty key ARN does not', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => kms.Key.fromKeyArn(stack, 'Short', `${KEY_ARN_PREFIX}short`)).not.toThrow();
    expect(() => kms.Key.fromKeyArn(stack, 'Long', KEY_ARN_PREFIX + 'k'.repeat(3000))).not.toThrow();
    expect(() => kms.Key.fromKeyArn(stack, 'Empty', '')).toThrow();
  });

  // The tag list is checked shallowly, so a tag is reported once, by its key (not by its index in the sorted list).
  test('a bad tag key or value is reported once, under the label naming the key', () => {
    const error = errorOf(() => makeJob(() => ({ jobTags: { 'team#1': 'ok' }, customModelTags: { k: 'ml#1' } })));
    const lines = error.message.split('\n').slice(1);
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}jobTags key "team#1" must match the pattern /),
      expect.stringMatching(/^ {2}customModelTags\["k"\] must match the pattern /),
    ]);
  });
});

describe('valid props', () => {
  test('props at the fixture\'s bounds construct fine', () => {
    const { stack } = makeJob((s, bucket) => ({
      jobName: 'a'.repeat(bound('jobName:length.max')),
      customModelName: 'm'.repeat(bound('customModelName:length.max')),
      customization: Customization.continuedPreTraining(),
      role: iam.Role.fromRoleArn(s, 'R', `arn:aws:iam::${ENV.account}:role/service-role/bedrock`, { mutable: false }),
      validationData: Array.from({ length: bound('validationData:length.max') }, (_, i) => ValidationData.fromBucket(bucket, `val/v${i}.jsonl`)),
      outputData: OutputData.fromBucket(bucket),
      hyperParameters: { epochCount: '2' },
      // The service accepts 50 tags per resource, fewer than the model's list bound (see the next test).
      jobTags: manyTags(MAX_TAGS_PER_RESOURCE),
      customModelTags: { ['k'.repeat(bound('customModelTags.key:length.max'))]: 'v'.repeat(bound('customModelTags.value:length.max')), empty: '' },
    }));
    const resource = Object.values(Template.fromStack(stack).findResources('Custom::BedrockModelCustomizationJob'))[0] as any;
    expect(resource.Properties.jobName).toBe('a'.repeat(63));
    expect(resource.Properties.validationDataS3Uris).toHaveLength(10);
    expect(resource.Properties.outputDataS3Uri).toBe(`s3://${BUCKET_NAME}/`);
  });
});

describe('valid network and key props', () => {
  test('16 subnets, 5 security groups and a key ARN construct fine', () => {
    const { stack } = makeJob((s) => ({
      vpc: vpcOf(s),
      vpcSubnets: { subnets: subnets(s, ids('subnet', bound('vpcSubnets:length.max'))) },
      securityGroups: securityGroups(s, ids('sg', bound('securityGroups:length.max'))),
      customModelEncryptionKey: keyOf(s, `${KEY_ARN_PREFIX}${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`),
    }));
    const resource = Object.values(Template.fromStack(stack).findResources('Custom::BedrockModelCustomizationJob'))[0] as any;
    expect(resource.Properties.vpcConfig.subnetIds).toHaveLength(16);
    expect(resource.Properties.vpcConfig.securityGroupIds).toEqual(ids('sg', 5));
    expect(resource.Properties.customModelKmsKeyId).toBe(`${KEY_ARN_PREFIX}00000000-0000-0000-0000-000000000000`);
  });
});

describe('customizations and invocation logs', () => {
  test('values at the bounds of the API\'s ranges and lists construct fine', () => {
    const { stack } = makeJob((st) => rft(st, {
      epochCount: 50,
      batchSize: 16,
      learningRate: 1e-7,
      trainingSamplePerPrompt: 16,
      evalInterval: 1,
      maxPromptLength: 4096,
      inferenceMaxTokens: 8192,
      reasoningEffort: ReasoningEffort.HIGH,
    }));
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelCustomizationJob', {
      reinforcementFineTuning: { graderLambdaArn: GRADER_ARN, hyperParameters: { epochCount: 50, learningRate: 1e-7, reasoningEffort: 'high' } },
    });
    const conditions = Array.from({ length: bound('trainingData.filter.orAll:length.max') }, (_, i) => MetadataFilter.stringNotEquals(`k${i}`, ''));
    expect(() => makeJob((_, bucket) => fromLogs(bucket, MetadataFilter.orAll(conditions), ''))).not.toThrow();
  });

  test('integer hyperparameters and maxResponseLength must be integers', () => {
    const error = errorOf(() => makeJob((st) => rft(st, { epochCount: 2.5, batchSize: 32 })));
    expect(error.message.split('\n').slice(1)).toEqual(['  customization.hyperParameters.epochCount must be an integer (got 2.5)']);
    const customization = Customization.distillation({ teacherModel: TEACHER, maxResponseLength: 0.5 });
    const distillation = errorOf(() => makeJob(() => ({ customization })));
    expect(distillation.message).toMatch(/^ {2}customization\.maxResponseLength must be an integer \(got 0\.5\)$/m);
  });

  test('invocation logs train a distillation or a reinforcement fine-tuning only', () => {
    const error = errorOf(() => makeJob((_, bucket) => ({ trainingData: TrainingData.fromInvocationLogs(bucket, 'logs/') })));
    expect(error.message).toContain(
      'trainingData from invocation logs needs Customization.distillation() or Customization.reinforcementFineTuning() (got FINE_TUNING)',
    );
    expect(() => makeJob((st, bucket) => ({ ...rft(st), trainingData: TrainingData.fromInvocationLogs(bucket, 'logs/') }))).not.toThrow();
  });

  test('filters are flat: andAll and orAll take conditions only', () => {
    const inner = MetadataFilter.orAll([MetadataFilter.stringEquals('a', 'b')]);
    expect(() => MetadataFilter.andAll([MetadataFilter.stringEquals('k', 'v'), inner])).toThrow(
      'MetadataFilter.andAll: filters[1] combines filters itself; Bedrock\'s filters are flat, so andAll and orAll take only stringEquals and stringNotEquals filters. Give ',
    );
    expect(() => MetadataFilter.orAll([MetadataFilter.andAll([MetadataFilter.stringEquals('a', 'b')])])).toThrow(/^MetadataFilter\.orAll: filters\[0\]/);
  });

  test('a grader and a teacher known only at deploy time are skipped', () => {
    expect(() => makeJob((st) => {
      const grader = new lambda.Function(st, 'G', {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      });
      return { customization: Customization.reinforcementFineTuning({ grader }) };
    })).not.toThrow();
    expect(() => makeJob(() => ({
      customization: Customization.distillation({ teacherModel: TeacherModel.fromModelId(Lazy.string({ produce: () => 'x' })) }),
    }))).not.toThrow();
  });
});

describe('rules the model does not state', () => {
  test('at most 50 tags per resource, though the model allows lists of 200', () => {
    expect(bound('jobTags:length.max')).toBeGreaterThan(MAX_TAGS_PER_RESOURCE);
    const error = errorOf(() => makeJob(() => ({ customModelTags: manyTags(MAX_TAGS_PER_RESOURCE + 1) })));
    expect(error.message).toContain(`customModelTags must have at most ${MAX_TAGS_PER_RESOURCE} tags, the most Bedrock accepts on one resource (got 51)`);
  });
});

describe('values known only at deploy time', () => {
  test('a created bucket and a lazy jobName are skipped', () => {
    const { stack } = makeJob((s) => {
      const created = new s3.Bucket(s, 'Created');
      return {
        jobName: Lazy.string({ produce: () => 'lazy-job' }),
        trainingData: TrainingData.fromBucket(created, 'train/data.jsonl'),
        validationData: [ValidationData.fromBucket(created, 'val/v.jsonl')],
        outputData: OutputData.fromBucket(created, 'out/'),
      };
    });
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelCustomizationJob', {
      jobName: 'lazy-job',
      trainingDataS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Created') }, '/train/data.jsonl']] },
    });
  });

  test('a bad key in a created bucket still throws: the key is checked with a stand-in bucket name', () => {
    const error = errorOf(() => makeJob((s) => ({ trainingData: TrainingData.fromBucket(new s3.Bucket(s, 'Created'), 'bad key#.jsonl') })));
    expect(error.message).toMatch(expectedLine('trainingData', ruleOf('trainingData:pattern')));
    expect(error.message).toMatch(/\(got "s3:\/\/[a-z0-9][-.a-z0-9]+\/bad key#\.jsonl"\)/);
  });
});

test('all violations are reported together in one error', () => {
  const error = errorOf(() => makeJob((_, bucket) => ({
    jobName: tooLong('jobName:length.max'),
    trainingData: TrainingData.fromBucket(bucket, 'bad key#.jsonl'),
  })));
  expect(error.message).toMatch(/^ {2}jobName must be at most 63 characters \(got 64\)$/m);
  expect(error.message).toMatch(/^ {2}trainingData must match the pattern /m);
  expect(error.message.split('\n')).toHaveLength(3);
});
