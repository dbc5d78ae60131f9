/*
 * Runs an integration test app (test/integ/integ.*.ts) as integ-runner does
 * in an account, against the local CloudFormation engine and the emulators:
 * synthesizes it, deploys its stacks in order (the test stacks, then the
 * assertion stack, whose provider calls the emulators through the AWS SDK),
 * reads the assertions' results, destroys the stacks in reverse order and
 * runs the test case's post-destroy hooks with the emulators' endpoints.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { cx_api } from 'aws-cdk-lib';
import { BedrockEmulator, emulatorEnvironment } from '../../../emulator/bedrock';
import { AccountStacks, ExternalClock, LocalCloudFormation, LocalCloudFormationOptions, OperationResult, StackExports } from '../../../emulator/cloudformation';

/** The folder of the apps, where integ-runner runs hooks. */
const INTEG_DIR = path.join(__dirname, '..');

/** The integration apps (`integ.*.ts` of test/integ), as integ-runner finds them. */
export function integApps(): string[] {
  return fs.readdirSync(INTEG_DIR).filter((file) => /^integ\..*\.ts$/.test(file)).sort();
}

/** What one run of an app gave. */
export interface IntegRun {
  /** Each stack's operation, in the order run: `<stack> deploy` then `<stack> destroy`. */
  readonly operations: ReadonlyArray<{ readonly stack: string; readonly operation: 'deploy' | 'destroy'; readonly result: OperationResult }>;
  /** Each assertion's result by output name (integ-tests: `{"status":"success"}` or `{"status":"fail","message":...}`). */
  readonly assertions: Readonly<Record<string, unknown>>;
  /**
   * The objects left in the stacks' buckets once they are destroyed. The engine deletes a bucket whatever it holds,
   * where CloudFormation fails to delete one that is not empty (BucketNotEmpty).
   */
  readonly leftInBuckets: readonly string[];
  /** The stacks left in the account once the app's are destroyed (a probe's stack it did not delete), with their status. */
  readonly leftStacks: readonly string[];
  /**
   * The post-destroy hooks run, with their exit code and output (stdout, then stderr). integ-runner fails a test on a
   * hook that exits non-zero; the run reports it, beside the operations, for the caller to fail on.
   */
  readonly hooks: ReadonlyArray<{ readonly command: string; readonly exitCode: number; readonly output: string }>;
  /**
   * What the test case says of its deployment (`cdkCommandOptions.deploy`): when `expectError`, integ-runner takes a
   * failed deployment whose error message matches `expectedMessage` (a regular expression) for a pass.
   */
  readonly deploy: { readonly expectError?: boolean; readonly expectedMessage?: string };
}

/**
 * The error message the AWS CDK gives a failed deployment, as integ-runner matches it: the toolkit's message followed
 * by the reasons of the stack's failed resources.
 */
export function deployErrorMessage(stack: string, result: OperationResult): string {
  const reasons = result.events.filter((event) => event.logicalId !== stack && /_FAILED$/.test(event.status) && event.reason).map((event) => event.reason);
  return `The stack named ${stack} failed creation: ${result.status}: ${reasons.join(', ')}`;
}

/** Synthesizes `appFile` (it calls `app.synth()`) into a new folder. */
export function synthesizeIntegApp(appFile: string): cx_api.CloudAssembly {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-'));
  const saved = process.env[cx_api.OUTDIR_ENV];
  process.env[cx_api.OUTDIR_ENV] = outdir;
  try {
    // The app synthesizes when it runs (its last line is app.synth()): loaded afresh, as its own process would.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(appFile));
  } finally {
    if (saved === undefined) delete process.env[cx_api.OUTDIR_ENV];
    else process.env[cx_api.OUTDIR_ENV] = saved;
  }
  return new cx_api.CloudAssembly(outdir);
}

/** How an app runs locally. */
export interface IntegRunOptions {
  /** Goes to every function (as a local stand-in for what a function would reach on the web). */
  readonly environment?: Readonly<Record<string, string>>;
  /** Engine options: the switches of emulator/LEDGER.md's `engine:` rows, for the other reading. */
  readonly engine?: Omit<LocalCloudFormationOptions, 'clock' | 'eventSources' | 'exports' | 'accountStacks' | 'iamRoles' | 'environment' | 'onProgress'>;
}

/** Deploys every stack of the app's assembly, reads the assertions, destroys, runs the post-destroy hooks. */
export async function runIntegApp(emulator: BedrockEmulator, assembly: cx_api.CloudAssembly, options: IntegRunOptions = {}): Promise<IntegRun> {
  emulator.clock.acceleration = 0;
  // The account's exports and stacks, one for every engine (CloudFormation's API answers a function of any stack).
  const exports = new StackExports();
  const accountStacks = new AccountStacks();
  const environment = { ...emulatorEnvironment(emulator), ...options.environment };
  const operations: Array<IntegRun['operations'][number]> = [];
  const deployed: Array<{ stack: string; engine: LocalCloudFormation }> = [];
  const buckets: string[] = [];
  const assertions: Record<string, unknown> = {};
  const assertionStackNames = assertionStacks(assembly);
  const testStacks = assembly.stacks.filter((artifact) => !assertionStackNames.includes(artifact.stackName));
  // As integ-runner deploys them: the test stacks (in the assembly's order, which puts a stack after those it depends
  // on), then the assertion stack.
  const assertionArtifacts = assembly.stacks.filter((artifact) => assertionStackNames.includes(artifact.stackName));
  for (const artifact of [...testStacks, ...assertionArtifacts]) {
    // Each engine runs its own stack's functions: a Lambda Invoke from the assertion stack (invokeFunction) goes to the
    // engine of the first test stack, whose functions it probes (an app's probe lives there), as it would in the account.
    const invokes = deployed.find(({ stack }) => stack === testStacks[0].stackName)?.engine;
    const lambda: Record<string, string> = invokes ? { AWS_ENDPOINT_URL_LAMBDA: await invokes.servicesEndpoint() } : {};
    // One emulated time for the engine and Bedrock; the emulator's job events reach the stack's rules.
    const engine = new LocalCloudFormation({
      ...options.engine,
      ...emulator.engineOptions(),
      clock: new ExternalClock(emulator.clock),
      exports,
      accountStacks,
      environment: { ...environment, ...lambda },
      onProgress: (event) => {
        if (event.resourceType === 'AWS::S3::Bucket' && event.status === 'CREATE_COMPLETE') {
          buckets.push(createBucket(emulator, event.physicalId!, artifact.template.Resources[event.logicalId].Properties?.Tags));
        }
      },
    });
    const result = await engine.deploy(artifact);
    operations.push({ stack: artifact.stackName, operation: 'deploy', result });
    deployed.push({ stack: artifact.stackName, engine });
    if (result.status !== 'CREATE_COMPLETE') break;
    for (const [name, value] of Object.entries(engine.outputs)) {
      if (name.startsWith('AssertionResults')) assertions[name] = JSON.parse(String(value));
    }
  }
  for (const { stack, engine } of deployed.reverse()) {
    operations.push({ stack, operation: 'destroy', result: await engine.destroy() });
    await engine.close();
  }
  // As integ-runner runs them: split on spaces, no shell, from the folder of the apps; not synchronously, since the
  // emulators answering them run in this process.
  const hooks = [];
  for (const command of postDestroyHooks(assembly)) {
    const [file, ...args] = command.split(' ').filter(Boolean);
    const ran = await promisify(execFile)(file, args, { cwd: INTEG_DIR, encoding: 'utf8', env: { ...process.env, ...environment } })
      .then(({ stdout, stderr }) => ({ exitCode: 0, output: stdout + stderr }))
      .catch((e: { code?: number; stdout?: string; stderr?: string }) => ({ exitCode: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }));
    hooks.push({ command, ...ran });
  }
  const leftInBuckets = buckets.flatMap((bucket) => emulator.s3.keys(bucket).map((key) => `s3://${bucket}/${key}`));
  const leftStacks = accountStacks.live().map((summary) => `${summary.stackName} ${summary.status}`);
  const testCases = Object.values(integManifest(assembly)?.testCases ?? {});
  const deploy = testCases.find((testCase) => testCase.cdkCommandOptions?.deploy)?.cdkCommandOptions?.deploy ?? {};
  return { operations, assertions, leftInBuckets, leftStacks, hooks, deploy };
}

/**
 * The engine keeps a stack's buckets as records: each is made in the emulated S3 as the engine creates it, with its
 * tags (the AWS CDK's autoDeleteObjects reads its tag there before it empties a bucket the stack deletes).
 */
function createBucket(emulator: BedrockEmulator, name: string, tags: ReadonlyArray<{ Key: string; Value: unknown }> = []): string {
  // The template's tags; those whose value is an intrinsic function (none of autoDeleteObjects') are left out.
  const literal = tags.filter((tag): tag is { Key: string; Value: string } => typeof tag.Value === 'string');
  emulator.s3.tagBucket(name, Object.fromEntries(literal.map((tag) => [tag.Key, tag.Value])));
  return name;
}

/** The names of the app's assertion stacks (integ.json). */
function assertionStacks(assembly: cx_api.CloudAssembly): string[] {
  return Object.values(integManifest(assembly)?.testCases ?? {}).flatMap((testCase) => testCase.assertionStackName ?? []);
}

interface IntegManifest {
  readonly testCases: Record<string, {
    readonly assertionStackName?: string;
    readonly hooks?: { readonly postDestroy?: string[] };
    readonly cdkCommandOptions?: { readonly deploy?: IntegRun['deploy'] };
  }>;
}

function integManifest(assembly: cx_api.CloudAssembly): IntegManifest | undefined {
  const manifest = path.join(assembly.directory, 'integ.json');
  return fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')) as IntegManifest : undefined;
}

/** The post-destroy hooks of the app's test cases (integ.json, as integ-runner reads them). */
function postDestroyHooks(assembly: cx_api.CloudAssembly): string[] {
  return Object.values(integManifest(assembly)?.testCases ?? {}).flatMap((testCase) => testCase.hooks?.postDestroy ?? []);
}
