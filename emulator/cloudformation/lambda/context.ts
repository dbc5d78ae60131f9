import type { Context } from 'aws-lambda';
import { Clock } from '../clock';
import { FunctionConfig } from './function-config';

/** The context object the Node.js runtime passes to a handler. */
export function lambdaContext(config: FunctionConfig, requestId: string, logStreamName: string, clock: Clock): Context {
  const deadline = clock.now() + config.timeoutSeconds * 1000;
  const legacy = () => {
    throw new Error('context.done/succeed/fail are not available on Node.js 22: return a value or a promise instead');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: config.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: config.functionArn,
    memoryLimitInMB: String(config.memorySizeMb),
    awsRequestId: requestId,
    logGroupName: config.logGroupName,
    logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    done: legacy,
    fail: legacy,
    succeed: legacy,
  };
}
