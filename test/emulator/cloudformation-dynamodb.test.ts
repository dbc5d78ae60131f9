/*
 * The engine's DynamoDB tables: AWS::DynamoDB::Table created on the local
 * DynamoDB (named by the template or generated), served to the stack's
 * functions through the SDK at AWS_ENDPOINT_URL_DYNAMODB, updated in place
 * or replaced, deleted with the stack unless retained.
 */
import { RemovalPolicy, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { useEngines } from './cloudformation-fixtures/engines';
import { FUNCTION, STACK_NAME, TABLE, tableStack } from './cloudformation-fixtures/table-stacks';
import { LocalCloudFormation, SynthesizedStack } from '../../emulator/cloudformation';

const engine = useEngines();

/** The handler's JSON log lines (the SDK may warn about this machine's Node.js version). */
function logged(cfn: LocalCloudFormation): Record<string, unknown>[] {
  return cfn.logs(FUNCTION).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

/** The stack with its template changed. */
function edited(stack: SynthesizedStack, edit: (template: Record<string, any>) => void): SynthesizedStack {
  const template = JSON.parse(JSON.stringify(stack.template));
  edit(template);
  return stack.withTemplate(template);
}

test('a table of the stack: created with a generated name, written and read by a function through the SDK, deleted with the stack', async () => {
  const cfn = engine();
  const result = await cfn.deploy(tableStack({ jobs: ['Job1', 'Job2'] }));
  expect(result).toMatchObject({ status: 'CREATE_COMPLETE' });
  const table = cfn.resource(TABLE);
  expect(table.physicalId).toMatch(new RegExp(`^${STACK_NAME}-${TABLE}-[A-Z0-9]{12}$`));
  expect(cfn.outputs.TableArn).toBe(`arn:aws:dynamodb:us-east-1:123456789012:table/${table.physicalId}`);
  expect(cfn.dynamodb.describeTable(table.physicalId)).toMatchObject({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' }, KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }] });
  expect(cfn.dynamodb.plainItems(table.physicalId).map((i) => [i.key, i.state, i.attempts]).sort()).toEqual([['Job1', 'starting', 1], ['Job2', 'starting', 1]]);
  expect(cfn.tableItems(TABLE)).toHaveLength(2);
  // The second job counted both items and read its claim back; its eventually consistent read still saw the item as queued.
  expect(cfn.resource('Job2').attributes).toEqual({ State: 'starting', Stale: 'queued', Count: '2' });
  const endpoint = await cfn.servicesEndpoint();
  expect(logged(cfn).find((l) => 'claimed' in l)).toMatchObject({ endpoint, claimed: { key: 'Job1', state: 'starting' } });
  expect(cfn.dynamodb.callsTo('UpdateItem')).toHaveLength(2);

  expect(await cfn.destroy()).toMatchObject({ status: 'DELETE_COMPLETE' });
  expect(logged(cfn).filter((l) => 'deleted' in l)).toHaveLength(2);
  expect(cfn.dynamodb.tableNames()).toEqual([]);
});

test('dynamoDBStaleReadMs 0: eventually consistent reads see the latest write', async () => {
  const cfn = engine({ dynamoDBStaleReadMs: 0 });
  await cfn.deploy(tableStack());
  expect(cfn.resource('Job1').attributes).toMatchObject({ State: 'starting', Stale: 'starting' });
  await cfn.destroy();
});

test('DeletionPolicy Retain keeps the table and its items after the stack is deleted; a new stack cannot take its name', async () => {
  const cfn = engine();
  await cfn.deploy(tableStack({ removalPolicy: RemovalPolicy.RETAIN, tableName: 'kept-queue' }));
  expect(cfn.resource(TABLE).physicalId).toBe('kept-queue');
  const result = await cfn.destroy();
  expect(result.events.find((e) => e.logicalId === TABLE)).toMatchObject({ status: 'DELETE_SKIPPED' });
  expect(cfn.dynamodb.tableNames()).toEqual(['kept-queue']);
  expect(cfn.dynamodb.plainItems('kept-queue')).toHaveLength(0);

  // The item was deleted by the custom resource; the table itself stays, and blocks the same name.
  const again = await cfn.deploy(tableStack({ removalPolicy: RemovalPolicy.RETAIN, tableName: 'kept-queue' }));
  expect(again).toMatchObject({ status: 'ROLLBACK_COMPLETE', reason: "Resource of type 'AWS::DynamoDB::Table' with identifier 'kept-queue' already exists." });
  expect(cfn.dynamodb.tableNames()).toEqual(['kept-queue']);
});

test('a KeySchema change replaces the table: a new one, the old one deleted at cleanup; a custom-named table cannot be replaced', async () => {
  const cfn = engine();
  await cfn.deploy(tableStack());
  const old = cfn.resource(TABLE).physicalId;
  const result = await cfn.update(tableStack({ partitionKey: 'id' }));
  expect(result).toMatchObject({ status: 'UPDATE_COMPLETE' });
  const replacement = cfn.resource(TABLE).physicalId;
  expect(replacement).not.toBe(old);
  expect(cfn.dynamodb.tableNames()).toEqual([replacement]);
  expect(cfn.dynamodb.describeTable(replacement)).toMatchObject({ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] });
  await cfn.destroy();

  const named = engine();
  await named.deploy(tableStack({ tableName: 'named-queue' }));
  const refused = await named.update(tableStack({ tableName: 'named-queue', partitionKey: 'id' }));
  expect(refused).toMatchObject({
    status: 'UPDATE_ROLLBACK_COMPLETE',
    reason: 'CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename named-queue and update the stack again.',
  });
  expect(named.dynamodb.plainItems('named-queue').map((i) => i.key)).toEqual(['Job1']);
  await named.destroy();
});

test('other changes update the table in place: its items stay; StreamArn exists once streams are on', async () => {
  const cfn = engine();
  await cfn.deploy(tableStack());
  const name = cfn.resource(TABLE).physicalId;
  expect(cfn.resource(TABLE).attributes.StreamArn).toBeUndefined();
  const result = await cfn.update(tableStack({ billing: dynamodb.BillingMode.PROVISIONED, stream: dynamodb.StreamViewType.NEW_IMAGE }));
  expect(result).toMatchObject({ status: 'UPDATE_COMPLETE' });
  expect(cfn.resource(TABLE).physicalId).toBe(name);
  expect(cfn.dynamodb.describeTable(name)).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }, StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
  expect(cfn.outputs.StreamArn).toMatch(new RegExp(`^arn:aws:dynamodb:us-east-1:123456789012:table/${name}/stream/\\d{4}-`));
  expect(cfn.tableItems(TABLE)).toHaveLength(1);
  await cfn.destroy();
});

test('DeletionProtectionEnabled refuses the table\'s deletion: the stack is DELETE_FAILED, naming the resource, with the handler\'s message; a table already gone counts as deleted', async () => {
  const cfn = engine();
  await cfn.deploy(edited(tableStack(), (t) => {
    t.Resources[TABLE].Properties.DeletionProtectionEnabled = true;
  }));
  const name = cfn.resource(TABLE).physicalId;
  const refused = await cfn.destroy();
  expect(refused.status).toBe('DELETE_FAILED');
  expect(refused.events.find((e) => e.logicalId === STACK_NAME && e.status === 'DELETE_FAILED')?.reason).toBe(`The following resource(s) failed to delete: [${TABLE}].`);
  expect(refused.reason)
    .toMatch(new RegExp(`^Resource handler returned message: "1 validation error detected: Table '${name}' can't be deleted while DeletionProtectionEnabled is set to True \\(Service: DynamoDb, Status Code: 400,`));
  expect(cfn.dynamodb.tableNames()).toEqual([name]);

  // The table deleted outside the stack (its protection off): the stack's deletion now completes.
  cfn.dynamodb.updateTable({ ...cfn.resource(TABLE).properties, TableName: name, DeletionProtectionEnabled: false });
  cfn.dynamodb.deleteTable(name);
  expect(await cfn.destroy()).toMatchObject({ status: 'DELETE_COMPLETE' });
});

test('a table DynamoDB refuses fails the resource with the handler\'s message, and the stack rolls back', async () => {
  const stack = edited(tableStack(), (t) => {
    t.Resources[TABLE].Properties.AttributeDefinitions = [{ AttributeName: 'id', AttributeType: 'S' }];
  });
  const cfn = engine();
  const result = await cfn.deploy(stack);
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toMatch(/^Resource handler returned message: "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions\. Keys: \[key\], AttributeDefinitions: \[id\] \(Service: DynamoDb, Status Code: 400, Request ID: [A-Z0-9]+\)" \(RequestToken: [0-9a-f-]+, HandlerErrorCode: InvalidRequest\)$/);
  expect(cfn.dynamodb.tableNames()).toEqual([]);
});

test('GetAtt StreamArn of a table without streams is a template error', async () => {
  const stack = edited(tableStack(), (t) => {
    t.Outputs.StreamArn = { Value: { 'Fn::GetAtt': [TABLE, 'StreamArn'] } };
  });
  const cfn = engine();
  const result = await cfn.deploy(stack);
  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.events.find((e) => e.status === 'ROLLBACK_IN_PROGRESS')?.reason).toBe(`Template error: resource ${TABLE} of type AWS::DynamoDB::Table has no attribute StreamArn`);
});

test('throttling the functions meet is retried by their SDK; a table removed from the template is deleted at cleanup', async () => {
  const cfn = engine();
  cfn.dynamodb.faults.throttle({ operation: 'UpdateItem', times: 1 });
  expect(await cfn.deploy(tableStack())).toMatchObject({ status: 'CREATE_COMPLETE' });
  expect(cfn.dynamodb.callsTo('UpdateItem').map((c) => c.errorCode)).toEqual(['ThrottlingException', undefined]);
  const name = cfn.resource(TABLE).physicalId;
  expect(await cfn.update(tableStack({ jobs: [] }))).toMatchObject({ status: 'UPDATE_COMPLETE' });
  expect(cfn.dynamodb.items(name)).toEqual([]);
  expect(await cfn.update(tableStack({ table: false }))).toMatchObject({ status: 'UPDATE_COMPLETE' });
  expect(cfn.dynamodb.table(name)).toBeUndefined();
});
