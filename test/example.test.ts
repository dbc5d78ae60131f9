import { execFileSync } from 'child_process';
import * as path from 'path';
import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/app';
import { demoOptions, runDemo } from '../examples/demo/run-demo';
import { HANDLER_ROLE_SUPPRESSIONS } from '../examples/nag-suppressions';
import { RESOURCE_KIND_ENTRIES } from '../src/contract/registry';

describe('the example app', () => {
  test('template snapshot', () => {
    const { stack } = buildExampleApp();
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });

  test('the suppressions name the provider of every kind of the registry', () => {
    expect(Object.keys(HANDLER_ROLE_SUPPRESSIONS).sort()).toEqual(RESOURCE_KIND_ENTRIES.map((kind) => kind.providerId).sort());
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

  test('npm run demo deploys the app locally, waits for each job for hours of emulated time, tears it down and sums up', () => {
    const out = execFileSync('npx', ['ts-node', '--transpile-only', path.join('examples', 'demo.ts')], {
      cwd: path.join(__dirname, '..'),
      encoding: 'utf8',
    });
    const hours: Record<string, number> = { RunbookAssistant: 3, DomainAdaptation: 6, RunbookDistillation: 2, RunbookReasoning: 5 };
    const queued: Record<string, number> = {};
    for (const [job, jobHours] of Object.entries(hours)) {
      for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
        expect(out).toMatch(new RegExp(`\\] ${job} +Custom::BedrockModelCustomizationJob ${status}\n`));
        expect(out).toMatch(new RegExp(`\\] ${job} +AWS::CloudFormation::WaitCondition ${status}\n`));
      }
      expect(out).toMatch(new RegExp(`\\] ${job} +job Completed \\(read by the watcher\\)\n`));
      expect(out).toMatch(new RegExp(`\\] ${job} +job Completed after ${jobHours}(\\.\\d)? emulated hours: arn:aws:bedrock:us-east-1:123456789012:custom-model/`));
      // The summary: hours waiting for a slot, hours training, and Bedrock reads per hour of waiting within the long tier's budget.
      const row = new RegExp(`^${job} +arn:aws:bedrock:us-east-1:123456789012:model-customization-job/\\S+ +Completed, model (retained|deleted) +\\d+ +([\\d.]+) +([\\d.]+) +([\\d.]+) +[\\d.]+$`, 'm').exec(out);
      expect(row).not.toBeNull();
      queued[job] = Number(row![2]);
      expect(Number(row![3])).toBeGreaterThanOrEqual(jobHours);
      expect(Number(row![4])).toBeLessThanOrEqual(12);
    }
    // Four jobs under the account's two slots: never more than two ran at once, and the jobs that found both taken
    // (how many depends on when each resource is created) waited, and said so.
    const waitedForSlot = Object.keys(hours).filter((job) => new RegExp(`\\] ${job} +waits for a free Bedrock slot`).test(out));
    expect(waitedForSlot.length).toBeGreaterThanOrEqual(1);
    // Every job resource is created before any wait, and the shortest job trains 2 hours: a queued job waits hours, never 0.0.
    expect(waitedForSlot.every((job) => queued[job] > 0)).toBe(true);
    const startedAtOnce = Object.keys(hours).filter((job) => !waitedForSlot.includes(job));
    expect(startedAtOnce.map((job) => queued[job])).toEqual(startedAtOnce.map(() => 0));
    expect(out).toMatch(/^At most 2 jobs in progress at once /m);
    expect(out).toMatch(/^DomainAdaptation +\S+ +Completed, model deleted /m);
    expect(out).toMatch(/^RunbookAssistant +\S+ +Completed, model retained /m);
    for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
      expect(out).toMatch(new RegExp(`\\] InvocationLogging +Custom::BedrockInvocationLogging ${status}\n`));
      expect(out).toMatch(new RegExp(`\\] SupportAssistant +Custom::BedrockNovaModelImport ${status}\n`));
      expect(out).toMatch(new RegExp(`\\] NewestSupportModel +Custom::BedrockCustomModelLookup ${status}\n`));
    }
    // The distillation learns from the invocation logs: logging is configured before its job starts.
    expect(out.search(/\] InvocationLogging +Custom::BedrockInvocationLogging CREATE_COMPLETE/))
      .toBeLessThan(out.search(/\] RunbookDistillation +Custom::BedrockModelCustomizationJob CREATE_IN_PROGRESS/));
    // The fine-tuned model, served on demand once its job has completed.
    for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
      expect(out).toMatch(new RegExp(`\\] RunbookAssistantEndpoint +Custom::BedrockCustomModelDeployment ${status}\n`));
    }
    expect(out).toMatch(/\] RunbookAssistantEndpoint +deployment Creating\n/);
    expect(out).toMatch(/\] RunbookAssistantEndpoint +deployment Active\n/);
    expect(out.search(/\] RunbookAssistant +AWS::CloudFormation::WaitCondition CREATE_COMPLETE/))
      .toBeLessThan(out.search(/\] RunbookAssistantEndpoint +Custom::BedrockCustomModelDeployment CREATE_IN_PROGRESS/));
    expect(out).toMatch(/^RunbookAssistantEndpoint +arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment\/[a-z0-9]{12} +Active on demand, deployment deleted +\d+ +[\d.]+$/m);
    // The imported model, served on provisioned throughput.
    for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
      expect(out).toMatch(new RegExp(`\\] SupportAssistantThroughput +Custom::BedrockProvisionedThroughput ${status}\n`));
    }
    expect(out).toMatch(/\] SupportAssistantThroughput +throughput Creating\n/);
    expect(out).toMatch(/\] SupportAssistantThroughput +throughput InService\n/);
    expect(out).toMatch(/^SupportAssistantThroughput +arn:aws:bedrock:us-east-1:123456789012:provisioned-model\/[a-z0-9]{12} +InService, throughput deleted +\d+ +[\d.]+$/m);
    // The demo ends by invoking the endpoints through the real bedrock-runtime client.
    expect(out).toMatch(/\] RunbookAssistantEndpoint +answer: Answer from arn:aws:bedrock:us-east-1:123456789012:custom-model\/amazon\.nova-micro-v1:0:128k\/\w{12} via arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment\/\w{12}: The payments API/);
    expect(out).toMatch(/\] SupportAssistantThroughput +answer: Answer from arn:aws:bedrock:us-east-1:123456789012:custom-model\/imported\/\w{12} via arn:aws:bedrock:us-east-1:123456789012:provisioned-model\/\w{12}: A customer/);
    // The open-weight model: imported from the files the demo put in the data bucket, waited for by a wait condition
    // (its result reads the model), then invoked on demand by its ARN.
    for (const status of ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'DELETE_COMPLETE']) {
      expect(out).toMatch(new RegExp(`\\] RunbookLlama +Custom::BedrockModelImportJob ${status}\n`));
      expect(out).toMatch(new RegExp(`\\] RunbookLlama +Custom::BedrockModelImportJobResult ${status}\n`));
    }
    expect(out).toMatch(/\] RunbookLlama +imported \(llama\), served on demand: invoke arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12}\n/);
    expect(out).toMatch(/\] RunbookLlama +answer: Answer from (arn:aws:bedrock:us-east-1:123456789012:imported-model\/\w{12}) via \1: The nightly backup job/);
    expect(out).toMatch(/^RunbookLlama +arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12} +Completed, imported model retained +\d+ +[\d.]+$/m);
    expect(out.search(/answer: Answer from/)).toBeLessThan(out.search(/Tearing down/));
    expect(out).toMatch(/^InvocationLogging +model invocation logging \(account and region\) +deleted +\d+ +[\d.]+$/m);
    expect(out).toMatch(/\] SupportAssistant +model Creating\n/);
    expect(out).toMatch(/\] SupportAssistant +model Active\n/);
    expect(out).toMatch(/^SupportAssistant +arn:aws:bedrock:us-east-1:123456789012:custom-model\/imported\/\w{12} +Active, model retained +\d+ +[\d.]+$/m);
    expect(out).toMatch(/^NewestSupportModel +arn:aws:bedrock:us-east-1:123456789012:custom-model\/imported\/\w{12} +found ModelCustomizationExample-SupportAssistant\w+-[0-9a-f]{8} +\d+ +[\d.]+$/m);
    expect(out).toMatch(/^TriageModel +arn:aws:bedrock:us-east-1:123456789012:custom-model\/\S+ +found triage-assistant +\d+ +[\d.]+$/m);
    expect(out).toMatch(/, 0 requests breaking the API model, /);
    // The whole demo, hours of training included, takes under a minute.
    expect(Number(/ ([\d.]+) s\.$/m.exec(out)![1])).toBeLessThan(60);

    // It ends with the command line: the stack's four jobs, then one of them with its loss chart.
    const commandLine = out.slice(out.indexOf('\nnpx cdk-bedrock-customization jobs --stack ModelCustomizationExample\n'));
    expect(commandLine).toMatch(/^NAME +STACK +CONSTRUCT +STATUS +CREATED +DURATION +OUTPUT MODEL$/m);
    for (const [job, jobHours] of Object.entries(hours)) {
      expect(commandLine).toMatch(new RegExp(`^\\S+ +ModelCustomizationExample +${job} +Completed +\\S+ \\S+ UTC +${jobHours}h 00m +\\S+$`, 'm'));
    }
    expect(commandLine).toMatch(/\nnpx cdk-bedrock-customization job ModelCustomizationExample-RunbookAssistant\w+-[0-9a-f]{8}\nName: /);
    expect(commandLine).toMatch(/^Construct: +RunbookAssistant$/m);
    expect(commandLine).toMatch(/^Duration: +3h 00m$/m);
    expect(commandLine).toMatch(/^Loss, from s3:\/\/\S+\/output\/runbook-assistant\/model-customization-job-[a-z0-9]{12}\/:$/m);
    expect(commandLine).toContain('── training loss   ┄┄ validation loss\n');
    expect(out.trimEnd()).toMatch(/\n {5}0 +step +19$/);
  }, 120_000);

  test('--job-slots sets the jobs the emulated account runs at once; anything else is refused with a message', () => {
    expect(demoOptions([])).toEqual({});
    expect(demoOptions(['--job-slots', '4'])).toEqual({ jobSlots: 4 });
    expect(() => demoOptions(['--job-slots', '0'])).toThrow("--job-slots must be a whole number of at least 1 (got '0')");
    expect(() => demoOptions(['--job-slots', 'two'])).toThrow(/got 'two'/);
    expect(() => demoOptions(['--slots', '4'])).toThrow(/Unknown option '--slots'/);
  });

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
