/*
 * The bench's measuring code on small stacks: the report's shape, and the
 * targets that hold at any size and are cheap to check (not the synth time
 * ratio, which is noisy on a shared machine; npm run bench checks it).
 */
import { IAM_LIMITS, iamSize } from '../scripts/bench/iam-policies';
import { BenchReport, runBench } from '../scripts/bench/run';
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_LOAD_MS } from '../scripts/bench/targets';

describe('the bench', () => {
  let report: BenchReport;
  beforeAll(async () => {
    report = await runBench({ sizes: [1, 3], runs: 1 });
  }, 180_000);

  test('measures both variants at each size', () => {
    for (const variant of [report.construct, report.alternative]) {
      expect(variant.stacks.map((s) => s.jobs)).toEqual([1, 3]);
      for (const stack of variant.stacks) {
        expect(stack.synthMsRuns).toHaveLength(1);
        expect(stack.synthMs).toBeGreaterThan(0);
        const byType = Object.values(stack.resourcesByType).reduce((a, b) => a + b, 0);
        expect(byType).toBe(stack.resources);
        // The data bucket the jobs share is the one resource neither the provider's nor a job's.
        expect(stack.providerResources.count + stack.jobResources + 1).toBe(stack.resources);
      }
    }
    const [, three] = report.construct.stacks;
    expect(three.resourcesByType['Custom::BedrockModelCustomizationJob']).toBe(3);
    expect(report.alternative.stacks[1].resourcesByType['Custom::AWS']).toBe(3);
    expect(three.providerResources.resources).toEqual(expect.arrayContaining([
      { path: 'BedrockModelCustomizationJobProvider/OnEventHandler/Resource', type: 'AWS::Lambda::Function' },
    ]));
  });

  test('sizes the IAM documents with realistic ARNs, not CloudFormation intrinsics', () => {
    const { iam } = report.construct.stacks[1];
    // Three job service roles, the handlers' role, the Provider framework's three function roles and its waiter's.
    expect(iam.roles).toHaveLength(8);
    const text = JSON.stringify(iam);
    expect(text).not.toMatch(/Fn::|"Ref"/);
    const handler = iam.roles.find((r) => r.role.startsWith('BedrockModelCustomizationJobProviderHandlerRole'))!;
    expect(JSON.stringify(handler.inlinePolicies)).toMatch(/"arn:aws:iam::123456789012:role\/cdk-bedrock-customization\/us-east-1\/ModelCustomizationBench\/\*"/);
    for (const role of iam.roles) {
      expect(role.inlineTotal.size).toBe(role.inlinePolicies.reduce((sum, p) => sum + iamSize(p.document), 0));
      expect(role.inlineTotal.limit).toBe(IAM_LIMITS.roleInlinePolicies);
      expect(role.trustPolicy?.limit).toBe(IAM_LIMITS.roleTrustPolicy);
    }
  });

  test('counts policy size as IAM does: whitespace not counted', () => {
    expect(iamSize({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }))
      .toBe(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }).length);
    expect(iamSize({ Sid: 'a b c' })).toBe('{"Sid":"abc"}'.length);
  });

  test('measures the shipped handler bundle', () => {
    expect(report.bundle.path).toBe('assets/handlers/index.js');
    expect(report.bundle.bytes).toBeGreaterThan(0);
    expect(report.bundle.loadMsRuns).toHaveLength(1);
    expect(report.bundle.loadMs).toBeGreaterThan(0);
  });

  test('the cheap targets hold', () => {
    const targets = Object.fromEntries(report.targets.map((t) => [t.id, t]));
    expect(Object.keys(targets).sort()).toEqual([
      'conditionGetsPerHour', 'fleetMakespan', 'handlerBundleLoad', 'handlerBundleSize', 'policiesWithinIamLimits', 'polledGetsPerHour', 'providerResourcesConstant',
      'queuedCallsPerJobHour', 'resourcesPerExtraJob', 'resourcesPerWaitedJob', 'synthTimeVsAlternative',
    ]);
    for (const id of [
      'providerResourcesConstant', 'resourcesPerExtraJob', 'policiesWithinIamLimits', 'handlerBundleSize', 'polledGetsPerHour', 'conditionGetsPerHour',
    ]) {
      expect({ id, pass: targets[id].pass, measured: targets[id].measured }).toEqual({ id, pass: true, measured: targets[id].measured });
    }
    expect(targets.handlerBundleSize.limit).toBe(MAX_BUNDLE_BYTES);
    // The load time is measured once here, on a machine busy with other suites: its limit, not its pass, is checked.
    expect(targets.handlerBundleLoad).toMatchObject({ limit: MAX_BUNDLE_LOAD_MS, measured: report.bundle.loadMs });
    expect(targets.synthTimeVsAlternative.measured).toEqual({
      ratio: expect.any(Number), constructMs: report.construct.stacks[1].synthMs, alternativeMs: report.alternative.stacks[1].synthMs,
    });
  });

  test('waiting: reads per hour in each tier, from deployments on emulated time, and the resources a waited job adds', () => {
    const { polled, condition, fleet, resourcesPerWaitedJob } = report.waiting;
    expect(polled).toMatchObject({ completionTimeoutMinutes: 55, jobMinutes: 50, status: 'CREATE_COMPLETE' });
    // One read per 30-second poll, from the job's start to its end.
    expect(polled.getCalls).toBeGreaterThanOrEqual(100);
    expect(polled.getCallsPerHour).toBeGreaterThan(100);
    expect(condition).toMatchObject({ completionTimeoutMinutes: 360, jobMinutes: 300, status: 'CREATE_COMPLETE' });
    expect(condition.getCalls).toBeGreaterThan(0);
    // Six one-hour jobs under two slots: three rounds, never more than two in progress.
    expect(fleet).toMatchObject({ jobs: 6, jobMinutes: 60, idealHours: 3, status: 'CREATE_COMPLETE' });
    expect(fleet.peakInProgress).toBe(2);
    expect(fleet.makespanHours).toBeGreaterThanOrEqual(3);
    expect(fleet.callsPerJobHour).toBeGreaterThan(0);
    // The handle, the condition and the job result; the rules and the watcher are the stack's.
    expect(resourcesPerWaitedJob.byType).toEqual({
      'AWS::CloudFormation::WaitConditionHandle': 1,
      'AWS::CloudFormation::WaitCondition': 1,
      'Custom::BedrockModelCustomizationJobResult': 1,
    });
    expect(resourcesPerWaitedJob.perJob).toBe(3);
    expect(resourcesPerWaitedJob.withOwnRole).toBeLessThanOrEqual(6);
    expect(resourcesPerWaitedJob.withSharedRole).toBeLessThanOrEqual(4);
    expect(resourcesPerWaitedJob.stackOf75).toBeLessThanOrEqual(500);
    for (const id of ['queuedCallsPerJobHour', 'fleetMakespan', 'resourcesPerWaitedJob']) {
      expect(report.targets.find((t) => t.id === id)).toMatchObject({ pass: true });
    }
  });

  test('the alternative\'s shared role collects one inline policy per job', () => {
    const shared = report.alternative.stacks.map((s) => Math.max(...s.iam.roles.map((r) => r.inlinePolicies.length)));
    expect(shared).toEqual([1, 3]);
  });
});
