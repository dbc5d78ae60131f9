import { execFileSync } from 'child_process';
import * as path from 'path';
import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/app';
import { runDemo } from '../examples/demo/run-demo';
import { HANDLER_ROLE_SUPPRESSIONS, WATCHER_ROLE_SUPPRESSIONS } from '../examples/nag-suppressions';
import { RESOURCE_KIND_ENTRIES, WATCHER_ENTRIES } from '../src/private/registry';

describe('the example app', () => {
  test('template snapshot', () => {
    const { stack } = buildExampleApp();
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('the suppressions name the provider of every kind and every watcher of the registry', () => {
    expect(Object.keys(HANDLER_ROLE_SUPPRESSIONS).sort()).toEqual(RESOURCE_KIND_ENTRIES.map((kind) => kind.providerId).sort());
    expect(Object.keys(WATCHER_ROLE_SUPPRESSIONS).sort()).toEqual(WATCHER_ENTRIES.map((watcher) => watcher.constructId).sort());
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

  test('npm run demo deploys the app locally, follows each job to its end, tears it down and sums up', () => {
    const out = execFileSync('npx', ['ts-node', '--transpile-only', path.join('examples', 'demo.ts')], {
      cwd: path.join(__dirname, '..'),
      encoding: 'utf8',
    });
    for (const job of ['RunbookAssistant', 'DomainAdaptation', 'RunbookDistillation', 'RunbookReasoning']) {
      for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
        expect(out).toMatch(new RegExp(`\\] ${job} +Custom::BedrockModelCustomizationJob ${status}\n`));
      }
      for (const phase of ['validation', 'data processing', 'training']) {
        expect(out).toMatch(new RegExp(`\\] ${job} +job InProgress \\(${phase} InProgress\\)\n`));
      }
      expect(out).toMatch(new RegExp(`\\] ${job} +job Completed after 45 min: arn:aws:bedrock:us-east-1:123456789012:custom-model/`));
    }
    expect(out).toMatch(/^RunbookAssistant +arn:aws:bedrock:us-east-1:123456789012:model-customization-job\/amazon\.nova-micro-v1:0:128k\/\w{12} +Completed, model retained +\d+ +[\d.]+$/m);
    expect(out).toMatch(/^DomainAdaptation +arn:aws:bedrock:[^ ]+ +Completed, model deleted +\d+ +[\d.]+$/m);
    expect(out).toMatch(/^RunbookDistillation +arn:aws:bedrock:us-east-1:123456789012:model-customization-job\/amazon\.nova-micro-v1:0:128k\/\w{12} +Completed, model retained /m);
    expect(out).toMatch(/^RunbookReasoning +arn:aws:bedrock:us-east-1:123456789012:model-customization-job\/amazon\.nova-2-lite-v1:0:256k\/\w{12} +Completed, model retained /m);
    for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
      expect(out).toMatch(new RegExp(`\\] InvocationLogging +Custom::BedrockInvocationLogging ${status}\n`));
      expect(out).toMatch(new RegExp(`\\] SupportAssistant +Custom::BedrockCustomModelImport ${status}\n`));
      expect(out).toMatch(new RegExp(`\\] NewestSupportModel +Custom::BedrockCustomModelLookup ${status}\n`));
    }
    expect(out).toMatch(/^InvocationLogging +model invocation logging \(account and region\) +deleted +\d+ +[\d.]+$/m);
    expect(out).toMatch(/\] SupportAssistant +model Creating\n/);
    expect(out).toMatch(/\] SupportAssistant +model Active\n/);
    expect(out).toMatch(/^SupportAssistant +arn:aws:bedrock:us-east-1:123456789012:custom-model\/imported\/\w{12} +Active, model retained +\d+ +[\d.]+$/m);
    expect(out).toMatch(/^NewestSupportModel +arn:aws:bedrock:us-east-1:123456789012:custom-model\/imported\/\w{12} +found ModelCustomizationExample-SupportAssistant\w+-[0-9a-f]{8} +\d+ +[\d.]+$/m);
    expect(out).toMatch(/^TriageModel +arn:aws:bedrock:us-east-1:123456789012:custom-model\/\S+ +found triage-assistant +\d+ +[\d.]+$/m);
    expect(out).toMatch(/, 0 requests breaking the API model, /);
  }, 60_000);

  test('a failing demo says what failed', async () => {
    const lines: string[] = [];
    const demo = runDemo({
      write: (line) => lines.push(line),
      configure: (emulator) => emulator.faults.error('AccessDeniedException', { operation: 'CreateModelCustomizationJob' }),
    });
    await expect(demo).rejects.toThrow(/^the deployment ended ROLLBACK_COMPLETE: .*Creating model customization job '[^']+' failed: the handler role lacks permission/);
    expect(lines.join('\n')).toMatch(/RunbookAssistant +Custom::BedrockModelCustomizationJob CREATE_FAILED/);
  }, 60_000);
});
