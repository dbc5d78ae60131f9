import { CustomModelSummary, GetCustomModelCommand, ListCustomModelsCommand, ResourceNotFoundException } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { onEvent } from '../../lambda/custom-model-lookup/on-event';
import { createEvent, deleteEvent, useMockedBedrock } from '../lambda/fixtures';

const { bedrock } = useMockedBedrock();
/** A summary as ListCustomModels returns it. */
const summary = (id: string, modelName: string): CustomModelSummary => ({
  modelArn: ARN(id), modelName, modelStatus: 'Active', creationTime: new Date(0), baseModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k', baseModelName: 'amazon.nova-micro-v1:0',
});
const ARN = (id: string) => `arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/${id}`;

test('a name resolves to the model\'s ARN through GetCustomModel', async () => {
  bedrock.on(GetCustomModelCommand).resolves({ modelArn: ARN('abcdefghijkl'), modelName: 'triage' });
  await expect(onEvent(createEvent({ modelIdentifier: 'triage' }))).resolves.toEqual({
    PhysicalResourceId: ARN('abcdefghijkl'), Data: { ModelArn: ARN('abcdefghijkl'), ModelName: 'triage' },
  });
});

test('a name no model has fails clearly', async () => {
  bedrock.on(GetCustomModelCommand).rejects(new ResourceNotFoundException({ message: 'no', $metadata: {} }));
  await expect(onEvent(createEvent({ modelIdentifier: 'triage' }))).rejects.toThrow("No custom model named 'triage' exists in this account and region");
});

test('filters go to ListCustomModels, newest first, page after page until a match', async () => {
  bedrock.on(ListCustomModelsCommand)
    .resolvesOnce({ modelSummaries: [], nextToken: 't1' })
    .resolvesOnce({ modelSummaries: [summary('aaaaaaaaaaaa', 'other')], nextToken: 't2' })
    .resolvesOnce({ modelSummaries: [summary('bbbbbbbbbbbb', 'support-2')], nextToken: 't3' });

  const result = await onEvent(createEvent({
    nameContains: 'support', modelStatus: 'Active', isOwned: 'true', creationTimeAfter: '2025-01-01T00:00:00.000Z',
  }));

  expect(result.Data).toEqual({ ModelArn: ARN('bbbbbbbbbbbb'), ModelName: 'support-2' });
  const inputs = bedrock.commandCalls(ListCustomModelsCommand).map((c) => c.args[0].input);
  expect(inputs.map((i) => i.nextToken)).toEqual([undefined, 't1', 't2']);
  expect(inputs[0]).toEqual({
    sortBy: 'CreationTime',
    sortOrder: 'Descending',
    nameContains: 'support',
    modelStatus: 'Active',
    isOwned: true,
    creationTimeAfter: new Date('2025-01-01T00:00:00.000Z'),
  });
});

test('a summary without modelStatus is kept when the request already filtered by status; one that states another status is not', async () => {
  const { modelStatus: _omitted, ...unstated } = summary('cccccccccccc', 'support-3');
  bedrock.on(ListCustomModelsCommand).resolves({ modelSummaries: [{ ...summary('dddddddddddd', 'support-4'), modelStatus: 'Creating' }, unstated] });

  const result = await onEvent(createEvent({ nameContains: 'support', modelStatus: 'Active' }));

  expect(result.Data).toEqual({ ModelArn: ARN('cccccccccccc'), ModelName: 'support-3' });
  expect(bedrock.commandCalls(ListCustomModelsCommand)[0].args[0].input.modelStatus).toBe('Active');
});

test('no match to the end fails with the filters and the pages read', async () => {
  bedrock.on(ListCustomModelsCommand).resolvesOnce({ modelSummaries: [], nextToken: 't1' }).resolvesOnce({ modelSummaries: [] });
  await expect(onEvent(createEvent({ nameContains: 'support' }))).rejects.toThrow(
    'No custom model matches the lookup filters (nameContains=support); 2 page(s) of ListCustomModels read',
  );
});

test('Delete has nothing to do', async () => {
  await expect(onEvent(deleteEvent(ARN('abcdefghijkl'), { nameContains: 'x' }))).resolves.toEqual({ PhysicalResourceId: ARN('abcdefghijkl') });
  expect(bedrock).not.toHaveReceivedAnyCommand();
});
