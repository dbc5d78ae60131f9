/*
 * Synthesizes the bench stacks and measures each: resources (whose, by
 * type), IAM policy documents and their sizes, and synth time.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, AssetStaging, CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IamPolicies, iamPolicies } from './iam-policies';
import { BENCH_ENV, BenchStack, buildBenchStack, Variant } from './stacks';
import { median, ms } from './stats';
import { Template } from '../../emulator/cloudformation/template';

export interface StackMeasurement {
  readonly jobs: number;
  readonly resources: number;
  readonly resourcesByType: Record<string, number>;
  /**
   * Resources outside the jobs and the data bucket they share: the stack's
   * provider (for the alternative, aws-cdk-lib's singleton function and role).
   */
  readonly providerResources: { readonly count: number; readonly resources: readonly { path: string; type: string }[] };
  /** Resources inside the jobs' constructs, all jobs together. */
  readonly jobResources: number;
  /** Median of the runs: constructing the stack and `app.synth()`, in ms. */
  readonly synthMs: number;
  readonly synthMsRuns: readonly number[];
  readonly iam: IamPolicies;
}

export interface VariantMeasurement {
  readonly variant: Variant;
  readonly description: string;
  readonly stacks: readonly StackMeasurement[];
}

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  construct: 'ModelCustomizationJob: one provider per stack for all its jobs; deleting a job stops it if it still runs',
  alternative: 'one aws-cdk-lib AwsCustomResource per job calling CreateModelCustomizationJob (synth only: cannot wait for a job nor stop one)',
};

interface Synthesis {
  readonly ms: number;
  readonly bench: BenchStack;
  readonly template: Template;
}

/**
 * Measures both variants for each number of jobs, `runs` times each, the
 * variants alternating (after one warm-up synthesis each, so that module
 * loading is not counted).
 */
export function measureSynth(sizes: readonly number[], runs: number, log: (line: string) => void = () => {}): Record<Variant, VariantMeasurement> {
  const variants: Variant[] = ['construct', 'alternative'];
  for (const variant of variants) synthesize(variant, Math.min(...sizes));
  const stacks: Record<Variant, StackMeasurement[]> = { construct: [], alternative: [] };
  for (const jobs of sizes) {
    const times: Record<Variant, number[]> = { construct: [], alternative: [] };
    const last: Partial<Record<Variant, Synthesis>> = {};
    for (let run = 0; run < runs; run++) {
      for (const variant of run % 2 ? [...variants].reverse() : variants) {
        const synthesis = synthesize(variant, jobs);
        times[variant].push(synthesis.ms);
        last[variant] = synthesis;
      }
    }
    for (const variant of variants) {
      const measurement = analyse(last[variant]!, times[variant]);
      log(`${variant}, ${jobs} jobs: ${measurement.resources} resources, synth ${measurement.synthMs} ms`);
      stacks[variant].push(measurement);
    }
  }
  return {
    construct: { variant: 'construct', description: VARIANT_DESCRIPTIONS.construct, stacks: stacks.construct },
    alternative: { variant: 'alternative', description: VARIANT_DESCRIPTIONS.alternative, stacks: stacks.alternative },
  };
}

/** One synthesis as `cdk synth` does it in a fresh process: no asset hash cached, a fresh output folder. */
function synthesize(variant: Variant, jobs: number): Synthesis {
  AssetStaging.clearAssetHashCache();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const start = performance.now();
    const app = new App({ outdir });
    const bench = buildBenchStack(app, variant, jobs);
    const assembly = app.synth();
    const elapsed = performance.now() - start;
    return { ms: elapsed, bench, template: assembly.getStackArtifact(bench.stack.artifactId).template };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function analyse({ bench, template }: Synthesis, times: readonly number[]): StackMeasurement {
  const { stack } = bench;
  const byLogicalId = new Map(stack.node.findAll().filter(CfnResource.isCfnResource).map((r) => [stack.resolve(r.logicalId) as string, r]));
  const jobs = new Set(bench.jobs);
  const fixtures = new Set(bench.fixtures);
  const depth = stack.node.scopes.length;
  const resourcesByType: Record<string, number> = {};
  const provider: { path: string; type: string }[] = [];
  let jobResources = 0;
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    resourcesByType[resource.Type] = (resourcesByType[resource.Type] ?? 0) + 1;
    const construct = byLogicalId.get(logicalId);
    // The stack's child that holds the resource: a job, the shared data, or the provider.
    const owner = construct?.node.scopes[depth];
    if (owner && jobs.has(owner)) jobResources++;
    else if (!owner || !fixtures.has(owner)) provider.push({ path: relativePath(stack, construct) ?? logicalId, type: resource.Type });
  }
  const identity = {
    stackName: stack.stackName,
    stackId: `arn:aws:cloudformation:${BENCH_ENV.region}:${BENCH_ENV.account}:stack/${stack.stackName}/00000000-0000-0000-0000-000000000000`,
    region: BENCH_ENV.region,
    accountId: BENCH_ENV.account,
  };
  return {
    jobs: bench.jobs.length,
    resources: Object.keys(template.Resources).length,
    resourcesByType,
    providerResources: { count: provider.length, resources: provider },
    jobResources,
    synthMs: ms(median(times)),
    synthMsRuns: times.map(ms),
    iam: iamPolicies(template, identity),
  };
}

function relativePath(stack: Stack, construct?: IConstruct): string | undefined {
  return construct?.node.path.slice(stack.node.path.length + 1);
}
