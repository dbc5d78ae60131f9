/*
 * Bedrock's failure messages can be long, and CloudFormation drops a custom
 * resource's response over 4,096 bytes ("Response object is too long."),
 * which would hide the message: the handlers bound it, and the deployment
 * fails with its start.
 */
import { Duration } from 'aws-cdk-lib';
import { useLifecycle } from './harness';
import type { Exchange } from '../../emulator/cloudformation';
import { jobStack } from '../model-customization-job/lifecycle-stacks';
import { importStack } from '../nova-model-import/lifecycle-stacks';

const lifecycle = useLifecycle();

/** CloudFormation's limit on a response body. */
const MAX_RESPONSE_BYTES = 4096;

/** 2,000 characters of one line, some of them of several bytes in UTF-8. */
const FAILURE_MESSAGE = 'Record 17 of train/data.jsonl: the field “prompt” is missing or empty. '.repeat(40).slice(0, 2_000);

/** The response CloudFormation received for the request that failed. */
function failedResponse(exchanges: readonly Exchange[]): { readonly bytes: number; readonly reason: string } {
  const failed = exchanges.find((e) => e.outcome.status === 'FAILED')!;
  const body = failed.responses[0].body;
  return { bytes: Buffer.byteLength(body), reason: (JSON.parse(body) as { Reason: string }).Reason };
}

test('a waited-on job that fails with a long message fails the deployment with the start of it', async () => {
  const { emulator } = lifecycle;
  emulator.jobs.defaultPlan = { outcome: { status: 'Failed', failureMessage: FAILURE_MESSAGE } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = jobStack({ completionTimeout: Duration.minutes(30) });

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`Message returned: ${FAILURE_MESSAGE.slice(0, 500)}`);
  const response = failedResponse(engine.exchanges(logicalId));
  expect(response.bytes).toBeLessThan(MAX_RESPONSE_BYTES);
  // The first line is the bounded message: Bedrock's, marked as cut, then which job failed.
  expect(response.reason.split('\n')[0]).toMatch(/^Record 17 of train\/data\.jsonl: .*… \(model customization job arn:aws:bedrock:\S+ Failed\)$/);
});

test('an import that fails with a long message fails the deployment with the start of it', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.defaultPlan = { outcome: { status: 'Failed', failureMessage: FAILURE_MESSAGE } };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = importStack();

  const result = await engine.deploy(artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain(`Message returned: ${FAILURE_MESSAGE.slice(0, 500)}`);
  const response = failedResponse(engine.exchanges(logicalId));
  expect(response.bytes).toBeLessThan(MAX_RESPONSE_BYTES);
  expect(response.reason.split('\n')[0]).toMatch(/^Record 17 of train\/data\.jsonl: .*… \(custom model arn:aws:bedrock:\S+ Failed\)$/);
});

describe('the API model', () => {
  test('no request in this file broke one of its rules', () => {
    expect(lifecycle.violations).toEqual([]);
  });
});
