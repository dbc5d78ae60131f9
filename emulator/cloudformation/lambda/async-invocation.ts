/**
 * Lambda's asynchronous invocation (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html):
 * when the function returns an error, Lambda tries twice more, one and then
 * two minutes later. Each entry is the wait before that attempt.
 */
export const ASYNC_ATTEMPT_DELAYS_MS: readonly number[] = [0, 60_000, 120_000];
