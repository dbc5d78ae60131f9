/*
 * The entry point of the command line (bundled into assets/cli/index.js, the
 * package's bin): `npx cdk-bedrock-customization --help`.
 */
import { processContext } from './context';
import { run } from './program';

// The SDK inside the bundle is fixed at build time, so its notice that future SDK releases need Node 22 concerns the package, not the user.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

void run(process.argv.slice(2), processContext()).then((code) => {
  process.exitCode = code;
});
