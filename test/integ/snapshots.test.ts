/*
 * The integration tests (test/integ/integ.*.ts, run by integ-runner as
 * integ.config.json says) synthesize what their committed snapshots hold.
 * integ-runner compares without deploying; only `--update-on-failed` with
 * credentials deploys. `npx projen integ:snapshot` writes changed snapshots.
 * The snapshots are synthesized with the aws-cdk-lib the build pins (the
 * floor): the newest aws-cdk-lib's run leaves this folder out.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.join(__dirname, '..', '..');

test('every integration test synthesizes its committed snapshot', async () => {
  const { stdout, stderr } = await promisify(execFile)('npx', ['integ-runner'], { cwd: ROOT, encoding: 'utf8' })
    .catch((e: { stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr }));
  const output = `${stdout}\n${stderr}`;
  expect(output).toMatch(/UNCHANGED +integ\.invocation-logging /);
  expect(output).toMatch(/^Tests: +(\d+) passed, \1 total$/m);
}, 120_000);
