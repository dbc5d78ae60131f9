/*
 * npm run bench: prints one JSON document (stdout) measuring stacks of 1, 10
 * and 100 jobs, with the ModelCustomizationJob construct and with the
 * hand-rolled AwsCustomResource alternative, the handler bundle, and the
 * Bedrock reads per hour of waiting in each tier; each timing the median of
 * 5 runs. A summary of the targets goes to stderr; the exit code is 1 when a
 * target fails.
 *
 * Run: npx projen bench (builds the handler bundle first)
 */
import { runBench } from './bench/run';

async function main(): Promise<void> {
  const report = await runBench({ sizes: [1, 10, 100], runs: 5, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(report, undefined, 2)}\n`);
  for (const target of report.targets) {
    process.stderr.write(`${target.pass ? 'pass' : 'FAIL'}  ${target.description}: ${JSON.stringify(target.measured)}\n`);
  }
  const { perJob, byType, perStack, withOwnRole, withSharedRole, stackOf75 } = report.waiting.resourcesPerWaitedJob;
  process.stderr.write(`a job waited for by a wait condition adds ${perJob} resources (${JSON.stringify(byType)}), and ${perStack} once per stack; `
    + `with its resource and service role ${withOwnRole} (${withSharedRole} with a shared role); a stack of 75 waited jobs holds ${stackOf75}\n`);
  process.exitCode = report.pass ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
