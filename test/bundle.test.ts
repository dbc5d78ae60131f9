import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../examples/app';
import { handlerExports, RESOURCE_KIND_ENTRIES } from '../src/contract/registry';
import { HANDLER_CODE_DIR, HANDLER_RUNTIME } from '../src/private/handler-code';

// The bundle the constructs deploy, built by `projen bundle:handlers` before compiling.
const BUNDLE = path.join(HANDLER_CODE_DIR, 'index.js');

describe('the handler bundle', () => {
  test('holds only index.js, with the SDK inside and no absolute path of the build machine', () => {
    expect(fs.readdirSync(HANDLER_CODE_DIR)).toEqual(['index.js']);
    const code = fs.readFileSync(BUNDLE, 'utf8');
    // Everything is inside but Node's own modules, and the SDK's optional SigV4a signers, which Bedrock does not use.
    const required = new Set([...code.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1]));
    const outside = [...required].filter((m) => !builtinModules.includes(m.replace(/^node:/, '')));
    expect(outside.sort()).toEqual(['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a']);
    expect(code).not.toContain(path.resolve(__dirname, '..'));
    expect(code.length).toBeLessThan(600 * 1024);
  });

  test('exports exactly the handlers of the registry, and each provider\'s functions (its queue\'s watcher included) name its own', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const handlers = require(BUNDLE);
    const registered = RESOURCE_KIND_ENTRIES.flatMap(handlerExports);
    expect(Object.keys(handlers).sort()).toEqual([...registered].sort());
    for (const name of registered) expect(typeof handlers[name]).toBe('function');

    const { stack } = buildExampleApp();
    const template = Template.fromStack(stack);
    for (const kind of RESOURCE_KIND_ENTRIES) {
      // The example app has every kind: its provider is the stack's child of the registry's id.
      const provider = stack.node.tryFindChild(kind.providerId);
      expect(provider).toBeDefined();
      const ids = provider!.node.findAll().filter((c): c is lambda.CfnFunction => c instanceof lambda.CfnFunction).map((f) => stack.getLogicalId(f));
      const functions = template.findResources('AWS::Lambda::Function', { Properties: { Runtime: HANDLER_RUNTIME.name } });
      const exported = Object.entries(functions).filter(([id]) => ids.includes(id)).map(([, f]: [string, any]) => f.Properties.Handler.replace(/^index\./, ''));
      expect(exported.sort()).toEqual(handlerExports(kind).sort());
    }
  });
});
