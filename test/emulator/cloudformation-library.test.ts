/*
 * The library's own handler bundle run by the local CloudFormation engine:
 * the example stack deployed against a stub Bedrock endpoint (given through
 * the engine's extra environment) that rejects every call, so the job fails
 * and the stack rolls back.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { LocalCloudFormation, synthesize } from '../../emulator/cloudformation';
import { buildExampleApp } from '../../examples/app';

const received: http.IncomingHttpHeaders[] = [];
const stub = http.createServer((request, response) => {
  received.push(request.headers);
  request.resume();
  response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException' });
  response.end(JSON.stringify({ message: 'rejected by the test stub' }));
});

// Synthesizing the whole example app, then deploying and rolling it back, takes seconds on a busy machine (jest's
// default of 5 s was exceeded on CI), as the lifecycle tests' deployments do.
jest.setTimeout(60_000);

beforeAll(() => new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));

test('the bundled handler reads the endpoint, region and credentials the engine gives it', async () => {
  const engine = new LocalCloudFormation({ environment: { AWS_ENDPOINT_URL_BEDROCK: `http://127.0.0.1:${(stub.address() as AddressInfo).port}` } });
  const result = await engine.deploy(synthesize(buildExampleApp().stack));

  expect(result).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: expect.stringContaining('rejected by the test stub') });
  expect(received.length).toBeGreaterThan(0);
  expect(received[0].authorization).toMatch(/Credential=ASIALOCALCLOUDFORMATION\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
  expect(engine.resources).toEqual([]);
  // The handler's structured logs (JSON lines written to stdout) are in the invocation's log.
  // The first of the library's handlers to run: whichever resource the engine created first.
  const handler = engine.invocations().find((i) => /^Bedrock\w+ProviderOnEventHandler/.test(i.functionLogicalId))!;
  const stdout = handler.logs.filter((line) => line.level === undefined).map((line) => JSON.parse(line.message));
  expect(stdout[0]).toMatchObject({ level: 'info', message: 'Request', requestType: 'Create', resourceType: expect.stringMatching(/^Custom::Bedrock/) });
});
