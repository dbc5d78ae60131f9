import { CREATE_FAILED_PLACEHOLDER, CREATE_REQUEST_ID, JOB_ARN } from './fixtures';
import { JOB } from '../../lambda/model-customization-job/properties';
import { IMPORT } from '../../lambda/nova-model-import/properties';

const DIGEST = '0123456789abcdef';
const EXTRA = 'fedcba9876543210';
const MODEL_ARN = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';

describe('physical id', () => {
  test('round-trips the ARN, seed and digest', () => {
    const id = JOB.physicalId.format({ arn: JOB_ARN, seed: '0a1b2c3d', digest: DIGEST });
    expect(id).toBe(`${JOB_ARN}#0a1b2c3d#${DIGEST}`);
    expect(JOB.physicalId.parse(id)).toEqual({ arn: JOB_ARN, seed: '0a1b2c3d', digest: DIGEST });
  });

  test('round-trips a kind\'s extra digest and the pending mark, which confirmed() drops', () => {
    const id = JOB.physicalId.format({ arn: JOB_ARN, seed: '0a1b2c3d', digest: DIGEST, extra: EXTRA, pending: true });
    expect(id).toBe(`${JOB_ARN}#0a1b2c3d#${DIGEST}#${EXTRA}#pending`);
    const parsed = JOB.physicalId.parse(id)!;
    expect(parsed).toEqual({ arn: JOB_ARN, seed: '0a1b2c3d', digest: DIGEST, extra: EXTRA, pending: true });
    expect(JOB.physicalId.confirmed(parsed)).toBe(`${JOB_ARN}#0a1b2c3d#${DIGEST}#${EXTRA}`);
    expect(JOB.physicalId.parse(`${MODEL_ARN}#0a1b2c3d#${DIGEST}#pending`)).toBeUndefined();
    expect(IMPORT.physicalId.parse(`${MODEL_ARN}#0a1b2c3d#${DIGEST}#pending`)).toEqual({ arn: MODEL_ARN, seed: '0a1b2c3d', digest: DIGEST, pending: true });
  });

  test('accepts other partitions', () => {
    const arn = 'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:model-customization-job/amazon.titan-text-lite-v1:0:4k/abcdefghijkl';
    expect(JOB.physicalId.parse(`${arn}#ffffffff#${DIGEST}`)).toEqual({ arn, seed: 'ffffffff', digest: DIGEST });
  });

  test.each([
    ['the framework placeholder after a failed create', CREATE_FAILED_PLACEHOLDER],
    ['a RequestId (the framework default)', CREATE_REQUEST_ID],
    ['a bare job ARN', JOB_ARN],
    ['a job ARN and seed without digest', `${JOB_ARN}#0a1b2c3d`],
    ['a bad seed', `${JOB_ARN}#XYZ#${DIGEST}`],
    ['a bad digest', `${JOB_ARN}#0a1b2c3d#0123`],
    ['a bad extra digest', `${JOB_ARN}#0a1b2c3d#${DIGEST}#extra`],
    ['too many parts', `${JOB_ARN}#0a1b2c3d#${DIGEST}#${EXTRA}#${EXTRA}`],
    ['only a pending mark', `${JOB_ARN}#pending`],
    ['another kind\'s ARN', `${MODEL_ARN}#0a1b2c3d#${DIGEST}`],
    ['nothing', undefined],
  ])('names no job for %s', (_label, id) => {
    expect(JOB.physicalId.parse(id)).toBeUndefined();
  });
});
