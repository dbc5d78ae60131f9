/*
 * The table the job-props tests check the fixture's rules against: for every
 * rule reachable from the props (JOB_PROP_PATHS x rulesAt), props that break
 * it (FAILING_CASES) or the reason it cannot be broken (EXCLUSIONS).
 */
import { Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import {
  ENV, GRADER_ARN, KEY_ARN_PREFIX, bound, fromLogs, ids, keyOf, longRoleArn, manyTags, rft, securityGroups, subnets, tooLong,
  tooLongKey, vpcOf,
} from './props-helpers';
import {
  BaseModel, Customization, MetadataFilter, ModelCustomizationJobProps, OutputData, ReinforcementFineTuningHyperParameters,
  TeacherModel, TrainingData, ValidationData,
} from '../../src';

/** Props that break one rule, built in the case's own stack. */
export interface FailingCase {
  /** How the error names the prop: starts with the prop's name. */
  readonly label: string;
  readonly props: (stack: Stack, bucket: s3.IBucket) => Partial<ModelCustomizationJobProps>;
}

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

function tagExclusions(kind: 'jobTags' | 'customModelTags'): Record<string, string> {
  return {
    [`${kind}:length.min`]: `min 0 items cannot be violated (and an empty ${kind} object sends no tags)`,
    [`${kind}.key:required`]: TYPED_TAGS,
    [`${kind}.value:required`]: TYPED_TAGS,
    [`${kind}.value:length.min`]: 'min 0 characters cannot be violated',
  };
}

/** Where a condition sits in the filter: alone, or inside andAll / orAll. */
export const FILTER_POSITIONS = ['equals', 'notEquals', 'andAll[].equals', 'andAll[].notEquals', 'orAll[].equals', 'orAll[].notEquals'] as const;
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

export const FAILING_CASES: Record<string, FailingCase> = {
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

export const EXCLUSIONS: Record<string, string> = {
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
