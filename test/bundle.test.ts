import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from '../examples/app';
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

  test('exports the handler every function of the library names', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const handlers = require(BUNDLE);
    const { stack } = buildExampleApp();
    // The library's functions: under its providers (the app has a function of its own, the grader), on the library's runtime.
    const providers = stack.node.children.filter((c) => /^Bedrock\w*Provider$/.test(c.node.id)).map((p) => `${p.node.path}/`);
    const ids = stack.node.findAll()
      .filter((c): c is lambda.CfnFunction => c instanceof lambda.CfnFunction && providers.some((p) => c.node.path.startsWith(p)))
      .map((f) => stack.getLogicalId(f));
    const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function', { Properties: { Runtime: HANDLER_RUNTIME.name } });
    const exported = Object.entries(functions).filter(([id]) => ids.includes(id)).map(([, f]: [string, any]) => f.Properties.Handler.replace(/^index\./, ''));
    expect(exported.sort()).toEqual(['importIsComplete', 'importOnEvent', 'jobIsComplete', 'jobOnEvent', 'loggingOnEvent', 'lookupOnEvent']);
    for (const name of exported) expect(typeof handlers[name]).toBe('function');
  });
});
