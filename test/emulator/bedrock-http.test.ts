/*
 * The HTTP side of the emulator: routes from the constraints fixture, label,
 * query and body binding, what raw requests get, the endpoint environment
 * variable, recording, reset and stop; and the emulated clock.
 */
import { BedrockClient, CreateModelCustomizationJobCommand, GetCustomModelCommand, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { KIND_SAMPLES } from './bedrock-fixtures/kind-samples';
import { jobRequest } from './bedrock-fixtures/requests';
import { sendOperation } from './bedrock-fixtures/sdk';
import { BedrockEmulator, createBedrockClient, EmulatedClock, emulatorEnvironment, OPERATIONS } from '../../emulator/bedrock';
import { matchRoute, routesFor } from '../../emulator/bedrock/http/routes';
import { CONSTRAINTS } from '../../src/contract/constraints';
import { operationsOf, RESOURCE_KIND_ENTRIES } from '../../src/contract/registry';

const env = useEmulator({ expectNoViolations: false });

/** The operations of the fixture: every registered kind's, and the list operations the emulator serves besides. */
const COVERED = Object.keys(CONSTRAINTS.operations);

async function raw(method: string, path: string, body?: string): Promise<{ status: number; errorType: string | null; json: any }> {
  const response = await fetch(`${env.emulator.endpoint}${path}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), json: await response.json() };
}

describe('routes', () => {
  test('every operation of the fixture has a route and a handler, and every registered kind\'s operation is one of them', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...COVERED].sort());
    expect(routesFor(CONSTRAINTS.operations).map((r) => r.operation).sort()).toEqual([...COVERED].sort());
    for (const kind of RESOURCE_KIND_ENTRIES) expect(COVERED).toEqual(expect.arrayContaining(operationsOf(kind)));
  });

  test('each operation\'s URI template routes to it, with percent-encoded ARN labels decoded', () => {
    const routes = routesFor(CONSTRAINTS.operations);
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:128k/abcdefghijkl';
    for (const [name, { http }] of Object.entries(CONSTRAINTS.operations)) {
      const path = http.uri.replace(/\{[^}]+\}/g, encodeURIComponent(arn));
      const match = matchRoute(routes, http.method, path, new URLSearchParams());
      expect([name, match?.route.operation]).toEqual([name, name]);
      expect(Object.values(match!.labels).every((value) => value === arn)).toBe(true);
    }
    expect(matchRoute(routes, 'POST', '/custom-models/create-custom-model', new URLSearchParams())?.route.operation).toBe('CreateCustomModel');
    expect(matchRoute(routes, 'PATCH', '/custom-models', new URLSearchParams())).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/custom-models/%E0%A4%A', new URLSearchParams())).toBeUndefined();
  });

  test('an unknown route answers 404 and is recorded as UnknownOperation', async () => {
    const response = await raw('GET', '/no-such-thing');
    expect(response).toMatchObject({ status: 404, errorType: 'UnknownOperationException' });
    expect(env.emulator.calls).toMatchObject([{ operation: 'UnknownOperation', statusCode: 404 }]);
  });
});

describe('success statuses', () => {
  test('every operation answers success with the status code of the fixture: each kind\'s own (its api-samples.ts), then those they share', async () => {
    const { emulator } = env;
    const client = env.client();
    const statuses: Record<string, number | undefined> = {};
    const send = async (operation: string, input: object) => {
      statuses[operation] = (await sendOperation(client, operation, input)).$metadata.httpStatusCode;
    };
    for (const [kind, samples] of KIND_SAMPLES) {
      // Each kind on an emulator of no resources (a reset keeps no record: its violations are checked first).
      await samples.success(send, emulator);
      expect([kind, emulator.violations]).toEqual([kind, []]);
      emulator.reset();
    }
    const modelArn = emulator.customModels.add({ modelName: 'existing' });
    await send('TagResource', { resourceARN: modelArn, tags: [{ key: 'k', value: 'v' }] });
    await send('ListTagsForResource', { resourceARN: modelArn });
    await send('UntagResource', { resourceARN: modelArn, tagKeys: ['k'] });
    await send('ListFoundationModels', {});
    expect(statuses).toEqual(Object.fromEntries(Object.entries(CONSTRAINTS.operations).map(([name, o]) => [name, o.http.code])));
    expect(KIND_SAMPLES.map(([kind]) => kind)).toEqual(expect.arrayContaining(['model-customization-job', 'model-import-job']));
    expect(emulator.violations).toEqual([]);
  });
});

describe('binding', () => {
  test('query parameters arrive typed as the members are (integer, boolean, timestamp)', async () => {
    const response = await raw('GET', '/custom-models?maxResults=5&isOwned=true&creationTimeAfter=2024-01-02T03:04:05Z&sortOrder=Ascending');
    expect(response.status).toBe(200);
    expect(env.emulator.calls[0].input).toEqual({
      maxResults: 5, isOwned: true, creationTimeAfter: new Date('2024-01-02T03:04:05Z'), sortOrder: 'Ascending',
    });
  });

  test('a query value that does not convert is a type violation: ValidationException, recorded', async () => {
    const response = await raw('GET', '/custom-models?maxResults=many&isOwned=maybe');
    expect(response).toMatchObject({ status: 400, errorType: 'ValidationException' });
    expect(response.json.message).toMatch(/^2 validation errors detected: isOwned must be a boolean \(got "maybe"\); maxResults must be an integer/);
    expect(env.emulator.violations.map((v) => [v.operation, v.path, v.rule])).toEqual([
      ['ListCustomModels', 'isOwned', 'type'],
      ['ListCustomModels', 'maxResults', 'type'],
    ]);
  });

  test('a body that is not a JSON object, an unknown member, and a label sent in the body are violations', async () => {
    expect((await raw('POST', '/listTagsForResource', '{not json')).errorType).toBe('ValidationException');
    expect((await raw('POST', '/listTagsForResource', '[]')).errorType).toBe('ValidationException');
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdefghijkl';
    // Written by hand: an object literal's __proto__ would set the prototype, not a key.
    expect((await raw('POST', '/listTagsForResource', `{"resourceARN":"${arn}","extra":1,"__proto__":{"polluted":true}}`)).status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await raw('DELETE', `/custom-models/${encodeURIComponent(arn)}`, JSON.stringify({ modelIdentifier: arn }))).status).toBe(400);
    expect(env.emulator.violations.map((v) => [v.path, v.rule])).toEqual([
      ['', 'type'],
      ['resourceARN', 'required'],
      ['', 'type'],
      ['resourceARN', 'required'],
      ['extra', 'unknown-member'],
      ['__proto__', 'unknown-member'],
      ['modelIdentifier', 'unknown-member'],
    ]);
  });

  test('requests need no signature: any Authorization, or none, is accepted', async () => {
    const response = await raw('GET', '/foundation-models?byProvider=Amazon');
    expect(response.status).toBe(200);
    expect(response.json.modelSummaries.length).toBeGreaterThan(0);
  });
});

describe('clients, recording, reset and stop', () => {
  test('a client created without endpoint or credentials finds the emulator through the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, emulatorEnvironment(env.emulator));
    try {
      const client = new BedrockClient({ maxAttempts: 1 });
      const { modelSummaries } = await client.send(new ListFoundationModelsCommand({ byProvider: 'Meta' }));
      client.destroy();
      expect(modelSummaries!.map((m) => m.providerName)).toContain('Meta');
    } finally {
      process.env = saved;
    }
    expect(env.emulator.callsTo('ListFoundationModels')).toHaveLength(1);
  });

  test('reset forgets state, plans, faults, calls and violations, and keeps the endpoint', async () => {
    const { emulator } = env;
    const endpoint = emulator.endpoint;
    emulator.customModels.add({ modelName: 'm' });
    emulator.jobs.defaultPlan = { training: { seconds: 1 } };
    emulator.faults.throttle();
    // The throttle answers, but the broken rule is recorded all the same.
    expect((await raw('GET', '/custom-models?maxResults=0')).errorType).toBe('ThrottlingException');
    expect(emulator.calls).toHaveLength(1);
    expect(emulator.violations).toMatchObject([{ operation: 'ListCustomModels', path: 'maxResults', rule: 'range.min' }]);
    emulator.reset();
    expect([emulator.calls, emulator.violations, emulator.customModels.list().items, emulator.jobs.defaultPlan]).toEqual([[], [], [], {}]);
    expect(emulator.endpoint).toBe(endpoint);
    expect((await raw('GET', '/custom-models')).status).toBe(200);
  });

  test('stop closes the server even while clients keep connections alive', async () => {
    const other = await BedrockEmulator.start({ region: 'eu-west-1', accountId: '210987654321' });
    const client = createBedrockClient(other, { maxAttempts: 1 });
    const arn = other.customModels.add({ modelName: 'm' });
    expect(arn).toMatch(/^arn:aws:bedrock:eu-west-1:210987654321:custom-model\//);
    await client.send(new GetCustomModelCommand({ modelIdentifier: 'm' }));
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(client.send(new GetCustomModelCommand({ modelIdentifier: 'm' }))).rejects.toThrow();
    client.destroy();
  });
});

describe('emulated clock', () => {
  test('runs at its acceleration, moves by advance(), and keeps its time when the acceleration changes', async () => {
    const clock = new EmulatedClock({ start: new Date('2025-01-01T00:00:00Z'), acceleration: 0 });
    expect(clock.now()).toEqual(new Date('2025-01-01T00:00:00Z'));
    clock.advance(90);
    expect(clock.now()).toEqual(new Date('2025-01-01T00:01:30Z'));
    clock.acceleration = 1000; // one real millisecond is an emulated second
    await new Promise((resolve) => setTimeout(resolve, 30));
    const elapsed = clock.now().getTime() - new Date('2025-01-01T00:01:30Z').getTime();
    expect(elapsed).toBeGreaterThanOrEqual(25_000);
    clock.acceleration = 0;
    const frozen = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(clock.now()).toEqual(frozen);
    expect(() => clock.advance(-1)).toThrow('Cannot advance the clock by -1 seconds');
    expect(() => new EmulatedClock({ acceleration: -1 })).toThrow('acceleration must be a finite number >= 0');
  });

  test('by default emulated time is real time', () => {
    const before = Date.now();
    const now = new EmulatedClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

test('responses carry no Date: a client on the emulated time sees no clock skew to correct, and sends a refused request once', async () => {
  const emulator = env.emulator;
  emulator.clock.advance(2 * 3600);
  // A client whose clock is the emulated time, as the handlers' is under the local engine (their Date is the engine's).
  const offset = emulator.clock.now().getTime() - Date.now();
  const realNow = Date.now.bind(Date);
  const now = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  const client = createBedrockClient(emulator, { maxAttempts: 3 });
  emulator.capacity.limits.customizationJobs = 0;
  const error = await client.send(new CreateModelCustomizationJobCommand(jobRequest())).catch((e) => e);
  now.mockRestore();
  expect(error.name).toBe('ServiceQuotaExceededException');
  // A response dated otherwise by more than five minutes makes the SDK correct its clock and send the request again.
  expect(error.$metadata.attempts).toBe(1);
  expect(emulator.callsTo('CreateModelCustomizationJob')).toHaveLength(1);
});
