/*
 * Integration test: a no-commitment Provisioned Throughput of a fine-tuned
 * Amazon Nova Micro model, moved between models as
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html
 * allows: not to another base model; to a second fine-tuned model of the same
 * base (a second change while it updates refused); then to the base model,
 * after which no custom model may come back. Two jobs of ./sums-job.ts make
 * the models. Runs apart (`npx projen integ:account:throughput`): a
 * no-commitment throughput is billed per model unit and hour (Amazon Bedrock
 * pricing, Provisioned Throughput), one model unit here, for about an hour.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack, aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { ASSERTION_WAIT, Probe, SequenceStep } from './probe';
import { NOVA_MICRO, outputBucket, sumsJob } from './sums-job';
import { ProvisionedThroughput } from '../../src';
import { foundationModelArn } from '../../src/private/arns';

const app = new App();
const stack = new Stack(app, 'BedrockProvisionedThroughputInteg');
const output = outputBucket(stack);
const [first, second] = ['First', 'Second'].map((id) => sumsJob(stack, id, output, Duration.hours(4)).outputModel);
const throughput = new ProvisionedThroughput(stack, 'Throughput', { model: first, modelUnits: 1 });
// Deleted before either model: the changes below move it to the second.
throughput.node.addDependency(second);

const integ = new IntegTest(app, 'ProvisionedThroughput', { testCases: [stack], regions: ['us-east-1', 'us-west-2'] });
const probe = new Probe(stack, 'Probe', integ);
const base = foundationModelArn(stack, NOVA_MICRO.modelId);
const otherBase = foundationModelArn(stack, bedrock.FoundationModelIdentifier.AMAZON_NOVA_LITE_V1_0_300_K.modelId);
const changeTo = (desiredModelId: string): SequenceStep => ({
  client: 'bedrock', command: 'UpdateProvisionedModelThroughput', input: { provisionedModelId: throughput.provisionedModelArn, desiredModelId },
});
const read = { client: 'bedrock' as const, command: 'GetProvisionedModelThroughput', input: { provisionedModelId: throughput.provisionedModelArn } };
const changing = [
  new iam.PolicyStatement({ actions: ['bedrock:UpdateProvisionedModelThroughput'], resources: [throughput.provisionedModelArn, first.modelArn, second.modelArn, base, otherBase] }),
  new iam.PolicyStatement({ actions: ['bedrock:GetProvisionedModelThroughput'], resources: [throughput.provisionedModelArn] }),
];
/** Waits until the throughput is InService on `modelArn`, its base model `foundationModelArn`. */
const inServiceOn = (modelArn: string) => integ.assertions.awsApiCall('Bedrock', 'GetProvisionedModelThroughput', read.input)
  .expect(ExpectedResult.objectLike({ status: 'InService', modelArn, foundationModelArn: base }))
  .waitForAssertions(ASSERTION_WAIT);

// ledger: L-28 (another base model is refused; a custom model of the same base is taken, the throughput Updating, where a
// second change is refused; then InService on it, its foundationModelArn the base)
probe.expectSequence([changeTo(otherBase), changeTo(second.modelArn), changeTo(first.modelArn), { ...read, report: 'status' }], changing,
  ['ValidationException', 'ok', 'ValidationException', 'Updating'])
  .next(inServiceOn(second.modelArn))
  .next(probe.expect(changeTo(base), changing, 'ok'))
  .next(inServiceOn(base))
  // ledger: L-27 (once it serves the base model, the throughput is associated with a base model: no custom model again)
  .next(probe.expect(changeTo(first.modelArn), changing, 'ValidationException'));

app.synth();
