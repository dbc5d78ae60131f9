/*
 * Integration test: a Provisioned Throughput of the base model Amazon Nova
 * Micro with a one-month commitment cannot be deleted while its term runs
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html),
 * and the refusal is a ConflictException. Runs apart
 * (`npx projen integ:account:commitment`) for its cost: one model unit billed
 * for every hour of a month at the one-month commitment price (Amazon Bedrock
 * pricing, Provisioned Throughput). The stack retains the throughput when it
 * is destroyed; delete it once its term has ended (README).
 */
import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { Probe } from './probe';
import { NOVA_MICRO } from './sums-job';
import { Commitment, ProvisionedThroughput } from '../../src';

const app = new App();
const stack = new Stack(app, 'BedrockCommittedThroughputInteg');
const throughput = new ProvisionedThroughput(stack, 'Throughput', {
  model: bedrock.FoundationModel.fromFoundationModelId(stack, 'NovaMicro', NOVA_MICRO),
  modelUnits: 1,
  commitment: Commitment.ONE_MONTH,
  // Bedrock deletes no throughput before its term ends: the stack leaves it.
  removalPolicy: RemovalPolicy.RETAIN,
});

const integ = new IntegTest(app, 'CommittedThroughput', { testCases: [stack], regions: ['us-east-1', 'us-west-2'] });
const probe = new Probe(stack, 'Probe', integ);
const theThroughput = { provisionedModelId: throughput.provisionedModelArn };
// ledger: L-29 (a throughput whose commitment term runs is not deleted: ConflictException, and it stays InService)
probe.expectSequence([
  { client: 'bedrock', command: 'DeleteProvisionedModelThroughput', input: theThroughput },
  { client: 'bedrock', command: 'GetProvisionedModelThroughput', input: theThroughput, report: 'status' },
], new iam.PolicyStatement({
  actions: ['bedrock:DeleteProvisionedModelThroughput', 'bedrock:GetProvisionedModelThroughput'],
  resources: [throughput.provisionedModelArn],
}), ['ConflictException', 'InService']);

app.synth();
