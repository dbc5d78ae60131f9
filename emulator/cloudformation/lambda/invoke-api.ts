/*
 * Lambda's Invoke over HTTP, as the SDK's LambdaClient sends it
 * (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html):
 * POST /2015-03-31/functions/<name or ARN>/invocations, the payload as the
 * body, X-Amz-Invocation-Type RequestResponse (default) or Event. A function
 * error is 200 with X-Amz-Function-Error and the error payload; a function
 * that is not deployed is 404 ResourceNotFoundException.
 */
import type { InvocationType, LocalLambda } from './local-lambda';
import type { ApiAnswer } from '../eventbridge/api';

export const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export async function answerInvoke(lambda: LocalLambda, path: string, invocationType: string | undefined, body: string): Promise<ApiAnswer> {
  const target = decodeURIComponent(INVOKE_PATH.exec(path.split('?')[0])![1]);
  const type = invocationType ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event') {
    return error(400, 'InvalidParameterValueException', `Invocation type ${type} is not served locally (RequestResponse or Event)`);
  }
  if (!lambda.find(target)) return error(404, 'ResourceNotFoundException', `Function not found: ${target}`);
  const output = await lambda.invokeOverHttp(target, body, type as InvocationType);
  return {
    status: output.StatusCode,
    headers: {
      'content-type': 'application/json',
      'x-amz-executed-version': output.ExecutedVersion,
      ...(output.FunctionError ? { 'x-amz-function-error': output.FunctionError } : {}),
    },
    body: type === 'Event' ? '' : new TextDecoder().decode(output.Payload),
  };
}

function error(status: number, type: string, message: string): ApiAnswer {
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': type }, body: JSON.stringify({ Type: 'User', message }) };
}
