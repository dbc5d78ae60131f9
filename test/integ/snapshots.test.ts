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
import { integApps } from './local/run-integ-app';

const ROOT = path.join(__dirname, '..', '..');
const APPS = integApps().map((file) => file.replace(/\.ts$/, ''));

test('every integration test synthesizes its committed snapshot', async () => {
  const { stdout, stderr } = await promisify(execFile)('npx', ['integ-runner'], { cwd: ROOT, encoding: 'utf8' })
    .catch((e: { stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr }));
  const output = `${stdout}\n${stderr}`;
  for (const app of APPS) expect(output).toMatch(new RegExp(`UNCHANGED +${app.replace(/\./g, '\\.')} `));
  expect(output).toMatch(new RegExp(`^Tests: +${APPS.length} passed, ${APPS.length} total$`, 'm'));
}, 120_000);
