/*
 * One minified CommonJS file from one entry point, shipped in the npm package
 * (consumers never bundle). Used for the handlers and for the command line.
 *
 * - @aws-sdk/* is bundled, not external: the code then does not depend on the
 *   SDK version of the Lambda runtime or of the user's project.
 * - Module-first resolution (`mainFields: ['module', 'main']`) lets esbuild
 *   tree-shake the SDK's ES modules: a much smaller bundle.
 * - Deterministic: paths are relative to the repository root, no source map,
 *   no metafile, no legal comments, so two builds in different folders are
 *   byte-identical and consumers' snapshot tests see one asset hash.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

export const ROOT = path.resolve(__dirname, '..');

export interface BundleOptions {
  /** Entry point, relative to the repository root. */
  readonly entry: string;
  /** The bundle's folder, relative to the root: emptied first (an asset hash covers every file in it). */
  readonly outdir: string;
  /** esbuild's target, e.g. node22. */
  readonly target: string;
  /** The tsconfig of the entry's folder. */
  readonly tsconfig: string;
  /** A first line, e.g. a shebang. */
  readonly banner?: string;
  /** Packages replaced by files of the repository (relative to the root). */
  readonly alias?: Record<string, string>;
}

/** Builds `<outdir>/index.js` and reports its size on stderr (tasks that bundle first keep stdout for their own output). */
export function deterministicBundle(options: BundleOptions): string {
  const outdir = path.join(ROOT, options.outdir);
  const outfile = path.join(outdir, 'index.js');
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: [options.entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: options.target,
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: false,
    metafile: false,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: options.tsconfig,
    banner: options.banner ? { js: options.banner } : undefined,
    alias: options.alias && Object.fromEntries(Object.entries(options.alias).map(([pkg, file]) => [pkg, `./${file}`])),
  });
  const size = fs.statSync(outfile).size;
  console.error(`${path.relative(ROOT, outfile)}: ${(size / 1024).toFixed(1)} KB (${size} bytes)`);
  return outfile;
}
