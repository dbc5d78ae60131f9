/*
 * What the job-props tests share: the rules reachable from the props, the
 * builders of props, and a job made of valid props with overrides.
 */
import { App, Stack, aws_ec2 as ec2, aws_kms as kms, aws_lambda as lambda, aws_s3 as s3 } from 'aws-cdk-lib';
import {
  BaseModel, Customization, MetadataFilter, ModelCustomizationJob, ModelCustomizationJobProps, OutputData,
  ReinforcementFineTuningHyperParameters, TeacherModel, TrainingData,
} from '../../src';
import { JOB_PROP_PATHS, JOB_REQUEST } from '../../src/contract/kinds/job';
import { Rule, rulesAt } from '../../src/contract/validation';

export const ENV = { account: '123456789012', region: 'us-east-1' };
export const BUCKET_NAME = 'literal-bucket';
const VALID_MODEL = 'amazon.titan-text-express-v1:0:8k';

export type PropPaths = Readonly<Record<string, string>>;

/** `${prop}:${rule.kind}` for every rule at every prop's request path, with the rule. */
export function reachableRules(paths: PropPaths = JOB_PROP_PATHS): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  for (const [prop, path] of Object.entries(paths)) {
    for (const rule of rulesAt(JOB_REQUEST, path)) {
      rules.set(`${prop}:${rule.kind}`, rule);
    }
  }
  return rules;
}

/** The rule a reachable id names (throws on a stale id, which 'no stale entries' reports first). */
export function ruleOf(id: string): Rule {
  const rule = reachableRules().get(id);
  if (!rule) throw new Error(`${id} is not a reachable rule`);
  return rule;
}

/** A bound of a reachable length rule, so that the cases follow the fixture. */
export function bound(id: string): number {
  const rule = ruleOf(id);
  if (rule.kind !== 'length.min' && rule.kind !== 'length.max') throw new Error(`${id} is not a length rule`);
  return rule.bound;
}

export const tooLong = (id: string, char = 'a') => char.repeat(bound(id) + 1);
/** An S3 key that makes `s3://literal-bucket/<key>` one character longer than the rule allows. */
export const tooLongKey = (id: string) => 'k'.repeat(bound(id) + 1 - `s3://${BUCKET_NAME}/`.length);
/** n tags, all valid. */
export const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));
export const longRoleArn = (id: string) => {
  const prefix = `arn:aws:iam::${ENV.account}:role/`;
  return prefix + 'r'.repeat(bound(id) + 1 - prefix.length);
};

/** An imported VPC with one private subnet, for the network cases. */
export const vpcOf = (stack: Stack) => ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-1'] });
export const subnets = (stack: Stack, ids: string[]) => ids.map((id, i) => ec2.Subnet.fromSubnetId(stack, `Subnet${i}`, id));
export const securityGroups = (stack: Stack, ids: string[]) => ids.map((id, i) => ec2.SecurityGroup.fromSecurityGroupId(stack, `Group${i}`, id));
export const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
/** A key ARN whose key id makes the ARN one character longer than the rule allows. */
export const KEY_ARN_PREFIX = `arn:aws:kms:${ENV.region}:${ENV.account}:key/`;
export const keyOf = (stack: Stack, arn: string) => kms.Key.fromKeyArn(stack, 'Key', arn);

export const GRADER_ARN = `arn:aws:lambda:${ENV.region}:${ENV.account}:function:grader`;
export const TEACHER = TeacherModel.fromModelId('amazon.nova-pro-v1:0');

/** Reinforcement fine-tuning with a grader of literal ARN (checked) and these hyperparameters. */
export function rft(
  stack: Stack, hyperParameters?: ReinforcementFineTuningHyperParameters, graderArn = GRADER_ARN,
): Partial<ModelCustomizationJobProps> {
  // fromFunctionAttributes takes any string, even one fromFunctionArn would refuse.
  const grader = lambda.Function.fromFunctionAttributes(stack, 'Grader', { functionArn: graderArn, sameEnvironment: true });
  return { customization: Customization.reinforcementFineTuning({ grader, hyperParameters }) };
}

/** Distillation from invocation logs under logs/ with this filter. */
export function fromLogs(bucket: s3.IBucket, filter?: MetadataFilter, prefix = 'logs/'): Partial<ModelCustomizationJobProps> {
  return {
    customization: Customization.distillation({ teacherModel: TEACHER }),
    trainingData: TrainingData.fromInvocationLogs(bucket, prefix, { filter }),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The start of the message line that reports `rule` broken on the value named `label`. */
export function expectedLine(label: string, rule: Rule): RegExp {
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
export function makeJob(overrides: (stack: Stack, bucket: s3.IBucket) => Partial<ModelCustomizationJobProps> = () => ({})) {
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
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but none was thrown');
}
