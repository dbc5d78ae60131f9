/*
 * Bundles every Lambda handler into ONE minified CommonJS file,
 * assets/handlers/index.js, shipped in the npm package (consumers never bundle).
 *
 * - @aws-sdk/* is bundled, not external: the handler then does not depend on
 *   the SDK version of the Lambda runtime.
 * - Module-first resolution (`mainFields: ['module', 'main']`) lets esbuild
 *   tree-shake the SDK's ES modules: a much smaller bundle.
 * - Deterministic: paths are relative to the repository root, no source map,
 *   no metafile, no legal comments, so two builds in different folders are
 *   byte-identical and consumers' snapshot tests see one asset hash.
 *
 * Run: npx ts-node --transpile-only scripts/bundle-handlers.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '..');
const outdir = path.join(root, 'assets', 'handlers');
const outfile = path.join(outdir, 'index.js');

// A clean folder: the asset hash covers every file in it.
fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });

buildSync({
  absWorkingDir: root,
  entryPoints: ['lambda/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: false,
  metafile: false,
  legalComments: 'none',
  logLevel: 'warning',
  tsconfig: 'lambda/tsconfig.json',
});

const size = fs.statSync(outfile).size;
// On stderr: tasks that build the bundle first (npm run bench) keep stdout for their own output.
console.error(`${path.relative(root, outfile)}: ${(size / 1024).toFixed(1)} KB (${size} bytes)`);
