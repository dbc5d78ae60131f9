import { CREATE_REQUEST_ID, LOGICAL_ID, STACK_ID, UPDATE_REQUEST_ID } from './fixtures';
import { clientRequestToken, generatedName, nameSeed, RequestIdentity, stackNameFromId } from '../../lambda/shared/names';

// The API patterns and lengths (bedrock-2023-04-20.json).
const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/;
const CUSTOM_MODEL_NAME = /^([0-9a-zA-Z][_-]?){1,63}$/;
const TOKEN = /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?$/;

function expectValidName(name: string): void {
  expect(name.length).toBeGreaterThanOrEqual(1);
  expect(name.length).toBeLessThanOrEqual(63);
  expect(name).toMatch(JOB_NAME);
  expect(name).toMatch(CUSTOM_MODEL_NAME);
}

const id: RequestIdentity = { stackId: STACK_ID, logicalResourceId: LOGICAL_ID, requestId: CREATE_REQUEST_ID };

describe('idempotency token and name seed', () => {
  test('are deterministic for one request', () => {
    expect(clientRequestToken({ ...id })).toBe(clientRequestToken(id));
    expect(nameSeed({ ...id })).toBe(nameSeed(id));
  });

  test('token: 64 hex characters within the API pattern; seed: its first 8', () => {
    const token = clientRequestToken(id);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(token).toMatch(TOKEN);
    expect(nameSeed(id)).toBe(token.slice(0, 8));
  });

  test('differ when the RequestId, logical id or stack differs', () => {
    const variants = [
      { ...id, requestId: UPDATE_REQUEST_ID },
      { ...id, logicalResourceId: 'OtherJob' },
      { ...id, stackId: STACK_ID.replace('FineTuneStack', 'OtherStack') },
    ];
    for (const variant of variants) {
      expect(clientRequestToken(variant)).not.toBe(clientRequestToken(id));
      expect(nameSeed(variant)).not.toBe(nameSeed(id));
    }
  });
});

describe('generated names', () => {
  test('are <stack>-<logical id>-<seed>', () => {
    expect(generatedName(STACK_ID, LOGICAL_ID, 'a1b2c3d4')).toBe('FineTuneStack-TuneJob1A2B3C4D-a1b2c3d4');
  });

  test('parse the stack name from the StackId ARN', () => {
    expect(stackNameFromId(STACK_ID)).toBe('FineTuneStack');
    expect(stackNameFromId('arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/a-b/guid')).toBe('a-b');
    expect(stackNameFromId('not-an-arn')).toBeUndefined();
  });

  test('are deterministic and differ per seed', () => {
    const seedA = nameSeed(id);
    const seedB = nameSeed({ ...id, requestId: UPDATE_REQUEST_ID });
    expect(generatedName(STACK_ID, LOGICAL_ID, seedA)).toBe(generatedName(STACK_ID, LOGICAL_ID, seedA));
    expect(generatedName(STACK_ID, LOGICAL_ID, seedA)).not.toBe(generatedName(STACK_ID, LOGICAL_ID, seedB));
  });

  test('stay within both patterns and 63 characters for a very long stack name and logical id', () => {
    const longStack = STACK_ID.replace('FineTuneStack', `Very-Long-${'x'.repeat(100)}-Stack`);
    const longLogical = `Nested${'Construct'.repeat(30)}Job`;
    const name = generatedName(longStack, longLogical, 'deadbeef');
    expectValidName(name);
    expect(name).toHaveLength(63);
    expect(name.endsWith('-deadbeef')).toBe(true);
  });

  test('never leave "--" or a trailing "-" before the seed when truncation lands on a separator', () => {
    // 53 characters, then '-', so the 54-character cut ends on the separator.
    const stack = STACK_ID.replace('FineTuneStack', 'a'.repeat(53));
    const name = generatedName(stack, 'Job', '0123abcd');
    expect(name).toBe(`${'a'.repeat(53)}-0123abcd`);
    expectValidName(name);
  });

  test('turn runs of other characters into one "-" and trim them', () => {
    const stack = STACK_ID.replace('FineTuneStack', '--my__stack..v2--');
    const name = generatedName(stack, '_Job$$Name_', 'ffffffff');
    expect(name).toBe('my-stack-v2-Job-Name-ffffffff');
    expectValidName(name);
  });

  test('fall back to the seed alone when nothing usable remains', () => {
    expect(generatedName('not-an-arn', '___', '01234567')).toBe('01234567');
  });

  test('match both patterns for many awkward inputs', () => {
    const alphabet = 'aZ9-_.+ /:#é';
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 300; i++) {
      const randomText = (n: number) => Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join('');
      const stack = STACK_ID.replace('FineTuneStack', randomText(1 + (next() % 90)));
      const seed = nameSeed({ ...id, requestId: String(i) });
      expectValidName(generatedName(stack, randomText(1 + (next() % 90)), seed));
    }
  });
});
