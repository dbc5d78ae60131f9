/*
 * Failure reasons that fit CloudFormation's response. The Provider framework
 * answers a failed handler with its error message and stack trace as the
 * Reason, and CloudFormation drops a response over 4,096 bytes ("Response
 * object is too long."), hiding the reason: a long message (Bedrock's
 * failureMessage, say) must not get it there.
 */

/**
 * The most bytes of a failure message. The 4,096-byte response holds, at
 * worst (as JSON, UTF-8):
 *   1,024  the message
 *     ~90  the framework's additions: `\n\nLogs: /aws/lambda/<function name, ≤ 64>\n\n`
 *  ~1,000  the trace: the runtime's 10 frames of ≤ ~100 bytes (minified names, `/var/task/index.js:<line>:<column>`)
 *    ~820  the ids: StackId (≤ 224), RequestId (36), LogicalResourceId (≤ 255), PhysicalResourceId (≤ ~300)
 *    ~400  the resource's Data attributes (the event's, passed back)
 *    ~110  the keys, Status
 * = ~3,450, leaving ~650 to spare.
 */
export const MAX_FAILURE_MESSAGE_BYTES = 1024;

/** Marks a message that was cut. */
const CUT_MARK = '…';

/** A stack line that is a frame (V8 writes them `    at ...`). */
const FRAME = /^\s+at /;

/** The handler, whose failures are rethrown by `boundedError`. */
export function boundedFailure<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      throw boundedError(error);
    }
  };
}

/**
 * An error of the same name whose message is the original's on one line,
 * bounded, and whose stack is the original's frames under that message (the
 * runtime's trace is the stack's lines, of which the framework drops the first).
 */
export function boundedError(error: unknown): Error {
  const original = isErrorLike(error) ? error : undefined;
  const message = boundedMessage(original ? original.message : String(error));
  const bounded = new Error(message, { cause: error });
  bounded.name = original?.name || 'Error';
  // The stack's header is `name: message`, on as many lines as the message has.
  const [stack, header] = original ? [original.stack, original.message] : [bounded.stack, message];
  const frames = (stack ?? '').split('\n').slice(header.split('\n').length).filter((line) => FRAME.test(line));
  bounded.stack = [message ? `${bounded.name}: ${message}` : bounded.name, ...frames].join('\n');
  return bounded;
}

/**
 * The message on one line (the framework keeps only the stack's first line
 * as the header), at most `maxBytes` as the response carries
 * it (UTF-8, JSON-escaped: a quote counts two), its start kept, cut between
 * characters and marked.
 */
export function boundedMessage(message: string, maxBytes = MAX_FAILURE_MESSAGE_BYTES): string {
  const line = message.replace(/\s+/g, ' ').trim();
  if (jsonBytes(line) <= maxBytes) return line;
  let kept = '';
  let bytes = jsonBytes(CUT_MARK);
  // By code point, so that no character (nor surrogate pair) is split.
  for (const character of line) {
    bytes += jsonBytes(character);
    if (bytes > maxBytes) break;
    kept += character;
  }
  return `${kept.trimEnd()}${CUT_MARK}`;
}

/** The bytes a string takes in a JSON body. */
function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text)) - 2;
}

/** Errors are matched by shape: a value thrown from another realm or bundle is no `instanceof Error`. */
function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string';
}
