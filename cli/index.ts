/*
 * The entry point of the command line (bundled into assets/cli/index.js, the
 * package's bin): `npx cdk-bedrock-customization --help`.
 */
import { processContext } from './context';
import { run } from './program';

void run(process.argv.slice(2), processContext()).then((code) => {
  process.exitCode = code;
});
