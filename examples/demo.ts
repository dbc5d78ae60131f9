/*
 * `npm run demo`: deploys the example app locally, against the local Bedrock
 * emulator, follows its jobs, tears it down and prints a summary (see
 * demo/run-demo.ts). A failure prints its reason, not a stack trace.
 */
import { demoOptions, runDemo } from './demo/run-demo';

Promise.resolve().then(() => runDemo(demoOptions(process.argv.slice(2)))).catch((e) => {
  console.error(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
