import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { useCli } from './harness';

const cli = useCli();

const NO_STACK = /^\s+at /m;
const callsOf = (operation: string) => cli.emulator.calls.filter((c) => c.operation === operation);

/** Runs with these environment variables changed (undefined removes one), then puts them back. */
async function withEnv<T>(changes: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => Object.entries(values).forEach(([k, v]) => {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });
  apply(changes);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

describe('errors', () => {
  test('access denied names the call and the permission it needs', async () => {
    cli.emulator.faults.error('AccessDeniedException', { operation: 'ListModelCustomizationJobs' },
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListModelCustomizationJobs');

    const { code, stdout, stderr } = await cli.run(['jobs']);

    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe('error: Access denied: ListModelCustomizationJobs needs bedrock:ListModelCustomizationJobs. Ask for it in your IAM policy. '
      + '(User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListModelCustomizationJobs)\n');
  });

  test('access denied to the tags of a job names ListTagsForResource and the job', async () => {
    const arn = await cli.startJob({ jobName: 'tagged', customModelName: 'm' });
    cli.emulator.faults.error('AccessDeniedException', { operation: 'ListTagsForResource' });

    const { code, stderr } = await cli.run(['jobs', '--stack', 'S']);

    expect(code).toBe(1);
    expect(stderr).toContain(`error: Access denied: ListTagsForResource needs bedrock:ListTagsForResource on ${arn}.`);
  });

  test('throttling is retried with the SDK\'s backoff: a few throttled calls are not seen', async () => {
    await cli.startJob({ jobName: 'survivor', customModelName: 'm' });
    cli.emulator.faults.throttle({ operation: 'ListModelCustomizationJobs', times: 2 });

    const { code, stdout } = await cli.run(['jobs']);

    expect(code).toBe(0);
    expect(stdout).toContain('survivor');
    expect(callsOf('ListModelCustomizationJobs').map((c) => c.errorType)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
  });

  test('throttling that outlasts the retries says so, with the number of attempts', async () => {
    cli.emulator.faults.throttle({ operation: 'ListFoundationModels' });

    const { code, stderr } = await cli.run(['base-models']);

    expect(code).toBe(1);
    expect(stderr).toBe('error: Throttled: ListFoundationModels was still throttled after 5 attempts with the SDK\'s backoff. '
      + 'Try again in a minute, or ask for a higher request quota.\n');
    expect(callsOf('ListFoundationModels')).toHaveLength(5);
  });

  test('no credentials anywhere in the SDK\'s chain', async () => {
    const { code, stderr } = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }, () => cli.run(['models']));

    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: No AWS credentials found\. .*Run `aws configure` or `aws sso login`, or pass --profile\.\n$/);
    expect(callsOf('ListCustomModels')).toHaveLength(0);
  });

  test('a profile that does not exist', async () => {
    const { code, stderr } = await withEnv({ AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
      () => cli.run(['jobs', '--profile', 'nobody']));

    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: No AWS credentials found\./);
  });

  test('credentials and region from a named profile (--profile), as the SDK\'s chain reads them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-profile-'));
    fs.writeFileSync(path.join(dir, 'credentials'), '[ml]\naws_access_key_id = AKIAPROFILE000000000\naws_secret_access_key = profile-secret\n');
    fs.writeFileSync(path.join(dir, 'config'), `[profile ml]\nregion = ${cli.emulator.region}\n`);
    try {
      const { code, stdout } = await withEnv({
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_REGION: undefined,
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
        AWS_CONFIG_FILE: path.join(dir, 'config'),
      }, () => cli.run(['jobs', '--profile', 'ml']));

      expect({ code, stdout }).toEqual({ code: 0, stdout: 'No jobs.\n' });
      expect(callsOf('ListModelCustomizationJobs')).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no region, and --region giving one', async () => {
    const { code, stderr } = await withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined }, () => cli.run(['jobs']));
    const given = await withEnv({ AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined }, () => cli.run(['jobs', '--region', cli.emulator.region]));

    expect(code).toBe(1);
    expect(stderr).toBe('error: No AWS region. Set AWS_REGION, give your profile a region, or pass --region.\n');
    expect({ code: given.code, stdout: given.stdout }).toEqual({ code: 0, stdout: 'No jobs.\n' });
    expect(callsOf('ListModelCustomizationJobs')).toHaveLength(1);
  });

  test('a job that does not exist', async () => {
    const { code, stderr } = await cli.run(['job', 'nope']);

    expect(code).toBe(1);
    expect(stderr).toBe('error: No model customization job "nope" in this account and region. `jobs` lists them; a name or a job ARN will do.\n');
  });

  test('an endpoint nobody answers', async () => {
    const { code, stderr } = await withEnv({ AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:9' }, () => cli.run(['jobs']));

    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: Cannot reach AWS for ListModelCustomizationJobs \(ECONNREFUSED\): .*Check the network and the region\.\n$/);
  }, 60_000);

  test('a command or option that does not exist is a usage error', async () => {
    const command = await cli.run(['jbos']);
    const option = await cli.run(['jobs', '--stak', 'X']);
    const missing = await cli.run(['job']);

    expect([command.code, option.code, missing.code]).toEqual([2, 2, 2]);
    expect(command.stderr).toContain("error: unknown command 'jbos'");
    expect(option.stderr).toContain("error: unknown option '--stak'");
    expect(missing.stderr).toContain("error: missing required argument 'name-or-arn'");
  });

  test('--help and no command print the usage', async () => {
    const help = await cli.run(['--help']);
    const none = await cli.run([]);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: cdk-bedrock-customization [options] [command]');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: cdk-bedrock-customization [options] [command]');
  });

  test('no failure prints a stack trace', async () => {
    cli.emulator.faults.error('InternalServerException', { operation: 'ListCustomModels' });

    const { code, stderr } = await cli.run(['models']);

    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: ListCustomModels failed: InternalServerException: /);
    expect(stderr).not.toMatch(NO_STACK);
    expect(stderr.split('\n')).toHaveLength(2);
  });
});
