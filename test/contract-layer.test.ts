/*
 * The contract layer (src/contract/) is what the constructs, the handlers,
 * the emulator and the command line share: it must stay free of aws-cdk-lib
 * and constructs, and the other sides may reach into src/ through it only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CustomizationType } from '../src';
import { shape } from '../src/contract/constraints';
import { CUSTOMIZATION_TYPES, LISTED_CUSTOMIZATION_TYPES } from '../src/contract/kinds/job';

const ROOT = path.join(__dirname, '..');
/** The TypeScript files under `dir` (relative to the root). */
const files = (dir: string): string[] => (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
/** Every module `file` loads: `import … from`, `export … from`, a bare `import '…'`, `require('…')` and `import('…')`. */
const importsOf = (file: string): string[] => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [
    ...text.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms),
    ...text.matchAll(/^import '([^']+)'/gm),
    ...text.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]);
};

test('src/contract imports nothing but itself', () => {
  const outside = files('src/contract').flatMap((file) => importsOf(file)
    .filter((spec) => !spec.startsWith('.') || !path.resolve(ROOT, path.dirname(file), spec).startsWith(path.join(ROOT, 'src', 'contract')))
    .map((spec) => `${file}: ${spec}`));
  expect(outside).toEqual([]);
});

test('the handlers, the emulator and the command line reach into src/ through the contract only', () => {
  const src = path.join(ROOT, 'src');
  const crossing = ['lambda', 'emulator', 'cli'].flatMap(files).flatMap((file) => importsOf(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(ROOT, path.dirname(file), spec))
    .filter((target) => target.startsWith(src + path.sep) && !target.startsWith(path.join(src, 'contract') + path.sep))
    .map((target) => `${file}: ${path.relative(ROOT, target)}`));
  expect(crossing).toEqual([]);
  expect(files('lambda').length).toBeGreaterThan(10);
});

test('the customization types: one list in the contract (the API model\'s, IMPORTED aside), which the jsii enum restates', () => {
  // The API's enum also has IMPORTED, which custom models report and no job is made with.
  expect([...CUSTOMIZATION_TYPES, 'IMPORTED'].sort()).toEqual([...shape('CustomizationType').enum ?? []].sort());
  expect(Object.values(CustomizationType).sort()).toEqual([...shape('CustomizationType').enum ?? []].sort());
  expect([...LISTED_CUSTOMIZATION_TYPES].sort()).toEqual([...shape('ModelCustomization').enum ?? []].sort());
});
