/*
 * npm run bench: prints one JSON document (stdout) measuring stacks of 1, 10
 * and 100 jobs, with the ModelCustomizationJob construct and with the
 * hand-rolled AwsCustomResource alternative, and the handler bundle; each
 * timing the median of 5 runs. A summary of the targets goes to stderr; the
 * exit code is 1 when a target fails.
 *
 * Run: npx projen bench (builds the handler bundle first)
 */
import { runBench } from './bench/run';

const report = runBench({ sizes: [1, 10, 100], runs: 5, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify(report, undefined, 2)}\n`);
for (const target of report.targets) {
  process.stderr.write(`${target.pass ? 'pass' : 'FAIL'}  ${target.description}: ${JSON.stringify(target.measured)}\n`);
}
process.exitCode = report.pass ? 0 : 1;
