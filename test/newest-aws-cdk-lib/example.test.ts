/*
 * The example app under the newest aws-cdk-lib. Only scripts/newest-aws-cdk-lib.sh
 * runs this folder, in a copy of the checkout where aws-cdk-lib is that version;
 * the default test run ignores it.
 *
 * Its snapshot is its own: aws-cdk-lib's Provider framework (code, runtime,
 * logging) and other defaults change between versions, and the floor's
 * snapshot (test/__snapshots__/example.test.ts.snap) stays the reference for
 * the handler bundle, whose asset hash is a placeholder here so that a
 * handler change leaves this snapshot alone. Rewrite it with
 * `npx projen test:newest-aws-cdk-lib --update`, after reading its diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../../examples/app';
import { handlerExports, RESOURCE_KIND_ENTRIES } from '../../src/contract/registry';

const ROOT = path.join(__dirname, '..', '..');

/** The version the package of the newest aws-cdk-lib names (.ci/newest-aws-cdk-lib/package.json). */
function newestVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.ci', 'newest-aws-cdk-lib', 'package.json'), 'utf8'));
  return manifest.dependencies['aws-cdk-lib'];
}

/** The template, with the handler bundle's asset key (the S3Key of every function running one of its exports) a placeholder. */
function exampleTemplate(): Record<string, unknown> {
  const template = Template.fromStack(buildExampleApp().stack).toJSON();
  const handlers = new Set(RESOURCE_KIND_ENTRIES.flatMap(handlerExports).map((name) => `index.${name}`));
  const keys = new Set(Object.values(template.Resources as Record<string, { Type: string; Properties: any }>)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function' && handlers.has(resource.Properties.Handler))
    .map((resource) => resource.Properties.Code.S3Key));
  expect(keys.size).toBe(1);
  const [key] = keys;
  return JSON.parse(JSON.stringify(template).split(key).join('HANDLER-BUNDLE.zip'));
}

test('the run resolves aws-cdk-lib to the newest version', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require('aws-cdk-lib/package.json').version).toBe(newestVersion());
});

test('the example app synthesizes without deprecated API: template snapshot', () => {
  expect(exampleTemplate()).toMatchSnapshot();
});
