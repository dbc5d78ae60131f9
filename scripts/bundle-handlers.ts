/*
 * Bundles every Lambda handler into ONE minified CommonJS file,
 * assets/handlers/index.js (see deterministic-bundle.ts for how and why).
 *
 * Run: npx ts-node --transpile-only scripts/bundle-handlers.ts
 */
import { deterministicBundle } from './deterministic-bundle';

deterministicBundle({
  entry: 'lambda/index.ts',
  outdir: 'assets/handlers',
  target: 'node22',
  tsconfig: 'lambda/tsconfig.json',
  // A Lambda function's credentials are in its environment: the SDK's Node.js chain is left out (see the file).
  alias: { '@aws-sdk/credential-provider-node': 'lambda/shared/lambda-credentials.ts' },
});
