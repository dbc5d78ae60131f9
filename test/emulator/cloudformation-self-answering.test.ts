/*
 * A Lambda function that is its own custom resource (no Provider framework)
 * answers by a PUT to the response URL with Node's https, as cfn-response
 * and the integ-tests assertion provider do: the engine receives it. Such a
 * function may invoke another through Lambda's API, as the assertion
 * provider's invokeFunction does: the engine serves Invoke.
 */
import { CustomResource } from 'aws-cdk-lib';
import { fixtureFunction } from './cloudformation-fixtures/functions';
import { synthesizeFixture } from './cloudformation-fixtures/stacks';
import { LocalCloudFormation } from '../../emulator/cloudformation';

const artifact = synthesizeFixture({}, (stack) => {
  const fn = fixtureFunction(stack, 'SelfAnswering', 'handlers', 'selfAnswering');
  new CustomResource(stack, 'ByOptions', { serviceToken: fn.functionArn, properties: { Answer: 'options', Value: 'a' } });
  new CustomResource(stack, 'ByUrl', { serviceToken: fn.functionArn, properties: { Answer: 'url', Value: 'b' } });
});

test('its answer by options or by URL is the resource\'s, and the PUT gets 200', async () => {
  const engine = new LocalCloudFormation();
  const result = await engine.deploy(artifact);
  expect(result.status).toBe('CREATE_COMPLETE');
  expect(['ByOptions', 'ByUrl'].map((id) => [engine.resource(id).physicalId, engine.resource(id).attributes.Value]))
    .toEqual([['ByOptions-self', 'a'], ['ByUrl-self', 'b']]);
  expect(engine.logs('SelfAnswering').filter((line) => line.includes('selfAnswering'))).toEqual([
    expect.stringContaining('"status":200'), expect.stringContaining('"status":200'),
  ]);
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
});

test('its FAILED answer fails the resource with its reason', async () => {
  const failing = synthesizeFixture({}, (stack) => {
    const fn = fixtureFunction(stack, 'SelfAnswering', 'handlers', 'selfAnswering');
    new CustomResource(stack, 'Refused', { serviceToken: fn.functionArn, properties: { Answer: 'fail' } });
  });
  const engine = new LocalCloudFormation();
  const result = await engine.deploy(failing);
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(engine.events.find((e) => e.logicalId === 'Refused' && e.status === 'CREATE_FAILED')?.reason)
    .toContain('Message returned: told to fail');
});

test('a function that invokes another through Lambda\'s API (its runtime client, the engine\'s endpoint) gets its payload', async () => {
  const invoking = synthesizeFixture({}, (stack) => {
    const target = fixtureFunction(stack, 'Echo', 'handlers', 'echo');
    const invoker = fixtureFunction(stack, 'Invoker', 'handlers', 'invoker');
    new CustomResource(stack, 'Invokes', { serviceToken: invoker.functionArn, properties: { Target: target.functionName } });
  });
  const engine = new LocalCloudFormation();
  expect((await engine.deploy(invoking)).status).toBe('CREATE_COMPLETE');
  expect(engine.resource('Invokes').attributes).toEqual({ Answer: JSON.stringify({ echo: { hello: 'world' } }), FunctionError: '' });
  expect(engine.invocations('Echo').map((i) => i.event)).toEqual([{ hello: 'world' }]);
  await engine.close();
});
