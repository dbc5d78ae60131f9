/*
 * The engine's switches for readings that AWS leaves open (emulator/LEDGER.md
 * rows L-44, L-45, L-46, L-49, L-50, L-51): for each, the default reading and
 * the other one, on the same stacks.
 */
import { request } from 'http';
import { DisableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CfnOutput, CustomResource, Duration, aws_events as events } from 'aws-cdk-lib';
import { useEngines } from './cloudformation-fixtures/engines';
import { fixtureFunction } from './cloudformation-fixtures/functions';
import { synthesizeFixture } from './cloudformation-fixtures/stacks';
import { newStack, synth, waitCondition, watcher, watchRule } from './cloudformation-fixtures/wait-stacks';
import { Exchange, LocalCloudFormation, LocalCloudFormationOptions, StackExports, SynthesizedStack, Template } from '../../emulator/cloudformation';

const engine = useEngines();

/** A PUT to a handle URL; resolves with the status code. */
function put(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signal = (status: 'SUCCESS' | 'FAILURE', uniqueId: string, reason: string) => JSON.stringify({ Status: status, Reason: reason, UniqueId: uniqueId, Data: reason });

/** The handle `LaterHandle` (its URL the output Url) and, with `condition`, the condition `Later` that waits on it. */
function handleStack(condition?: { timeoutSeconds: number; count?: number }): SynthesizedStack {
  const stack = newStack();
  const { handle } = waitCondition(stack, 'Later', condition ?? { timeoutSeconds: 60 });
  if (!condition) stack.node.tryRemoveChild('Later');
  new CfnOutput(stack, 'Url', { value: handle.ref });
  return synth(stack);
}

/** Deploys the handle alone, PUTs `signals` to it, then adds a condition that waits for `count` signals: the update's result. */
async function signalledThenWaited(cfn: LocalCloudFormation, signals: readonly (readonly [string, Record<string, string>?])[], count = 1) {
  expect((await cfn.deploy(handleStack())).status).toBe('CREATE_COMPLETE');
  const url = String(cfn.outputs.Url);
  const statuses: number[] = [];
  for (const [body, headers] of signals) statuses.push(await put(url, body, headers));
  const result = await cfn.update(handleStack({ timeoutSeconds: 60, count }));
  return { statuses, result };
}

describe('L-44: a handle PUT with a Content-Type (handleAcceptsContentType)', () => {
  const typedThenPlain = [
    [signal('SUCCESS', 'a', 'typed'), { 'Content-Type': 'application/json' }],
    [signal('SUCCESS', 'a', 'plain')],
  ] as const;

  test('by default: 403 and no signal, so the plain PUT with the same UniqueId is the one recorded', async () => {
    const cfn = engine();
    const { statuses, result } = await signalledThenWaited(cfn, typedThenPlain);
    expect(statuses).toEqual([403, 200]);
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(JSON.parse(String(cfn.resource('Later').attributes.Data))).toEqual({ a: 'plain' });
  });

  test('handleAcceptsContentType: the typed PUT is a signal, and the plain one a retransmission of it', async () => {
    const cfn = engine({ handleAcceptsContentType: true });
    const { statuses, result } = await signalledThenWaited(cfn, typedThenPlain);
    expect(statuses).toEqual([200, 200]);
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(JSON.parse(String(cfn.resource('Later').attributes.Data))).toEqual({ a: 'typed' });
  });
});

describe('L-45: a wait condition\'s failure wordings (waitConditionReasons)', () => {
  const longReason = 'x'.repeat(2000);
  /** The reasons of a FAILURE signal and of a timeout with 1 of 2 signals. */
  async function reasons(options: LocalCloudFormationOptions): Promise<(string | undefined)[]> {
    const failed = await signalledThenWaited(engine(options), [[signal('FAILURE', 'job', longReason)]]);
    const timedOut = await signalledThenWaited(engine(options), [[signal('SUCCESS', 'job', 'done')]], 2);
    expect([failed.result.status, timedOut.result.status]).toEqual(['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE']);
    return [failed.result.reason, timedOut.result.reason];
  }

  test('by default: the wordings users report, the Reason cut at 1,024 characters', async () => {
    const [failed, timedOut] = await reasons({});
    expect(failed).toBe(`WaitCondition received failed message: '${'x'.repeat(1023)}…' for uniqueId: job`);
    expect(timedOut).toBe('WaitCondition timed out. Received 1 conditions when expecting 2');
  });

  test('waitConditionReasons: the wordings given, the Reason whole', async () => {
    const [failed, timedOut] = await reasons({
      waitConditionReasons: { failed: (reason, uniqueId) => `${uniqueId}: ${reason}`, timedOut: (received, count) => `${received} of ${count}` },
    });
    expect(failed).toBe(`job: ${longReason}`);
    expect(timedOut).toBe('1 of 2');
  });

  test('waitConditionReasons given in part: the other wording stays CloudFormation\'s', async () => {
    const [failed, timedOut] = await reasons({ waitConditionReasons: { timedOut: () => 'late' } });
    expect(failed).toMatch(/^WaitCondition received failed message: 'x+…' for uniqueId: job$/);
    expect(timedOut).toBe('late');
  });
});

describe('L-46: an update of a rule a function disabled (ruleUpdateKeepsState)', () => {
  const build = (version: string, state?: 'DISABLED') => {
    const stack = newStack();
    const rule = watchRule(stack, 'Fallback', watcher(stack), { ruleName: 'job-fallback', schedule: Duration.minutes(10), input: { version } });
    if (state) (rule.node.defaultChild as events.CfnRule).state = state;
    return synth(stack);
  };
  /** Deploys the rule, lets it fire once, and disables it through the API. */
  async function deployedAndDisabled(cfn: LocalCloudFormation): Promise<void> {
    expect((await cfn.deploy(build('v1'))).status).toBe('CREATE_COMPLETE');
    await cfn.passTime(10 * 60);
    const client = new EventBridgeClient({ endpoint: await cfn.servicesEndpoint(), region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } });
    await client.send(new DisableRuleCommand({ Name: 'job-fallback' }));
    expect(cfn.rule('job-fallback').state).toBe('DISABLED');
  }

  test('by default: PutRule sets the template\'s State, and the rule fires again', async () => {
    const cfn = engine({ targetChangeDelaySeconds: 0 });
    await deployedAndDisabled(cfn);
    expect((await cfn.update(build('v2'))).status).toBe('UPDATE_COMPLETE');
    expect(cfn.rule('job-fallback').state).toBe('ENABLED');
    await cfn.passTime(10 * 60);
    expect(cfn.eventDeliveries.map((d) => (d.input as { version: string }).version)).toEqual(['v1', 'v2']);
  });

  test('ruleUpdateKeepsState: the rule stays disabled through an update that keeps the template\'s State; a change of it applies', async () => {
    const cfn = engine({ targetChangeDelaySeconds: 0, ruleUpdateKeepsState: true });
    await deployedAndDisabled(cfn);
    expect((await cfn.update(build('v2'))).status).toBe('UPDATE_COMPLETE');
    expect(cfn.rule('job-fallback').state).toBe('DISABLED');
    await cfn.passTime(30 * 60);
    expect(cfn.eventDeliveries).toHaveLength(1);

    expect((await cfn.update(build('v3', 'DISABLED'))).status).toBe('UPDATE_COMPLETE');
    expect((await cfn.update(build('v4'))).status).toBe('UPDATE_COMPLETE');
    expect(cfn.rule('job-fallback').state).toBe('ENABLED');
  });
});

describe('L-49: the rollback of a replaced custom resource (rollbackUpdatesReplacedCustomResources)', () => {
  const requests = (exchanges: readonly Exchange[]) => exchanges.map((e) => `${e.request.RequestType} ${e.request.LogicalResourceId} ${e.outcome.status}`);
  /** Replaced's update answers another physical id (r2), then Failing's fails: the update rolls back. */
  async function rolledBack(options: LocalCloudFormationOptions, v1Properties: Record<string, string>) {
    const cfn = engine(options);
    await cfn.deploy(synthesizeFixture({ Replaced: { properties: v1Properties }, Failing: { properties: { Value: 'b1' } } }));
    const before = cfn.exchanges().length;
    const result = await cfn.update(synthesizeFixture({
      Replaced: { properties: { PhysicalId: 'r2' } },
      Failing: { properties: { Value: 'b2', FailOn: 'Update' }, dependsOn: ['Replaced'] },
    }));
    expect(result.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    return { cfn, sent: cfn.exchanges().slice(before) };
  }

  test('by default: the old physical resource comes back with no request; the replacement gets a Delete', async () => {
    const { cfn, sent } = await rolledBack({}, { PhysicalId: 'r1' });
    expect(requests(sent)).toEqual(['Update Replaced SUCCESS', 'Update Failing FAILED', 'Update Failing SUCCESS', 'Delete Replaced SUCCESS']);
    expect(sent[3].request.PhysicalResourceId).toBe('r2');
    expect(cfn.resource('Replaced')).toMatchObject({ physicalId: 'r1', properties: { PhysicalId: 'r1' } });
  });

  test('rollbackUpdatesReplacedCustomResources: an Update back to the replacement; its answer decides what is deleted', async () => {
    const { cfn, sent } = await rolledBack({ rollbackUpdatesReplacedCustomResources: true }, { PhysicalId: 'r1' });
    expect(requests(sent)).toEqual([
      'Update Replaced SUCCESS', 'Update Failing FAILED', 'Update Failing SUCCESS', 'Update Replaced SUCCESS', 'Delete Replaced SUCCESS',
    ]);
    expect(sent[3].request).toMatchObject({ PhysicalResourceId: 'r2', ResourceProperties: { PhysicalId: 'r1' }, OldResourceProperties: { PhysicalId: 'r2' } });
    expect(sent[4].request.PhysicalResourceId).toBe('r2');
    expect(cfn.resource('Replaced')).toMatchObject({ physicalId: 'r1', properties: { PhysicalId: 'r1' } });

    // A handler that answers the Update back with the replacement's id keeps it: nothing is deleted.
    const kept = await rolledBack({ rollbackUpdatesReplacedCustomResources: true }, { Value: 'a1' });
    expect(requests(kept.sent).slice(3)).toEqual(['Update Replaced SUCCESS']);
    expect(kept.cfn.resource('Replaced')).toMatchObject({ physicalId: 'r2', properties: { Value: 'a1' } });
  });
});

describe('L-50: deleting a stack whose export is in use (exportInUseKeepsStackStatus)', () => {
  const EXPORT = 'Shared-TopicName';
  const exporting = (topicProperties: Record<string, string> = {}): SynthesizedStack => SynthesizedStack.fromTemplate('Shared', {
    Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'shared-topic', ...topicProperties } } },
    Outputs: { TopicName: { Value: { 'Fn::GetAtt': ['Topic', 'TopicName'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-TopicName' } } } },
  });
  const importing: Template = { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::ImportValue': EXPORT } } } } };
  const inUse = `Export ${EXPORT} cannot be deleted as it is in use by Consumer`;

  /** The exporting engine, with its stack deployed and imported by Consumer's. */
  async function imported(options: LocalCloudFormationOptions) {
    const exports = new StackExports();
    const shared = engine({ ...options, exports });
    const consumer = engine({ exports });
    expect((await shared.deploy(exporting())).status).toBe('CREATE_COMPLETE');
    expect((await consumer.deploy(SynthesizedStack.fromTemplate('Consumer', importing))).status).toBe('CREATE_COMPLETE');
    return { shared, consumer };
  }

  test('by default: DELETE_FAILED with nothing deleted, and the stack can no longer be updated', async () => {
    const { shared } = await imported({});
    const refused = await shared.destroy();
    expect(refused).toMatchObject({ status: 'DELETE_FAILED', reason: inUse });
    expect(shared.resource('Topic')).toBeDefined();
    await expect(shared.update(exporting({ DisplayName: 'x' }))).rejects.toThrow(/is in DELETE_FAILED state and can not be updated/);
  });

  test('exportInUseKeepsStackStatus: the stack goes back to the status it had, with the reason, and can still be updated', async () => {
    const { shared, consumer } = await imported({ exportInUseKeepsStackStatus: true });
    const refused = await shared.destroy();
    expect(refused).toMatchObject({ status: 'CREATE_COMPLETE', reason: inUse });
    expect(refused.events.map((e) => [e.status, e.reason])).toEqual([['DELETE_IN_PROGRESS', 'User Initiated'], ['CREATE_COMPLETE', inUse]]);
    expect(shared.resource('Topic')).toBeDefined();

    expect((await shared.update(exporting({ DisplayName: 'x' }))).status).toBe('UPDATE_COMPLETE');
    expect(await shared.destroy()).toMatchObject({ status: 'UPDATE_COMPLETE', reason: inUse });
    expect((await consumer.destroy()).status).toBe('DELETE_COMPLETE');
    expect((await shared.destroy()).status).toBe('DELETE_COMPLETE');
  });
});

describe('L-51: a custom resource that answers twice (customResourceLastResponseCounts)', () => {
  /** A function that is its own custom resource, answering SUCCESS and then FAILED to its Create. */
  function answeringTwice(): SynthesizedStack {
    const stack = newStack();
    const fn = fixtureFunction(stack, 'Answering', 'answers', 'answerEach');
    new CustomResource(stack, 'Twice', {
      serviceToken: fn.functionArn,
      properties: { Answers: JSON.stringify([{ Status: 'SUCCESS', Value: 'first' }, { Status: 'FAILED', Reason: 'second thoughts' }]) },
    });
    return synth(stack);
  }
  const twice = (cfn: LocalCloudFormation) => cfn.exchanges('Twice')[0];

  test('by default: the first PUT is the outcome, the later one is kept but ignored', async () => {
    const cfn = engine();
    expect((await cfn.deploy(answeringTwice())).status).toBe('CREATE_COMPLETE');
    const exchange = twice(cfn);
    expect(exchange.responses.map((r) => JSON.parse(r.body).Status)).toEqual(['SUCCESS', 'FAILED']);
    expect(exchange.outcome).toMatchObject({ status: 'SUCCESS', physicalResourceId: 'Twice-answered', data: { Value: 'first' } });
  });

  test('customResourceLastResponseCounts: the last PUT is the outcome, and the stack rolls back', async () => {
    const cfn = engine({ customResourceLastResponseCounts: true });
    const result = await cfn.deploy(answeringTwice());
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/^Received response status \[FAILED\] from custom resource\. Message returned: second thoughts \(RequestId: /);
    expect(twice(cfn).outcome).toMatchObject({ status: 'FAILED', physicalResourceId: 'Twice-answered' });
  });
});
