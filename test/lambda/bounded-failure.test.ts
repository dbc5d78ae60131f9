import { boundedError, boundedFailure, boundedMessage, MAX_FAILURE_MESSAGE_BYTES } from '../../lambda/shared/bounded-failure';

/** The bytes a message takes in the JSON response. */
const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text)) - 2;

/** What a wrapped handler throws when the handler throws `thrown`. */
async function rethrown(thrown: unknown): Promise<Error> {
  const handler = boundedFailure(async (_event: unknown) => {
    throw thrown;
  });
  return handler({}).then(() => {
    throw new Error('the handler did not throw');
  }, (error: Error) => error);
}

describe('boundedFailure', () => {
  test('passes the handler its arguments and returns what it returns', async () => {
    const handler = boundedFailure(async (event: { readonly n: number }, context: string) => ({ n: event.n + 1, context }));
    await expect(handler({ n: 1 }, 'ctx')).resolves.toEqual({ n: 2, context: 'ctx' });
  });

  test('a short one-line message is kept, with the error\'s name and frames', async () => {
    const original = Object.assign(new Error('Creating model customization job \'j\' failed: Bedrock rejected the request'), { name: 'ValidationException' });

    const error = await rethrown(original);

    expect(error.message).toBe(original.message);
    expect(error.name).toBe('ValidationException');
    expect(error.cause).toBe(original);
    const frames = original.stack!.split('\n').slice(1);
    expect(frames.length).toBeGreaterThan(0);
    expect(error.stack).toBe([`ValidationException: ${original.message}`, ...frames].join('\n'));
  });

  test('a failure thrown synchronously is bounded too', async () => {
    const handler = boundedFailure((() => {
      throw new Error(`line one\nline two ${'x'.repeat(2_000)}`);
    }) as (event: unknown) => Promise<unknown>);

    const error = await handler({}).catch((e: Error) => e);

    expect((error as Error).message).toMatch(/^line one line two x+…$/);
  });

  test('a long message on several lines becomes one bounded line, its start kept, marked as cut', async () => {
    const message = `Bedrock: the job failed.\n\tReason:   ${'the training data is not valid. '.repeat(100)}`;

    const error = await rethrown(new Error(message));

    expect(error.message).not.toMatch(/[\n\r\t]/);
    expect(jsonBytes(error.message)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
    expect(jsonBytes(error.message)).toBeGreaterThan(MAX_FAILURE_MESSAGE_BYTES - 40);
    expect(error.message).toMatch(/^Bedrock: the job failed\. Reason: the training data is not valid\. the training .*…$/);
    // The stack's first line is the whole message, then only frames: the runtime's trace stays the function's frames.
    const [header, ...frames] = error.stack!.split('\n');
    expect(header).toBe(`Error: ${error.message}`);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toMatch(/^\s+at /);
  });

  test('the cut splits no character of several bytes, nor a surrogate pair', () => {
    for (const unit of ['é', '€', '😀', '\u{10348}']) {
      const message = boundedMessage(unit.repeat(2_000));

      expect(jsonBytes(message)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
      expect(message.endsWith('…')).toBe(true);
      // Only whole characters before the mark: no replacement character, no lone surrogate.
      expect(Buffer.from(message, 'utf8').toString('utf8')).toBe(message);
      expect([...message.slice(0, -1)].every((c) => c === unit)).toBe(true);
    }
  });

  test('characters count as the JSON response carries them', () => {
    const quoted = boundedMessage('"'.repeat(2_000));
    expect(quoted).toBe(`${'"'.repeat(Math.floor((MAX_FAILURE_MESSAGE_BYTES - 3) / 2))}…`);
    const controls = boundedMessage('\u0001'.repeat(2_000));
    expect(jsonBytes(controls)).toBeLessThanOrEqual(MAX_FAILURE_MESSAGE_BYTES);
    expect(controls.length).toBe(Math.floor((MAX_FAILURE_MESSAGE_BYTES - 3) / 6) + 1);
  });

  test('a message of exactly the bound is kept whole; one more byte is cut', () => {
    const exact = 'a'.repeat(MAX_FAILURE_MESSAGE_BYTES);
    expect(boundedMessage(exact)).toBe(exact);
    expect(boundedMessage(`${exact}b`)).toBe(`${'a'.repeat(MAX_FAILURE_MESSAGE_BYTES - 3)}…`);
  });

  test('a thrown value that is not an error becomes an Error with its text', async () => {
    const error = await rethrown(`not an error ${'z'.repeat(3_000)}`);

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('Error');
    expect(error.message).toMatch(/^not an error z+…$/);
    expect(error.stack!.split('\n')[0]).toBe(`Error: ${error.message}`);
    expect(boundedError(undefined).message).toBe('undefined');
  });

  test('a message line that looks like a frame is not taken for one', () => {
    const original = new Error('The data is short:\n    at least 8 records are needed');

    const error = boundedError(original);

    expect(error.message).toBe('The data is short: at least 8 records are needed');
    expect(error.stack!.split('\n').slice(1)).toEqual(original.stack!.split('\n').slice(2));
  });
});
