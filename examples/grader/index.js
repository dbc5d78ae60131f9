/*
 * The reward function of the example app's reinforcement fine-tuning.
 *
 * Bedrock sends a list of samples: the conversation, whose last message is the
 * model's response, and the training record's `reference_answer`. It takes
 * back one reward per sample, from 0 to 1. This grader rewards a response
 * that contains the reference answer, and a short response a little more.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/reward-functions.html
 */
'use strict';

/** @param {Array<{ id: string, messages: Array<{ role: string, content: string }>, reference_answer?: unknown }>} samples */
exports.handler = async (samples) => samples.map((sample) => {
  const response = String(sample.messages[sample.messages.length - 1]?.content ?? '');
  const reference = typeof sample.reference_answer === 'string' ? sample.reference_answer : JSON.stringify(sample.reference_answer ?? '');
  const correct = reference !== '' && response.toLowerCase().includes(reference.toLowerCase()) ? 1 : 0;
  const concise = response.length <= 2000 ? 1 : 0;
  return {
    id: sample.id,
    aggregate_reward_score: 0.9 * correct + 0.1 * concise,
    metrics_list: [
      { name: 'correct', value: correct, type: 'Reward' },
      { name: 'concise', value: concise, type: 'Metric' },
    ],
  };
});
