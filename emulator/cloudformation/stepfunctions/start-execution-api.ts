/*
 * Step Functions' StartExecution over HTTP (awsJson1_0, X-Amz-Target
 * AWSStepFunctions.StartExecution), as a function that starts a waiter by
 * itself sends it (the integ-tests assertion provider's waitForAssertions):
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html.
 * The execution runs as the Provider framework's do: queued, run while
 * CloudFormation waits for the custom resource's answer.
 */
import type { LocalStepFunctions } from './local-step-functions';
import type { ApiAnswer } from '../eventbridge/api';

export const STEP_FUNCTIONS_TARGET_PREFIX = 'AWSStepFunctions.';

export async function answerStepFunctions(stepFunctions: LocalStepFunctions, operation: string, body: string): Promise<ApiAnswer> {
  if (operation !== 'StartExecution') return error('UnknownOperationException', `The local engine serves StartExecution only, not ${operation}`);
  const request = JSON.parse(body || '{}') as { stateMachineArn?: string; name?: string; input?: string };
  try {
    const { executionArn, startDate } = await stepFunctions.startExecution({ stateMachineArn: request.stateMachineArn ?? '', name: request.name, input: request.input });
    return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ executionArn, startDate: startDate.getTime() / 1000 }) };
  } catch (e) {
    return error((e as Error).name, (e as Error).message);
  }
}

function error(type: string, message: string): ApiAnswer {
  return { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify({ __type: type, message }) };
}
