/*
 * The example app's grader: one reward per sample, from 0 to 1, keyed by the sample's id.
 */
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require(path.join(__dirname, '..', 'examples', 'grader', 'index.js')) as {
  handler: (samples: unknown[]) => Promise<Array<{ id: string; aggregate_reward_score: number; metrics_list: unknown[] }>>;
};

const sample = (id: string, response: string, reference: unknown) => ({
  id,
  messages: [{ role: 'user', content: 'Which port does HTTPS use?' }, { role: 'assistant', content: response }],
  reference_answer: reference,
});

test('rewards a response that contains the reference answer, and a concise one a little', async () => {
  const rewards = await handler([
    sample('a', 'HTTPS uses port 443.', '443'),
    sample('b', 'Port 80.', '443'),
    sample('c', `${'x'.repeat(2001)} 443`, '443'),
  ]);
  expect(rewards.map((r) => [r.id, r.aggregate_reward_score])).toEqual([['a', 1], ['b', 0.1], ['c', 0.9]]);
  expect(rewards[0].metrics_list).toEqual([{ name: 'correct', value: 1, type: 'Reward' }, { name: 'concise', value: 1, type: 'Metric' }]);
});

test('a structured reference answer is compared as JSON, and an empty one rewards nothing for correctness', async () => {
  const [structured, empty] = await handler([sample('s', 'The answer is {"port":443}', { port: 443 }), sample('e', 'anything', undefined)]);
  expect(structured.aggregate_reward_score).toBe(1);
  expect(empty.aggregate_reward_score).toBeCloseTo(0.1);
});
