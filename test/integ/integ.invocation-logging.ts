/*
 * Integration test: the account and Region's model invocation logging,
 * configured by the stack (to a bucket it creates) and read back with
 * GetModelInvocationLoggingConfiguration. Deleting the stack removes the
 * configuration. A probe checks that Bedrock takes a bucket whose policy was
 * made moments before. Free: logging costs only the S3 storage of what is logged.
 */
import { IntegTest, ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { App, CfnResource, RemovalPolicy, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Probe } from './probe';
import { InvocationLogging } from '../../src';

const app = new App();
const stack = new Stack(app, 'BedrockInvocationLoggingInteg');
const logging = new InvocationLogging(stack, 'Logging', { s3: { keyPrefix: 'integ/' } });
logging.bucket!.applyRemovalPolicy(RemovalPolicy.DESTROY);

const integ = new IntegTest(app, 'InvocationLogging', {
  testCases: [stack],
  // ledger: L-31 (the configuration goes with the stack)
  hooks: { postDestroy: ['node checks/logging-removed.js'] },
});

// The configuration the construct puts: the prefix without its trailing slash (Bedrock adds `/AWSLogs/`), and every
// delivery flag.
const loggingConfig = {
  s3Config: { bucketName: logging.bucket!.bucketName, keyPrefix: 'integ' },
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
  embeddingDataDeliveryEnabled: true,
  videoDataDeliveryEnabled: true,
  audioDataDeliveryEnabled: true,
};

// ledger: L-32 (a configuration is put, not refused, the moment its bucket's policy exists). Made once the bucket policy
// is created, before the construct's own configuration, which needs none to exist: the probe deletes its own.
const putAtOnce = new Probe(stack, 'Probe', integ).expectDuring('PutAtOnce', [
  { client: 'bedrock', command: 'PutModelInvocationLoggingConfiguration', input: { loggingConfig } },
  { client: 'bedrock', command: 'DeleteModelInvocationLoggingConfiguration', input: {} },
], new iam.PolicyStatement({
  // Account-level operations: no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
  actions: ['bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration'],
  resources: ['*'],
}), 'ok,ok', [logging.bucket!.policy!]);
(logging.node.defaultChild as CfnResource).node.addDependency(putAtOnce);

// ledger: L-30 (the configuration reads back exactly as put: no member added or dropped)
// ExpectedResult.exact() wraps the value in `$Exact`, which this version's assertion handler does not read (it compares
// the answer with `{ $Exact: ... }`); a plain value is what the handler compares exactly.
const exactly = (value: object): ExpectedResult => ({ result: JSON.stringify(value) });
integ.assertions.awsApiCall('Bedrock', 'GetModelInvocationLoggingConfiguration', {}).expect(exactly({ loggingConfig }));

app.synth();
