/*
 * The package's bin as a user runs it: the bundle, in a process of its own,
 * with nothing but the environment (the SDK's credential chain and endpoints).
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { useCli } from './harness';
import { BIN, commandLineEnvironment, spawnCommandLine as bin } from '../../examples/demo/command-line';

const ROOT = path.join(__dirname, '..', '..');

const cli = useCli();

describe('the bin', () => {
  test('is one file that needs nothing but Node.js: a shebang, and no require of anything outside Node\'s own modules', () => {
    // Built by `projen bundle:cli` before compiling, like the handler bundle, and named by package.json.
    expect(path.join(ROOT, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin['cdk-bedrock-customization'])).toBe(BIN);
    const code = fs.readFileSync(BIN, 'utf8');
    expect(code.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // `[require("…")]` is the S3 client's advice in an error message, not a call.
    const required = [...code.matchAll(/(?<![[\w.$])require\("([^"]+)"\)/g)].map((m) => m[1].replace(/^node:/, ''));
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((m) => !builtinModules.includes(m))).toEqual([]);
  });

  test('lists the jobs of the account it is pointed at', async () => {
    await cli.startJob({ jobName: 'from-the-bin', customModelName: 'm' }, { stack: 'Tuning', path: 'Tuning/Job' });

    const { code, stdout, stderr } = await bin(['jobs', '--stack', 'Tuning'], commandLineEnvironment(cli.emulator));

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^from-the-bin\s+Tuning\s+Job\s+InProgress \(validation\)/m);
  });

  test('job: the training chart of a completed job whose validation file S3 answers 403, and why there is no validation loss', async () => {
    const arn = await cli.startJob({ jobName: 'denied-validation', customModelName: 'm' }, { stack: 'Tuning', path: 'Tuning/Job' });
    cli.emulator.jobs.complete(arn);
    cli.emulator.s3.faults.accessDenied({ prefix: `jobs/model-customization-job-${arn.split('/').pop()}/validation_artifacts/` });

    const { code, stdout, stderr } = await bin(['job', 'denied-validation'], commandLineEnvironment(cli.emulator));

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('── training loss   (no validation loss)\n');
    expect(stdout).toContain('\nValidation metrics: not readable (s3:ListBucket tells missing from denied): S3 answered 403 at s3://output-bucket/');
  });

  test('without credentials: one line on stderr, exit code 1, no stack trace, no SDK notice', async () => {
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ...env } = commandLineEnvironment(cli.emulator);

    const { code, stdout, stderr } = await bin(['jobs'], env);

    expect(AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toMatch(/^error: No AWS credentials found\.[^\n]*\n$/);
  });

  test('a usage error exits with 2', async () => {
    const { code, stderr } = await bin(['jobs', '--watch', '--interval', 'soon'], commandLineEnvironment(cli.emulator));

    expect(code).toBe(2);
    expect(stderr).toContain("argument 'soon' is invalid");
  });
});
