import { awscdk, javascript } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-bedrock-customization',
  description: 'AWS CDK constructs for Amazon Bedrock model customization: fine-tuning, continued pre-training, distillation and reinforcement fine-tuning jobs, custom model import and invocation logging.',
  author: 'cdk-bedrock-customization maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://github.com/cdk-bedrock-customization/cdk-bedrock-customization.git',
  keywords: ['cdk', 'aws-cdk', 'bedrock', 'fine-tuning', 'model-customization', 'genai'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',

  // Floor: lambda.Runtime.NODEJS_22_X and CustomResource serviceTimeout (with Duration tokens).
  cdkVersion: '2.200.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',

  publishToPypi: { distName: 'cdk-bedrock-customization', module: 'cdk_bedrock_customization' },
  publishToMaven: {
    javaPackage: 'io.github.cdkbedrockcustomization',
    mavenGroupId: 'io.github.cdk-bedrock-customization',
    mavenArtifactId: 'cdk-bedrock-customization',
  },
  publishToNuget: { dotNetNamespace: 'CdkBedrockCustomization', packageId: 'CdkBedrockCustomization' },
  publishToGo: { moduleName: 'github.com/cdk-bedrock-customization/cdk-bedrock-customization-go' },

  // CI is .ci/run; no hosted workflows.
  github: false,
  release: false,
  depsUpgrade: false,
  sampleCode: false,
  // Handlers are bundled by our own esbuild task (see scripts/bundle-handlers.ts).
  lambdaAutoDiscover: false,

  devDeps: [
    // 3.8+ pulls native resolver builds the reachable registry lacks for other platforms.
    'eslint-import-resolver-typescript@~3.7.0',
    '@aws-sdk/client-bedrock',
    // The emulator answers InvokeModel and Converse; the demo and tests invoke it through the real client.
    '@aws-sdk/client-bedrock-runtime@^3.1164.0',
    // The job watcher disables its fallback rule (bundled with the handlers, like client-bedrock).
    '@aws-sdk/client-eventbridge@^3.1164.0',
    // The queue of jobs waiting for a Bedrock slot is a DynamoDB table: the handlers and the watcher use the client and its
    // document client (bundled like client-bedrock); the local CloudFormation engine serves DynamoDB's API to them.
    '@aws-sdk/client-dynamodb@^3.1164.0',
    '@aws-sdk/lib-dynamodb@^3.1164.0',
    // The handlers' credentials: Lambda's environment, in place of the SDK's Node.js chain (lambda/shared/lambda-credentials.ts).
    '@aws-sdk/credential-provider-env@^3.972.86',
    // The command line (cli/) reads the jobs' metrics files; bundled into assets/cli/index.js like every CLI library below.
    '@aws-sdk/client-s3@^3.1164.0',
    // The integration tests' assertion provider invokes their probe functions with Lambda's Node.js runtime's client,
    // which the local engine gives from here.
    '@aws-sdk/client-lambda@^3.1164.0',
    // Their probes read a stack's resources (DescribeStackResource), which the local engine serves.
    '@aws-sdk/client-cloudformation@^3.1164.0',
    // Command line: argument parsing and help (14: Node 20, no dependencies).
    'commander@^14',
    // Command line: tables that fit the terminal.
    'cli-table3@^0.6.5',
    // Command line: the loss chart in the terminal.
    'asciichart@^1.5.25',
    '@types/asciichart',
    // Tests parse the command line's SVG charts as XML (not bundled).
    '@xmldom/xmldom@^0.9.12',
    '@smithy/types',
    '@types/aws-lambda',
    'aws-sdk-client-mock',
    'aws-sdk-client-mock-jest',
    'cdk-nag@^2.37.55',
    'esbuild',
    // Integration tests (test/integ/): the AWS CDK's assertions and runner. 2.193 is the newest integ-tests-alpha the
    // reachable registry has at or below the oldest aws-cdk-lib supported (2.200).
    '@aws-cdk/integ-tests-alpha@2.193.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
  ],

  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    // Every core: the lifecycle suites mostly wait on emulated services, so a worker per core halves the run on 2 cores.
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-report.json', '--maxWorkers=100%'],
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/after-all/ checks the recordings of every other suite, so it runs afterwards (see the test task);
      // test/newest-aws-cdk-lib/ holds what only the run against the newest aws-cdk-lib checks (scripts/newest-aws-cdk-lib.sh).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/after-all/', '<rootDir>/test/newest-aws-cdk-lib/'],
      // Deprecated aws-cdk-lib API throws in every test, whichever aws-cdk-lib the run resolves.
      setupFiles: ['<rootDir>/test/support/jsii-deprecated-fail.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/record-handler-calls.ts'],
    },
  },

  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'lambda', 'cli', 'emulator', 'examples', 'scripts', 'projenrc'],
  },

  // /node_modules without a slash: a worktree's node_modules may be a symlink, which 'node_modules/' does not match.
  gitignore: [
    '/assets/', '/cdk.out/', '/examples/cdk.out/', '/node_modules',
  ],
  npmignoreEnabled: true,
});

// Generated from the API model (see scripts/derive-constraints.ts).
project.eslint?.addIgnorePattern('src/contract/constraints.generated.ts');
// No deprecated API where aws-cdk-lib is used (scripts/newest-aws-cdk-lib.sh lints src/ and examples/ with the newest
// aws-cdk-lib too). The emulator implements deprecated members of Lambda's context object on purpose.
project.eslint?.addOverride({
  files: ['src/**/*.ts', 'examples/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
  rules: { '@typescript-eslint/no-deprecated': 'error' },
});

project.npmignore?.exclude('/lambda/', '/cli/', '/emulator/', '/examples/', '/scripts/', '/.ci/', '/cdk.out/');
project.npmignore?.include('/assets/');

// One deterministic, minified bundle for every handler, built before jsii compiles.
const bundle = project.addTask('bundle:handlers', {
  description: 'Bundle all Lambda handlers into assets/handlers/index.js',
  exec: 'ts-node --transpile-only scripts/bundle-handlers.ts',
});
project.preCompileTask.spawn(bundle);
// The command line, bundled the same way: the package's bin, nothing to install or build on the user's machine.
const bundleCli = project.addTask('bundle:cli', {
  description: 'Bundle the command line into assets/cli/index.js',
  exec: 'ts-node --transpile-only scripts/bundle-cli.ts',
});
project.preCompileTask.spawn(bundleCli);
project.addBins({ 'cdk-bedrock-customization': 'assets/cli/index.js' });

project.addTask('constraints', {
  description: 'Derive src/contract/constraints.generated.ts from the Bedrock API model',
  exec: 'ts-node --transpile-only scripts/derive-constraints.ts',
});

// eslint 3.7 resolver: projen adds its own unpinned entry, so replace it.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.7.0');

// lambda/, emulator/, examples/ and scripts/ are type-checked (and linted, through the nearest tsconfig) like src/.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check lambda/, examples/ and scripts/ (src/ and test/ are checked by jsii and ts-jest)',
});
for (const dir of ['lambda', 'cli', 'emulator', 'examples', 'scripts']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
    include: ['**/*.ts'],
    compilerOptions: { rootDir: '..', noEmit: true },
  });
  typecheck.exec(`tsc -p ${dir}/tsconfig.json`);
}
// ts-jest only transpiles (isolatedModules), so the tests are type-checked here.
typecheck.exec('tsc -p test/tsconfig.json');
project.testTask.prependSpawn(typecheck);
// Recordings of the handlers' Bedrock calls (test/support/bedrock-calls.ts) start afresh with each run.
project.testTask.prependExec('rm -rf test-reports/bedrock-calls');
// Second jest run: the checks over what every suite of the first run recorded.
project.testTask.exec([
  'jest --ci --coverage=false --json --outputFile=test-reports/jest-report-after-all.json',
  "--testPathIgnorePatterns=/node_modules/ --testMatch='<rootDir>/test/after-all/**/*.test.ts'",
].join(' '));
// The build host runs Node 20; the SDK's notice about its Node 22 floor concerns the handlers' runtime, which is 22.
project.testTask.env('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');

// Integration tests (test/integ/integ.*.ts, configured by integ.config.json): test/integ/snapshots.test.ts holds each
// app to its committed snapshot without deploying; this task writes the snapshots of changed apps, also without deploying.
/** A task whose stacks' Lambda code is the handler bundle, which a fresh clone does not have yet: it builds it first. */
function bundledTask(name: string, description: string, command: string): void {
  const task = project.addTask(name, { description });
  task.spawn(bundle);
  task.exec(command);
}

bundledTask('integ:snapshot', 'Write the snapshots of the integration tests whose apps changed (test/integ/), without deploying',
  'integ-runner --dry-run --update-on-failed');
// In a real account (README, "Testing in a real account"): every app deployed, asserted and destroyed with the
// caller's credentials and Region; apart, those that read inputs no stack can make (test/integ/account-inputs.ts):
// the Nova import (artifacts of a SageMaker AI training job) and the shared model (another account's share); the
// Provisioned Throughput, billed by the hour; and the committed throughput, billed for a month.
// One Region, us-east-1: integ-runner spreads the apps over three Regions unless told (it reads no app's `regions`), and
// Amazon Nova Micro is fine-tuned in us-east-1 only (https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-fine-tuning.html).
const APART = {
  nova: 'integ.nova-import.ts',
  shared: 'integ.shared-model.ts',
  throughput: 'integ.provisioned-throughput.ts',
  commitment: 'integ.committed-throughput.ts',
};
bundledTask('integ:account', 'Deploy every integration test app in the AWS account of your credentials, check its assertions, destroy it',
  `integ-runner --force --verbose --parallel-regions us-east-1 --exclude ${Object.values(APART).join(' ')}`);
bundledTask('integ:account:nova', 'Deploy the Nova import integration test app in the AWS account of your credentials (it needs Nova artifacts)',
  `integ-runner --force --verbose --parallel-regions us-east-1 ${APART.nova}`);
bundledTask('integ:account:throughput', 'Deploy the Provisioned Throughput integration test app in the AWS account of your credentials (billed by the hour)',
  `integ-runner --force --verbose --parallel-regions us-east-1 ${APART.throughput}`);
bundledTask('integ:account:commitment', 'Deploy the committed throughput integration test app in the AWS account of your credentials (a month of one model unit)',
  `integ-runner --force --verbose --parallel-regions us-east-1 ${APART.commitment}`);
bundledTask('integ:account:shared', 'Deploy the shared-model integration test app in the AWS account of your credentials (it needs a shared model)',
  `integ-runner --force --verbose --parallel-regions us-east-1 ${APART.shared}`);
// The snapshots' assets are built from the repository (the handler bundle, the assertion provider) and left out of the
// comparison (diffAssets is off): only the templates and manifests are committed.
project.gitignore.exclude('/test/integ/*.snapshot/asset.*');

const demo = project.addTask('demo', {
  description: 'Deploy the example app locally against the Bedrock emulator, invoke its endpoints, tear it down and sum up',
  // The demo itself invokes the endpoints through the SDK, on the build host's Node.js (see the test task).
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
});
// A fresh clone has no bundle yet (it is built, not committed), and the app's Lambda code points at it.
demo.spawn(bundle);
// The demo ends by running the command line's bundle against the emulator.
demo.spawn(bundleCli);
// `npm run demo -- --job-slots 4`: the options reach the demo.
demo.exec('ts-node --transpile-only examples/demo.ts', { receiveArgs: true });

// The construct tests, the example app's synthesis and the lint of src/ and examples/ against the newest aws-cdk-lib
// (.ci/newest-aws-cdk-lib/, a package of its own: in this node_modules, jsii-docgen would read its assembly
// as aws-cdk-lib's) rather than the floor; --update rewrites that version's own snapshot.
project.addTask('test:newest-aws-cdk-lib', {
  description: 'Run the construct tests and synthesize the example app against the newest aws-cdk-lib (--update: rewrite its snapshot)',
  exec: 'bash scripts/newest-aws-cdk-lib.sh',
  receiveArgs: true,
});

bundledTask('bench',
  'Measure stacks of 1, 10 and 100 jobs (and the AwsCustomResource alternative) and the handler bundle; print one JSON document; fail when a target fails',
  'ts-node --transpile-only scripts/bench.ts');

// `npm test` runs the full build with the JavaScript package only (no other jsii toolchains needed).
const verify = project.addTask('verify', {
  description: 'Full build: compile, tests, eslint, docgen and the js package',
});
verify.spawn(project.tasks.tryFind('default')!);
verify.spawn(project.preCompileTask);
verify.spawn(project.compileTask);
verify.spawn(project.postCompileTask);
verify.spawn(project.testTask);
verify.spawn(project.tasks.tryFind('package:js')!);

project.package.setScript('test', 'projen verify');

project.synth();
