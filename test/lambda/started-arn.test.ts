import { PhysicalId, queuedArn } from '../../lambda/shared/physical-id';
import { startedArn } from '../../lambda/shared/queued-create';

const ARN = 'arn:aws:bedrock:us-east-1:123456789012:model-import-job/abcdefghijkl';
const id = (arn: string): PhysicalId => ({ arn, seed: '0a1b2c3d', digest: 'd', pending: false });

test('a started create has its ARN: nothing is read', async () => {
  const read = jest.fn();
  await expect(startedArn(id(ARN), 'model import job', read)).resolves.toBe(ARN);
  expect(read).not.toHaveBeenCalled();
});

test('a queued create is read by its name, once it has started', async () => {
  const read = jest.fn(async () => ARN);
  await expect(startedArn(id(queuedArn('llama-import')), 'model import job', read)).resolves.toBe(ARN);
  expect(read).toHaveBeenCalledWith('llama-import');
});

test('a queued create that has not started is an error naming it', async () => {
  await expect(startedArn(id(queuedArn('llama-import')), 'model import job', async () => undefined))
    .rejects.toThrow("Model import job 'llama-import' has not started: it still waits for a free Bedrock slot");
});
