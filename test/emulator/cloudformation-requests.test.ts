/*
 * The local CloudFormation engine's low-level requests, what functions see
 * (their own environment, a Lambda context, fresh modules per engine) and
 * where their output goes, and its errors.
 */
import * as path from 'path';
import { ON_EVENT_FUNCTION, RESOURCE_TYPE, STACK_NAME, synthesizeFixture } from './cloudformation-fixtures/stacks';
import { LocalCloudFormation, LogLine, NO_RESPONSE_REASON, SynthesizedStack, Template } from '../../emulator/cloudformation';

const ENV_NAMES = [
  'FIXTURE_FUNCTION', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'AWS_ENDPOINT_URL_BEDROCK', 'HOST_ONLY', 'USER_ON_EVENT_FUNCTION_ARN',
];
const artifact = synthesizeFixture({
  Sync: { properties: { Value: 'sync', EnvNames: ENV_NAMES.join(',') } },
  Waited: { waiter: true, properties: { Value: 'waited' } },
});

describe('requests sent one at a time', () => {
  const engine = new LocalCloudFormation();
  beforeAll(() => engine.deploy(artifact));

  test('the same Create delivered twice (same RequestId, same response URL) is answered twice', async () => {
    const first = await engine.sendRequest('Sync', { requestType: 'Create', requestId: 'redelivered' });
    const second = await engine.sendRequest('Sync', { requestType: 'Create', requestId: 'redelivered' });
    expect(second.request).toEqual(first.request);
    expect([first, second].map((e) => [e.outcome.status, e.responses.length])).toEqual([['SUCCESS', 1], ['SUCCESS', 1]]);
    const seen = engine.invocations(ON_EVENT_FUNCTION).filter((i) => (i.event as { RequestId: string }).RequestId === 'redelivered');
    expect(seen).toHaveLength(2);
    // The handler's execution environment stays warm between deliveries.
    expect([first, second].map((e) => e.outcome.status === 'SUCCESS' && Number(e.outcome.data.Invocation))).toEqual([3, 4]);
  });

  test('behind the waiter, a redelivered Create fails: Step Functions refuses a second execution of the same name', async () => {
    const first = await engine.sendRequest('Waited', { requestType: 'Create', requestId: 'redelivered-waited' });
    const second = await engine.sendRequest('Waited', { requestType: 'Create', requestId: 'redelivered-waited' });
    expect(first.outcome.status).toBe('SUCCESS');
    expect(second.outcome).toMatchObject({
      status: 'FAILED',
      physicalResourceId: 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED',
      reason: expect.stringContaining('Execution Already Exists'),
    });
  });

  test('chosen properties, old properties and physical id; the stack\'s records stay as they were', async () => {
    const exchange = await engine.sendRequest('Sync', {
      requestType: 'Update', properties: { Value: 42 }, oldProperties: { Value: true }, physicalResourceId: 'chosen-id',
    });
    expect(exchange.request).toMatchObject({
      RequestType: 'Update',
      PhysicalResourceId: 'chosen-id',
      ResourceType: RESOURCE_TYPE,
      ResourceProperties: { ServiceToken: engine.resource('Sync').properties.ServiceToken, Value: '42' },
      OldResourceProperties: { Value: 'true' },
    });
    expect(exchange.outcome).toMatchObject({ status: 'SUCCESS', physicalResourceId: 'chosen-id', data: { Value: '42' } });
    expect(engine.resource('Sync')).toMatchObject({ physicalId: 'Sync-physical', attributes: { Value: 'sync' } });
  });

  test('a resource that is not a custom resource of the stack is refused', async () => {
    await expect(engine.sendRequest(ON_EVENT_FUNCTION, { requestType: 'Create' })).rejects.toThrow(`${ON_EVENT_FUNCTION} is not a custom resource of stack ${STACK_NAME}`);
  });
});

describe('what a function sees and where its output goes', () => {
  const logged: [string, LogLine][] = [];
  const engine = new LocalCloudFormation({ environment: { AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:4566' }, onLog: (fn, line) => logged.push([fn, line]) });
  let consoleLog: jest.SpyInstance;
  beforeAll(async () => {
    process.env.HOST_ONLY = 'host';
    consoleLog = jest.spyOn(console, 'log');
    await engine.deploy(artifact);
  });
  afterAll(() => {
    delete process.env.HOST_ONLY;
    consoleLog.mockRestore();
  });

  test('exactly its own environment: its variables, Lambda\'s, fake credentials and the engine\'s extras', () => {
    const env = JSON.parse(String(engine.resource('Sync').attributes.Env));
    expect(env).toEqual({
      FIXTURE_FUNCTION: ON_EVENT_FUNCTION,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: engine.resource(ON_EVENT_FUNCTION).physicalId,
      AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIA/),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
      AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:4566',
    });
    // Nothing of the host's, nor of the framework function that invoked it (USER_ON_EVENT_FUNCTION_ARN).
    expect(env).not.toHaveProperty('HOST_ONLY');
  });

  test('the host\'s environment is back afterwards', () => {
    expect(process.env.HOST_ONLY).toBe('host');
    expect(process.env.FIXTURE_FUNCTION).toBeUndefined();
    expect(process.env.AWS_ENDPOINT_URL_BEDROCK).toBeUndefined();
  });

  test('a Lambda context with the function\'s name and remaining time', () => {
    const [line] = engine.logs(ON_EVENT_FUNCTION).map((l) => JSON.parse(l));
    expect(line).toMatchObject({ handler: 'onEvent', functionName: engine.resource(ON_EVENT_FUNCTION).physicalId });
    expect(line.remainingMs).toBeGreaterThan(29_000);
    expect(line.remainingMs).toBeLessThanOrEqual(30_000);
  });

  test('its output goes to the invocation\'s log and the onLog callback, not to the console', () => {
    expect(consoleLog).not.toHaveBeenCalled();
    const framework = engine.invocations().find((i) => i.functionLogicalId.startsWith('SyncProviderframeworkonEvent'))!;
    expect(framework.logs[0]).toMatchObject({ level: 'INFO', message: expect.stringMatching(/^\[provider-framework\] onEventHandler/) });
    const handlerName = engine.resource(ON_EVENT_FUNCTION).physicalId;
    expect(logged.filter(([fn]) => fn === handlerName).map(([, line]) => line.message)).toEqual(engine.logs(ON_EVENT_FUNCTION));
  });

  test('each engine loads the handlers afresh (module state is per execution environment)', async () => {
    const other = new LocalCloudFormation();
    await other.deploy(artifact);
    expect([engine, other].map((e) => e.resource('Sync').attributes.Invocation)).toEqual(['1', '1']);
    expect(engine.resource('Waited').attributes.Invocation).toBe('2');
  });
});

describe('errors name what went wrong', () => {
  const handlers = path.join(__dirname, 'cloudformation-fixtures', 'handlers');
  const deploy = (template: Template) => {
    const engine = new LocalCloudFormation();
    return { engine, result: engine.deploy(SynthesizedStack.fromTemplate('Errors', template, { 'handlers.zip': handlers })) };
  };
  const fn = (key: string, handler = 'index.onEvent') => ({
    Type: 'AWS::Lambda::Function',
    Properties: { Code: { S3Bucket: 'assets', S3Key: key }, Handler: handler, Runtime: 'nodejs22.x', Role: 'arn:aws:iam::123456789012:role/r' },
  });

  test('a missing asset fails the function', async () => {
    const { result } = deploy({ Resources: { Fn: fn('missing.zip') } });
    expect(await result).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: 'Stack Errors: no asset with the object key missing.zip in the asset manifest' });
  });

  test('an unknown function as ServiceToken fails the custom resource', async () => {
    const { result } = deploy({ Resources: { Custom: { Type: 'Custom::X', Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:nowhere' } } } });
    expect((await result).reason).toBe('Could not invoke the ServiceToken function: Function not found: arn:aws:lambda:us-east-1:123456789012:function:nowhere '
      + '(no function of that name is deployed in the local stack)');
  });

  test('a function that never answers: Lambda retries it twice, CloudFormation gives up at ServiceTimeout, and so does the rollback Delete', async () => {
    const { engine, result } = deploy({
      Resources: {
        Fn: fn('handlers.zip', 'index.notExported'),
        Custom: { Type: 'Custom::X', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, ServiceTimeout: 300 } },
      },
    });
    expect(await result).toMatchObject({ status: 'ROLLBACK_FAILED', reason: NO_RESPONSE_REASON });
    expect(engine.exchanges('Custom').map((e) => [e.request.RequestType, e.outcome.status])).toEqual([['Create', 'FAILED'], ['Delete', 'FAILED']]);
    const attempts = engine.invocations('Fn').filter((i) => i.invocationType === 'Event' && (i.event as { RequestType: string }).RequestType === 'Create');
    expect(attempts.map((i) => i.error?.errorType)).toEqual(['Runtime.HandlerNotFound', 'Runtime.HandlerNotFound', 'Runtime.HandlerNotFound']);
    expect(attempts[0].error?.errorMessage).toBe('index.notExported is undefined or not exported');
    expect(attempts.map((i) => (i.startedAt.getTime() - attempts[0].startedAt.getTime()) / 60_000).map(Math.round)).toEqual([0, 1, 3]);
  });
});
