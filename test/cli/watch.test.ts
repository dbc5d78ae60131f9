import { useCli } from './harness';

const cli = useCli();

const callsOf = (operation: string) => cli.emulator.calls.filter((c) => c.operation === operation);

/** Two jobs of a stack: `short` ends after 4 emulated minutes, `long` after 9. */
async function twoJobs(): Promise<void> {
  cli.emulator.jobs.planFor('short', { validation: { seconds: 60 }, dataProcessing: { seconds: 60 }, training: { seconds: 120 } });
  cli.emulator.jobs.planFor('long', { validation: { seconds: 60 }, dataProcessing: { seconds: 120 }, training: { seconds: 360 } });
  await cli.startJob({ jobName: 'short', customModelName: 'short-model' }, { stack: 'Tuning', path: 'Tuning/Short' });
  await cli.startJob({ jobName: 'long', customModelName: 'long-model' }, { stack: 'Tuning', path: 'Tuning/Long' });
}

describe('jobs --watch', () => {
  test('lists once per 30 seconds of the emulated clock until every job has ended, tags read once per job', async () => {
    await twoJobs();

    const { code, stdout, sleeps } = await cli.run(['jobs', '--watch']);

    expect(code).toBe(0);
    // 9 minutes at one listing per 30 s: listings at 0 s, 30 s, ..., 540 s.
    expect(sleeps).toEqual(Array(18).fill(30_000));
    expect(callsOf('ListModelCustomizationJobs')).toHaveLength(19);
    expect(callsOf('ListTagsForResource')).toHaveLength(2);
    expect(stdout).not.toMatch(/\x1b/);
    const frames = stdout.split('\n\n2026-').map((f, i) => (i === 0 ? f : `2026-${f}`));
    expect(frames).toHaveLength(19);
    expect(frames[0]).toContain('2026-12-01 09:00 UTC: 2 of 2 jobs running; next refresh in 30s');
    expect(frames[0]).toContain('short  validation running · data processing waiting · training waiting  (0s)');
    expect(frames[5]).toContain('short  validation done · data processing done · training running  (2m 30s)');
    expect(frames[5]).toContain('long  validation done · data processing running · training waiting  (2m 30s)');
    // short ended at 4 minutes: from then on, one progress line.
    expect(frames[8]).toContain('1 of 2 jobs running');
    expect(frames[8]).not.toMatch(/^short {2}validation/m);
    expect(frames[18]).toContain('2026-12-01 09:09 UTC: all 2 jobs have ended');
    expect(frames[18]).toMatch(/^long\s+Tuning\s+Long\s+Completed\s+2026-12-01 09:00 UTC\s+9m 00s\s+long-model$/m);
  });

  test('on a terminal, each refresh erases the last one and draws in its place', async () => {
    await twoJobs();

    const { stdout } = await cli.run(['jobs', '--watch', '--stack', 'Tuning'], { columns: 60 });

    const redraws = stdout.match(/\x1b\[(\d+)F\x1b\[0J/g) ?? [];
    expect(redraws).toHaveLength(18);
    // The first frame: a head line, a blank, the table (3 lines wrapped at 60 columns), a blank and two progress lines.
    const first = stdout.slice(0, stdout.indexOf('\x1b'));
    const rows = first.trimEnd().split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 60)), 0);
    expect(redraws[0]).toBe(`\x1b[${rows}F\x1b[0J`);
    expect(stdout.slice(stdout.lastIndexOf('\x1b[0J') + 4)).toContain('all 2 jobs have ended');
  });

  test('--interval sets a longer interval; nothing shorter than 30 seconds is taken', async () => {
    await twoJobs();

    const longer = await cli.run(['jobs', '--watch', '--interval', '120']);
    const shorter = await cli.run(['jobs', '--watch', '--interval', '10']);

    expect(longer.sleeps).toEqual(Array(5).fill(120_000));
    expect(shorter.code).toBe(2);
    expect(shorter.stderr).toContain("option '--interval <seconds>' argument '10' is invalid. a number of seconds, at least 30.");
  });

  test('--json prints one document per refresh', async () => {
    await twoJobs();

    const { stdout } = await cli.run(['jobs', '--watch', '--json']);

    const docs = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(docs).toHaveLength(19);
    expect(docs[0]).toMatchObject({ at: '2026-12-01T09:00:00.000Z', running: 2 });
    expect(docs[18]).toMatchObject({ at: '2026-12-01T09:09:00.000Z', running: 0 });
    expect(docs[18].jobs.map((j: { status: string }) => j.status)).toEqual(['Completed', 'Completed']);
  });

  test('one ListModelCustomizationJobs call per refresh, in pages of the API\'s largest size', async () => {
    cli.emulator.capacity.limits.customizationJobs = Infinity; // more than two jobs at once: this test is about listing, not the account's limit
    for (let i = 0; i < 130; i++) await cli.startJob({ jobName: `done-${i}`, customModelName: `done-${i}` });
    cli.emulator.jobs.list({ maxResults: 1000 }).items.forEach((job) => cli.emulator.jobs.complete(job.jobArn!));
    await twoJobs();

    const { sleeps } = await cli.run(['jobs', '--watch']);

    expect(callsOf('ListModelCustomizationJobs')).toHaveLength(sleeps.length + 1);
    callsOf('ListModelCustomizationJobs').forEach((call) => {
      expect(call.input.maxResults).toBe(1000);
      expect(call.input.nextToken).toBeUndefined();
    });
  });

  test('with nothing running, one listing and done', async () => {
    const arn = await cli.startJob({ jobName: 'over', customModelName: 'over-model' });
    cli.emulator.jobs.complete(arn);

    const { stdout, sleeps } = await cli.run(['jobs', '--watch']);

    expect(sleeps).toEqual([]);
    expect(stdout).toContain('2026-12-01 09:00 UTC: all 1 job has ended');
  });
});
