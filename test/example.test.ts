import { execFileSync } from 'child_process';
import * as path from 'path';
import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/app';

describe('the example app', () => {
  test('template snapshot', () => {
    const { stack } = buildExampleApp();
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('cdk-nag AwsSolutions: no unsuppressed errors or warnings', () => {
    const { app, stack } = buildExampleApp();
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    app.synth();
    const annotations = Annotations.fromStack(stack);
    const findings = [...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())]
      .map((m) => `${m.id}: ${String(m.entry.data).split(':')[0]}`);
    expect(findings).toEqual([]);
  });

  test('npm run demo prints the request of every job, built by the handler', () => {
    const out = execFileSync('npx', ['ts-node', '--transpile-only', path.join('examples', 'demo.ts')], {
      cwd: path.join(__dirname, '..'),
      encoding: 'utf8',
    });
    expect(out).toContain('Custom::BedrockModelCustomizationJob RunbookAssistant');
    expect(out).toContain('"jobName": "domain-adaptation"');
    expect(out).toMatch(/"customModelName": "ModelCustomizationExample-RunbookAssistant[0-9A-F]{8}-[0-9a-f]{8}"/);
    expect(out).toMatch(/"clientRequestToken": "[0-9a-f]{64}"/);
    expect(out).toContain('"roleArn": "<RunbookAssistantServiceRole');
    expect(out).toContain('2 custom resources in ModelCustomizationExample');
  }, 60_000);
});
