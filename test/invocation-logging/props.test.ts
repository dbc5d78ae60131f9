/*
 * Synth-time validation of InvocationLogging props, driven by the constraints
 * fixture. Every rule reachable from the props (LOGGING_PROP_PATHS x rulesAt)
 * must have a failing case below or a written exclusion.
 */
import { App, Lazy, Stack, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { InvocationLogging, InvocationLoggingProps } from '../../src';
import { ENV, kindTable, lengthRules, reachableRules as rulesOf } from '../validation/rule-coverage';

const reachableRules = () => rulesOf(kindTable('logging'));
const { bound } = lengthRules(reachableRules);

const bucket = (stack: Stack, name: string) => s3.Bucket.fromBucketName(stack, `B${name.length}`, name);
const group = (stack: Stack, name: string) => logs.LogGroup.fromLogGroupName(stack, 'G', name);

interface FailingCase {
  readonly label: string;
  readonly props: (stack: Stack) => InvocationLoggingProps;
}

const FAILING: Record<string, FailingCase> = {
  's3.keyPrefix:length.max': { label: 's3.keyPrefix', props: () => ({ s3: { keyPrefix: 'p'.repeat(bound('s3.keyPrefix:length.max') + 1) } }) },
  'cloudWatch.logGroup:length.min': { label: 'cloudWatch.logGroup (its name)', props: (s) => ({ cloudWatch: { logGroup: group(s, '') } }) },
  'cloudWatch.logGroup:length.max': {
    label: 'cloudWatch.logGroup (its name)',
    props: (s) => ({ cloudWatch: { logGroup: group(s, 'g'.repeat(bound('cloudWatch.logGroup:length.max') + 1)) } }),
  },
  'cloudWatch.largeDataKeyPrefix:length.max': {
    label: 'cloudWatch.largeDataKeyPrefix',
    props: (s) => ({ cloudWatch: { largeDataBucket: bucket(s, 'large'), largeDataKeyPrefix: 'p'.repeat(bound('cloudWatch.largeDataKeyPrefix:length.max') + 1) } }),
  },
};

const ALWAYS_SET = 'the construct always sets it when the destination is configured';
/** aws-cdk-lib refuses such a bucket name itself (checked below), before the construct sees it. */
const CDK_BUCKET_NAMES = 'aws-cdk-lib\'s s3.Bucket refuses bucket names outside 3-63 characters';
const EXCLUDED: Record<string, string> = {
  's3.bucket:length.min': CDK_BUCKET_NAMES,
  's3.bucket:length.max': CDK_BUCKET_NAMES,
  'cloudWatch.largeDataBucket:length.min': CDK_BUCKET_NAMES,
  'cloudWatch.largeDataBucket:length.max': CDK_BUCKET_NAMES,
  's3.bucket:required': ALWAYS_SET,
  'cloudWatch.logGroup:required': ALWAYS_SET,
  'cloudWatch.largeDataBucket:required': 'set whenever largeDataDeliveryS3Config is sent (only with largeDataBucket)',
};

function make(props: (stack: Stack) => InvocationLoggingProps): void {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  new InvocationLogging(stack, 'Logging', props(stack));
}

function errorOf(f: () => void): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('coverage of the fixture\'s rules', () => {
  test('every reachable rule has a failing case or an exclusion', () => {
    const missing = [...reachableRules().keys()].filter((id) => !(id in FAILING) && !(id in EXCLUDED));
    expect(missing).toEqual([]);
  });

  test('no stale entries', () => {
    const reachable = reachableRules();
    expect([...Object.keys(FAILING), ...Object.keys(EXCLUDED)].filter((id) => !reachable.has(id))).toEqual([]);
  });
});

describe.each(Object.entries(FAILING))('%s', (id, { label, props }) => {
  test('fails with a message that names the prop and the rule', () => {
    const error = errorOf(() => make(props));
    expect(error.message.split('\n')[0]).toBe('Stack/Logging: invalid props:');
    const kind = reachableRules().get(id)!.kind;
    const rule = kind === 'length.min' ? 'must be at least' : 'must be at most';
    expect(error.message).toContain(`  ${label} ${rule} ${bound(id)} character`);
  });
});

test('bucket names outside the fixture\'s bounds never reach the construct', () => {
  for (const id of ['s3.bucket', 'cloudWatch.largeDataBucket']) {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => bucket(stack, 'b'.repeat(bound(`${id}:length.min`) - 1))).toThrow(/^Invalid S3 bucket name/);
    expect(() => bucket(stack, 'b'.repeat(bound(`${id}:length.max`) + 1))).toThrow(/^Invalid S3 bucket name/);
  }
});

describe('valid values', () => {
  test('values at the bounds construct fine', () => {
    expect(() => make((s) => ({
      s3: { bucket: bucket(s, 'b'.repeat(bound('s3.bucket:length.max'))), keyPrefix: 'p'.repeat(bound('s3.keyPrefix:length.max')) },
      cloudWatch: { logGroup: group(s, 'g'.repeat(bound('cloudWatch.logGroup:length.max'))), largeDataBucket: bucket(s, 'b'.repeat(bound('s3.bucket:length.min'))) },
    }))).not.toThrow();
  });

  test('a trailing slash is not sent, so it does not count toward the length bound', () => {
    expect(() => make((s) => ({
      s3: { keyPrefix: `${'p'.repeat(bound('s3.keyPrefix:length.max'))}/` },
      cloudWatch: { largeDataBucket: bucket(s, 'large'), largeDataKeyPrefix: `${'p'.repeat(bound('cloudWatch.largeDataKeyPrefix:length.max'))}/` },
    }))).not.toThrow();
  });

  test('values known only at deploy time are skipped', () => {
    expect(() => make(() => ({ s3: { keyPrefix: Lazy.string({ produce: () => 'p'.repeat(2000) }) }, cloudWatch: {} }))).not.toThrow();
  });
});
