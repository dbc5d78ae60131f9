import { CREATE_FAILED_PLACEHOLDER, CREATE_REQUEST_ID, JOB_ARN } from './fixtures';
import { formatPhysicalId, parsePhysicalId } from '../../lambda/model-customization-job/physical-id';

const DIGEST = '0123456789abcdef';

describe('physical id', () => {
  test('round-trips the job ARN, seed and digest', () => {
    const id = formatPhysicalId({ jobArn: JOB_ARN, seed: '0a1b2c3d', digest: DIGEST });
    expect(id).toBe(`${JOB_ARN}#0a1b2c3d#${DIGEST}`);
    expect(parsePhysicalId(id)).toEqual({ jobArn: JOB_ARN, seed: '0a1b2c3d', digest: DIGEST });
  });

  test('accepts other partitions', () => {
    const arn = 'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:model-customization-job/amazon.titan-text-lite-v1:0:4k/abcdefghijkl';
    expect(parsePhysicalId(`${arn}#ffffffff#${DIGEST}`)).toEqual({ jobArn: arn, seed: 'ffffffff', digest: DIGEST });
  });

  test.each([
    ['the framework placeholder after a failed create', CREATE_FAILED_PLACEHOLDER],
    ['a RequestId (the framework default)', CREATE_REQUEST_ID],
    ['a bare job ARN', JOB_ARN],
    ['a job ARN and seed without digest', `${JOB_ARN}#0a1b2c3d`],
    ['a bad seed', `${JOB_ARN}#XYZ#${DIGEST}`],
    ['a bad digest', `${JOB_ARN}#0a1b2c3d#0123`],
    ['another ARN', `arn:aws:bedrock:us-east-1:123456789012:custom-model/x.y/abcdefghijkl#0a1b2c3d#${DIGEST}`],
    ['nothing', undefined],
  ])('names no job for %s', (_label, id) => {
    expect(parsePhysicalId(id)).toBeUndefined();
  });
});
