import { CREATE_FAILED_PLACEHOLDER, CREATE_REQUEST_ID, JOB_ARN } from './fixtures';
import { formatPhysicalId, parsePhysicalId } from '../../lambda/model-customization-job/physical-id';

describe('physical id', () => {
  test('round-trips the job ARN and seed', () => {
    const id = formatPhysicalId(JOB_ARN, '0a1b2c3d');
    expect(id).toBe(`${JOB_ARN}#0a1b2c3d`);
    expect(parsePhysicalId(id)).toEqual({ jobArn: JOB_ARN, seed: '0a1b2c3d' });
  });

  test('accepts other partitions', () => {
    const arn = 'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:model-customization-job/amazon.titan-text-lite-v1:0:4k/abcdefghijkl';
    expect(parsePhysicalId(`${arn}#ffffffff`)).toEqual({ jobArn: arn, seed: 'ffffffff' });
  });

  test.each([
    ['the framework placeholder after a failed create', CREATE_FAILED_PLACEHOLDER],
    ['a RequestId (the framework default)', CREATE_REQUEST_ID],
    ['a bare job ARN', JOB_ARN],
    ['a bad seed', `${JOB_ARN}#XYZ`],
    ['another ARN', 'arn:aws:bedrock:us-east-1:123456789012:custom-model/x.y/abcdefghijkl#0a1b2c3d'],
    ['nothing', undefined],
  ])('names no job for %s', (_label, id) => {
    expect(parsePhysicalId(id)).toBeUndefined();
  });
});
