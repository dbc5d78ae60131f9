/*
 * Stacks for the engine's DynamoDB tests: a queue table (partition key
 * `key`, a string, on demand) and a custom resource whose onEvent
 * (./tables) queues itself in it through the SDK.
 */
import { App, CfnOutput, CfnResource, CustomResource, RemovalPolicy, Stack, aws_dynamodb as dynamodb, aws_lambda as lambda, custom_resources as cr } from 'aws-cdk-lib';
import { fixtureFunction } from './functions';
import { SynthesizedStack } from '../../../emulator/cloudformation';

export const STACK_NAME = 'TableFixture';
export const TABLE = 'Queue';
export const FUNCTION = 'QueueHandler';

export interface TableStackOptions {
  /** The partition key's name. @default 'key' */
  readonly partitionKey?: string;
  readonly tableName?: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  readonly billing?: dynamodb.BillingMode;
  readonly stream?: dynamodb.StreamViewType;
  /** Custom resources that queue themselves (logical ids). @default ['Job1'] */
  readonly jobs?: readonly string[];
  /** false: no table, and nothing that uses it (the function alone). @default true */
  readonly table?: boolean;
}

export function tableStack(options: TableStackOptions = {}): SynthesizedStack {
  const app = new App();
  const stack = new Stack(app, STACK_NAME);
  if (options.table === false) {
    queueFunction(stack, 'none');
    return SynthesizedStack.fromArtifact(app.synth().getStackByName(STACK_NAME));
  }
  const table = new dynamodb.Table(stack, TABLE, {
    tableName: options.tableName,
    partitionKey: { name: options.partitionKey ?? 'key', type: dynamodb.AttributeType.STRING },
    billingMode: options.billing ?? dynamodb.BillingMode.PAY_PER_REQUEST,
    removalPolicy: options.removalPolicy ?? RemovalPolicy.DESTROY,
    stream: options.stream,
  });
  (table.node.defaultChild as CfnResource).overrideLogicalId(TABLE);
  const fn = queueFunction(stack, table.tableName);
  table.grantReadWriteData(fn);
  const provider = new cr.Provider(stack, 'QueueProvider', { onEventHandler: fn });
  for (const id of options.jobs ?? ['Job1']) {
    const job = new CustomResource(stack, id, { serviceToken: provider.serviceToken, resourceType: 'Custom::QueuedJob', properties: { JobName: id } });
    (job.node.defaultChild as CfnResource).overrideLogicalId(id);
  }
  new CfnOutput(stack, 'TableArn', { value: table.tableArn });
  if (table.tableStreamArn) new CfnOutput(stack, 'StreamArn', { value: table.tableStreamArn });
  return SynthesizedStack.fromArtifact(app.synth().getStackByName(STACK_NAME));
}

function queueFunction(stack: Stack, tableName: string): lambda.Function {
  return fixtureFunction(stack, FUNCTION, 'tables', 'onEvent', { TABLE_NAME: tableName });
}
