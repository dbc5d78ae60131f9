import { useCli } from './harness';

const cli = useCli();

const listCalls = () => cli.emulator.calls.filter((c) => c.operation === 'ListModelCustomizationJobs');

describe('jobs', () => {
  test('lists the jobs newest first, with the stack and construct that started each and their status and stage', async () => {
    await cli.startJob({ jobName: 'first', customModelName: 'first-model' }, { stack: 'Tuning', path: 'Tuning/Support/Job' });
    cli.emulator.clock.advance(60);
    await cli.startJob({ jobName: 'second', customModelName: 'second-model' });
    cli.emulator.clock.advance(120);

    const { code, stdout, stderr } = await cli.run(['jobs']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+STACK\s+CONSTRUCT\s+STATUS\s+CREATED\s+DURATION\s+OUTPUT MODEL$/);
    // Newest first; an untagged job has no stack or construct.
    expect(lines.slice(1)).toEqual([
      'second  -       -            InProgress (validation)  2026-12-01 09:01 UTC  2m 00s    -',
      'first   Tuning  Support/Job  InProgress (validation)  2026-12-01 09:00 UTC  3m 00s    -',
    ]);
  });

  test('a completed job shows its output model, and a failed one where it failed', async () => {
    cli.emulator.jobs.planFor('fails', { outcome: { status: 'Failed', failureMessage: 'Bad data.', phase: 'validation' } });
    const done = await cli.startJob({ jobName: 'done', customModelName: 'done-model' });
    await cli.startJob({ jobName: 'fails', customModelName: 'fails-model' });
    cli.emulator.jobs.complete(done);
    cli.emulator.jobs.advance('fails');

    const { stdout } = await cli.run(['jobs']);

    expect(stdout).toMatch(/^done\s+-\s+-\s+Completed\s+.+\s+done-model$/m);
    expect(stdout).toMatch(/^fails\s+-\s+-\s+Failed \(in validation\)\s+.+\s+-$/m);
  });

  test('reads every page of ListModelCustomizationJobs through the paginator', async () => {
    cli.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is about listing, not the account's limit
    for (let i = 0; i < 130; i++) await cli.startJob({ jobName: `job-${i}`, customModelName: `model-${i}` });

    const { code, stdout } = await cli.run(['jobs', '--json']);

    expect(code).toBe(0);
    const jobs = JSON.parse(stdout) as Array<{ name: string }>;
    expect(jobs).toHaveLength(130);
    expect(jobs[0].name).toBe('job-129');
    expect(jobs[129].name).toBe('job-0');
    expect(listCalls()).toHaveLength(2);
    expect(listCalls()[1].input).toMatchObject({ nextToken: expect.any(String), sortBy: 'CreationTime', sortOrder: 'Descending' });
  });

  test('--stack keeps the jobs whose tags name that stack, whatever page they are on', async () => {
    cli.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is about listing, not the account's limit
    await cli.startJob({ jobName: 'a-1', customModelName: 'a-1' }, { stack: 'StackA', path: 'StackA/One' });
    for (let i = 0; i < 101; i++) await cli.startJob({ jobName: `other-${i}`, customModelName: `other-${i}` }, { stack: 'StackB', path: 'StackB/X' });
    await cli.startJob({ jobName: 'a-2', customModelName: 'a-2' }, { stack: 'StackA', path: 'StackA/Two' });
    await cli.startJob({ jobName: 'untagged', customModelName: 'untagged' });

    const { stdout } = await cli.run(['jobs', '--stack', 'StackA', '--json']);

    expect((JSON.parse(stdout) as Array<{ name: string; constructPath: string }>).map((j) => [j.name, j.constructPath]))
      .toEqual([['a-2', 'StackA/Two'], ['a-1', 'StackA/One']]);
  });

  test('--status and --name are the API\'s own filters', async () => {
    cli.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is about listing, not the account's limit
    const done = await cli.startJob({ jobName: 'nightly-1', customModelName: 'n1' });
    await cli.startJob({ jobName: 'nightly-2', customModelName: 'n2' });
    await cli.startJob({ jobName: 'adhoc', customModelName: 'a' });
    cli.emulator.jobs.complete(done);

    const completed = await cli.run(['jobs', '--status', 'Completed', '--json']);
    const nightly = await cli.run(['jobs', '--name', 'nightly', '--json']);

    expect((JSON.parse(completed.stdout) as Array<{ name: string }>).map((j) => j.name)).toEqual(['nightly-1']);
    expect((JSON.parse(nightly.stdout) as Array<{ name: string }>).map((j) => j.name)).toEqual(['nightly-2', 'nightly-1']);
    expect(listCalls().map((c) => [c.input.statusEquals, c.input.nameContains])).toEqual([['Completed', undefined], [undefined, 'nightly']]);
  });

  test('--status takes only the API\'s statuses: anything else is a usage error', async () => {
    const { code, stdout, stderr } = await cli.run(['jobs', '--status', 'Running']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("argument 'Running' is invalid. Allowed choices are InProgress, Completed, Failed, Stopping, Stopped.");
    expect(listCalls()).toHaveLength(0);
  });

  test('--json gives each job\'s fields, dates as ISO strings', async () => {
    await cli.startJob({ jobName: 'json-job', customModelName: 'json-model' }, { stack: 'S', path: 'S/J' });

    const [job] = JSON.parse((await cli.run(['jobs', '--json'])).stdout);

    expect(job).toEqual({
      name: 'json-job',
      arn: expect.stringMatching(/:model-customization-job\//),
      stack: 'S',
      constructPath: 'S/J',
      status: 'InProgress',
      stage: 'validation',
      stages: { 'validation': 'InProgress', 'data processing': 'NotStarted', 'training': 'NotStarted' },
      customizationType: 'FINE_TUNING',
      baseModelArn: expect.stringMatching(/:foundation-model\//),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      durationMs: 0,
      outputModelName: 'json-model',
    });
  });

  test('no jobs is said in words', async () => {
    expect((await cli.run(['jobs'])).stdout).toBe('No jobs.\n');
  });
});
