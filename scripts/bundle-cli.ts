/*
 * Bundles the command line into ONE minified CommonJS file, assets/cli/index.js,
 * the package's `bin` (see deterministic-bundle.ts for how and why). Every
 * library it uses is inside: installing the package installs nothing more.
 *
 * Run: npx ts-node --transpile-only scripts/bundle-cli.ts
 */
import { deterministicBundle } from './deterministic-bundle';

// Node 20: the package's own floor (the command runs on the user's machine, not in Lambda).
deterministicBundle({ entry: 'cli/index.ts', outdir: 'assets/cli', target: 'node20', tsconfig: 'cli/tsconfig.json', banner: '#!/usr/bin/env node' });
