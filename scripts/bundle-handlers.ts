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
  // A Lambda function's credentials are in its environment, and it signs with them: the SDK's Node.js chain and its
  // bearer-token providers are left out (see the files).
  alias: {
    '@aws-sdk/credential-provider-node': 'lambda/shared/lambda-credentials.ts',
    '@aws-sdk/token-providers': 'lambda/shared/lambda-token.ts',
  },
});
