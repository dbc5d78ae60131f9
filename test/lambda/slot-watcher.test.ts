/*
 * The stack's watcher: invoked with a job's final state-change event (any job
 * of the Region) or by the fallback schedule, it reads the slot queue, signals
 * the wait conditions of the stack's jobs that have ended (SUCCESS, or
 * FAILURE with Bedrock's message, bounded; 403 or 404 from a handle: done or
 * gone), fails queued waits past their deadline naming the jobs that hold the
 * slots, starts queued jobs oldest first until Bedrock refuses one for
 * capacity, and disables the fallback when nothing is left to do.
 */
import {
  CreateModelCustomizationJobCommand, GetModelCustomizationJobCommand, ListModelCustomizationJobsCommand, ResourceNotFoundException,
  ServiceQuotaExceededException, StopModelCustomizationJobCommand, ValidationException,
} from '@aws-sdk/client-bedrock';
import { DescribeRuleCommand, DisableRuleCommand, EnableRuleCommand } from '@aws-sdk/client-eventbridge';
import 'aws-sdk-client-mock-jest';
import { JOB_ARN, JOB_ARN_2, MODEL_ARN, useMockedBedrock } from './fixtures';
import { useHandle } from './handle-fixture';
import { FALLBACK_RULE, useSlotQueue } from './slot-queue-fixture';
import { jobWatcher as watch } from '../../lambda/index';
import type { QueueItem } from '../../lambda/shared/slot-queue';

const { bedrock, logs } = useMockedBedrock();
const queue = useSlotQueue();

const handle = useHandle();

const FALLBACK = { 'detail-type': 'Scheduled Event', 'source': 'aws.events', 'detail': {} };
const ended = (jobName: string, jobStatus = 'Completed') => ({
  'detail-type': 'Model Customization Job State Change', 'source': 'aws.bedrock', 'detail': { jobName, jobStatus },
});

/** A job a wait condition waits for, started. */
function waited(name: string, arn = JOB_ARN, extra: Partial<QueueItem> = {}): QueueItem {
  return { key: `${name}Resource#0a1b2c3d`, kind: 'job', name, queuedAt: 1, request: {}, state: 'started', arn, wait: { handleUrl: handle.url, deadline: Date.now() + 3_600_000 }, ...extra };
}

/** A job that waits for a slot. */
function queued(name: string, queuedAt: number, extra: Partial<QueueItem> = {}): QueueItem {
  return {
    key: `${name}Resource#0a1b2c3d`,
    kind: 'job',
    name,
    queuedAt,
    request: { jobName: name, customModelName: name, clientRequestToken: `token-${name}`, roleArn: 'arn:aws:iam::123456789012:role/R' },
    context: { jobName: name, customModelName: name, jobNameGenerated: true, customModelNameGenerated: true },
    state: 'queued',
    ...extra,
  };
}

describe('the wait conditions of the stack\'s jobs', () => {
  test('the fallback reads every started job: a completed one\'s condition gets SUCCESS (the job\'s name as UniqueId, its ARN as Data), without a Content-Type', async () => {
    queue.put(waited('tune-1'));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, jobName: 'tune-1', status: 'Completed', outputModelArn: MODEL_ARN });
    await watch(FALLBACK);
    expect(handle.signals).toEqual([{ contentType: undefined, body: { Status: 'SUCCESS', Reason: 'The model customization job completed', UniqueId: 'tune-1', Data: JOB_ARN } }]);
    expect(queue.items.get('tune-1Resource#0a1b2c3d')?.wait.signalled).toBe(true);
    // Nothing left to do: the fallback stops; the handle URL, a credential, is never logged.
    expect(queue.events).toHaveReceivedCommandWith(DisableRuleCommand, { Name: FALLBACK_RULE });
    expect(JSON.stringify(logs().mock.calls)).not.toContain('secret');
  });

  test('an event reads its own job only, whatever form of ARN it names it by: the name', async () => {
    queue.put(waited('tune-1'));
    queue.put(waited('tune-2', JOB_ARN_2));
    bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN_2 }).resolves({ jobArn: JOB_ARN_2, status: 'Completed' });
    await watch(ended('tune-2'));
    expect(bedrock).toHaveReceivedCommandTimes(GetModelCustomizationJobCommand, 1);
    expect(handle.signals.map((s) => s.body.UniqueId)).toEqual(['tune-2']);
    // tune-1 is still waited for: the fallback stays.
    expect(queue.events).not.toHaveReceivedCommand(DisableRuleCommand);
  });

  test('the fallback rule\'s state decides nothing: with the rule DISABLED, a waited job\'s end gets its SUCCESS, and the rule is never read', async () => {
    // An update, its rollback or a replayed run may leave the rule in any state.
    queue.events.on(DescribeRuleCommand).resolves({ Name: FALLBACK_RULE, State: 'DISABLED', ScheduleExpression: 'rate(10 minutes)' });
    queue.put(waited('tune-1'));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, jobName: 'tune-1', status: 'Completed', outputModelArn: MODEL_ARN });
    await watch(ended('tune-1'));
    expect(handle.signals.map((s) => [s.body.Status, s.body.UniqueId])).toEqual([['SUCCESS', 'tune-1']]);
    expect(queue.events).not.toHaveReceivedCommand(DescribeRuleCommand);
  });

  test('another account job\'s event, nothing queued: no Bedrock call', async () => {
    queue.put(waited('tune-1'));
    await watch(ended('someone-elses-job'));
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('a running job: one Get, no signal', async () => {
    queue.put(waited('tune-1'));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'InProgress' });
    await watch(FALLBACK);
    expect(handle.signals).toEqual([]);
    expect(queue.events).not.toHaveReceivedCommand(DisableRuleCommand);
  });

  test('a failed job: FAILURE quoting Bedrock\'s message, bounded', async () => {
    queue.put(waited('tune-1'));
    const message = `Insufficient training data. ${'x'.repeat(5000)}`;
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Failed', failureMessage: message });
    await watch(FALLBACK);
    expect(handle.signals[0].body.Status).toBe('FAILURE');
    expect(handle.signals[0].body.Reason).toMatch(/^Insufficient training data\. x+…? \(model customization job .+ Failed\)$/);
    expect(Buffer.byteLength(handle.signals[0].body.Reason)).toBeLessThanOrEqual(1024);
  });

  test('a stopped job and a job that no longer exists: FAILURE saying so', async () => {
    queue.put(waited('tune-1'));
    queue.put(waited('tune-2', JOB_ARN_2, { queuedAt: 2 }));
    bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN }).resolves({ jobArn: JOB_ARN, status: 'Stopped' });
    bedrock.on(GetModelCustomizationJobCommand, { jobIdentifier: JOB_ARN_2 }).rejects(new ResourceNotFoundException({ message: 'gone', $metadata: {} }));
    await watch(FALLBACK);
    expect(handle.signals.map((s) => s.body.Reason)).toEqual([
      `Model customization job ${JOB_ARN} was stopped before it completed`,
      `Model customization job ${JOB_ARN_2} no longer exists`,
    ]);
  });

  test.each([403, 404])('a handle that answers %d: the condition is done or gone; the run succeeds and the wait is over', async (answer) => {
    handle.status = answer;
    queue.put(waited('tune-1'));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
    await expect(watch(FALLBACK)).resolves.toBeUndefined();
    expect(queue.items.get('tune-1Resource#0a1b2c3d')?.wait.signalled).toBe(true);
    expect(JSON.stringify(logs().mock.calls)).toContain(`its handle answered HTTP ${answer}`);
  });

  test('any other answer fails the run, which Lambda retries; the wait is not over', async () => {
    handle.status = 500;
    queue.put(waited('tune-1'));
    bedrock.on(GetModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN, status: 'Completed', outputModelArn: MODEL_ARN });
    await expect(watch(FALLBACK)).rejects.toThrow('Signalling the wait condition handle failed: HTTP 500');
    expect(queue.items.get('tune-1Resource#0a1b2c3d')?.wait.signalled).toBeUndefined();
  });
});

describe('starting what waits for a slot', () => {
  test('oldest first: each start is the item\'s own create (its token); a capacity refusal ends the round and leaves the rest queued', async () => {
    queue.put(queued('later', 300));
    queue.put(queued('first', 100));
    queue.put(queued('second', 200));
    bedrock.on(CreateModelCustomizationJobCommand, { jobName: 'first' }).resolves({ jobArn: JOB_ARN });
    bedrock.on(CreateModelCustomizationJobCommand, { jobName: 'second' })
      .rejects(new ServiceQuotaExceededException({ message: 'The number of requests exceeds the service quota. Resubmit your request later.', $metadata: {} }));
    await watch(ended('someone-elses-job'));
    expect(bedrock.commandCalls(CreateModelCustomizationJobCommand).map((c) => [c.args[0].input.jobName, c.args[0].input.clientRequestToken]))
      .toEqual([['first', 'token-first'], ['second', 'token-second']]);
    expect([...queue.items.values()].map((i) => [i.name, i.state, i.arn])).toEqual([
      ['later', 'queued', undefined], ['first', 'started', JOB_ARN], ['second', 'queued', undefined],
    ]);
    // Queued items remain: the fallback stays.
    expect(queue.events).not.toHaveReceivedCommand(DisableRuleCommand);
  });

  test('a start Bedrock refuses for another reason fails the item, and a waited one\'s condition, with the reason', async () => {
    queue.put(queued('bad', 100, { wait: { handleUrl: handle.url, deadline: Date.now() + 3_600_000 } }));
    bedrock.on(CreateModelCustomizationJobCommand).rejects(new ValidationException({ message: 'The training data is not valid JSONL.', $metadata: {} }));
    await watch(FALLBACK);
    const item = queue.items.get('badResource#0a1b2c3d')!;
    expect(item.state).toBe('failed');
    expect(item.failure).toMatch(/^Creating model customization job 'bad' failed: Bedrock rejected the request: The training data is not valid JSONL\./);
    expect(handle.signals.map((s) => [s.body.Status, s.body.Reason])).toEqual([['FAILURE', item.failure]]);
  });

  test('an item deleted while its start was under way: the job just made is stopped', async () => {
    queue.put(queued('gone', 100));
    bedrock.on(CreateModelCustomizationJobCommand).callsFake(() => {
      queue.items.delete('goneResource#0a1b2c3d');
      return { jobArn: JOB_ARN };
    });
    bedrock.on(StopModelCustomizationJobCommand).resolves({});
    await watch(FALLBACK);
    expect(bedrock).toHaveReceivedCommandWith(StopModelCustomizationJobCommand, { jobIdentifier: JOB_ARN });
  });

  test('a claim no run recorded (older than the watcher\'s timeout) is queued again and started, with the same token', async () => {
    queue.put(queued('stuck', 100, { state: 'starting', claimedAt: Date.now() - 20 * 60_000 }));
    queue.put(queued('busy', 200, { state: 'starting', claimedAt: Date.now() }));
    bedrock.on(CreateModelCustomizationJobCommand).resolves({ jobArn: JOB_ARN });
    await watch(FALLBACK);
    expect(bedrock.commandCalls(CreateModelCustomizationJobCommand).map((c) => c.args[0].input.clientRequestToken)).toEqual(['token-stuck']);
    expect(queue.items.get('busyResource#0a1b2c3d')?.state).toBe('starting');
  });

  test('a waited job still queued at its deadline: FAILURE naming the jobs that hold the slots; it never starts', async () => {
    queue.put(queued('late', 100, { wait: { handleUrl: handle.url, deadline: Date.now() - 1 } }));
    bedrock.on(ListModelCustomizationJobsCommand).resolves({
      modelCustomizationJobSummaries: [
        { jobName: 'other-stack-a', jobArn: JOB_ARN, status: 'InProgress', baseModelArn: 'b', creationTime: new Date() },
        { jobName: 'console-b', jobArn: JOB_ARN_2, status: 'InProgress', baseModelArn: 'b', creationTime: new Date() },
      ],
    });
    await watch(FALLBACK);
    expect(bedrock).not.toHaveReceivedCommand(CreateModelCustomizationJobCommand);
    expect(queue.items.get('lateResource#0a1b2c3d')?.state).toBe('failed');
    expect(handle.signals.map((s) => s.body.Status)).toEqual(['FAILURE']);
    expect(handle.signals[0].body.Reason).toMatch(/^Model customization job 'late' got no free Bedrock slot by .+: the account's jobs in progress are other-stack-a, console-b\. It will not start\.$/);
    expect(queue.events).toHaveReceivedCommand(DisableRuleCommand);
  });

  test('a create queued while the run disables the fallback: the run reads the queue again and enables it back', async () => {
    // A handler queues, and enables the rule, just before this run's DisableRule lands.
    queue.events.on(DisableRuleCommand).callsFake(() => {
      queue.put(queued('just-queued', Date.now()));
      return {};
    });
    await watch(FALLBACK);
    const calls = queue.events.calls().map((c) => c.args[0].constructor.name);
    expect(calls).toEqual(['DisableRuleCommand', 'EnableRuleCommand']);
    expect(queue.events).toHaveReceivedCommandWith(EnableRuleCommand, { Name: FALLBACK_RULE });
    expect(queue.items.get('just-queuedResource#0a1b2c3d')?.state).toBe('queued');
  });
});
