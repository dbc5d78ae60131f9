/*
 * Custom::BedrockCustomModelLookup (CustomModelLookup and
 * CustomModel.fromCustomModelName) against the local Bedrock emulator.
 */
import { byNameStack, lookupStack } from './lifecycle-stacks';
import { CustomModelOwnership } from '../../src';
import { useLifecycle } from '../lifecycle/harness';

const lifecycle = useLifecycle();

test('the newest matching model is found across several pages', async () => {
  const { emulator } = lifecycle;
  const day = (d: number) => new Date(Date.UTC(2025, 0, d));
  emulator.customModels.add({ modelName: 'support-old', creationTime: day(1) });
  const wanted = emulator.customModels.add({ modelName: 'support-new', creationTime: day(2) });
  for (let i = 0; i < 5; i++) emulator.customModels.add({ modelName: `other-${i}`, creationTime: day(10 + i) });
  // Pages of two, filtered after paging: the first pages hold no match.
  emulator.customModels.filterAfterPaging = 2;
  const engine = lifecycle.engine();
  const { artifact, logicalId } = lookupStack({ nameContains: 'support' });

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  expect(engine.resource(logicalId).attributes).toEqual({ ModelArn: wanted, ModelName: 'support-new' });
  expect(emulator.callsTo('ListCustomModels').length).toBeGreaterThanOrEqual(3);
  expect((await engine.destroy()).status).toBe('DELETE_COMPLETE');
});

test('summaries without modelStatus are kept: ListCustomModels already filtered by the status the lookup sent', async () => {
  const { emulator } = lifecycle;
  const day = (d: number) => new Date(Date.UTC(2025, 0, d));
  const wanted = emulator.customModels.add({ modelName: 'support-ready', creationTime: day(1) });
  emulator.customModels.add({ modelName: 'support-failed', modelStatus: 'Failed', creationTime: day(2) });
  // This test's option: the emulator filters as usual, then leaves modelStatus out of every summary.
  const list = emulator.customModels.list.bind(emulator.customModels);
  const unstated = jest.spyOn(emulator.customModels, 'list').mockImplementation((request) => {
    const page = list(request);
    return { ...page, items: page.items.map(({ modelStatus: _omitted, ...summary }) => summary) };
  });
  try {
    const engine = lifecycle.engine();
    const { artifact, logicalId } = lookupStack({ nameContains: 'support' });

    expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

    expect(engine.resource(logicalId).attributes).toEqual({ ModelArn: wanted, ModelName: 'support-ready' });
    expect(emulator.callsTo('ListCustomModels').map((c) => c.input.modelStatus)).toEqual(['Active']);
    expect(unstated).toHaveBeenCalled();
  } finally {
    unstated.mockRestore();
  }
});

test.each([
  ['unset (both)', 'support-theirs', undefined, undefined],
  ['OWNED', 'support-mine', CustomModelOwnership.OWNED, true],
  ['SHARED', 'support-theirs', CustomModelOwnership.SHARED, false],
] as const)('a newer model shared by another account, ownership %s: the lookup finds %s, as its props document', async (_, found, ownership, isOwned) => {
  const { emulator } = lifecycle;
  const day = (d: number) => new Date(Date.UTC(2025, 0, d));
  const models: Record<string, string> = {
    'support-mine': emulator.customModels.add({ modelName: 'support-mine', creationTime: day(1) }),
    'support-theirs': emulator.customModels.add({ modelName: 'support-theirs', ownerAccountId: '210987654321', creationTime: day(2) }),
  };
  const engine = lifecycle.engine();
  const { artifact, logicalId } = lookupStack({ nameContains: 'support', ownership });

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');

  expect(engine.resource(logicalId).attributes).toEqual({ ModelArn: models[found], ModelName: found });
  expect(emulator.callsTo('ListCustomModels').map((c) => c.input.isOwned)).toEqual([isOwned]);
  // The lookup reads no tags: a shared model's refused tags cannot fail it.
  expect(emulator.callsTo('ListTagsForResource')).toEqual([]);
});

test('no match fails the deployment clearly', async () => {
  const { emulator } = lifecycle;
  emulator.customModels.add({ modelName: 'other' });
  const engine = lifecycle.engine();

  const result = await engine.deploy(lookupStack({ nameContains: 'support' }).artifact);

  expect(result.status).toBe('ROLLBACK_COMPLETE');
  expect(result.reason).toContain('No custom model matches the lookup filters (nameContains=support, modelStatus=Active)');
});

test('a reference by name resolves the ARN at deploy time', async () => {
  const { emulator } = lifecycle;
  const arn = emulator.customModels.add({ modelName: 'triage-assistant' });
  const engine = lifecycle.engine();
  const { artifact, logicalId } = byNameStack('triage-assistant');

  expect((await engine.deploy(artifact)).status).toBe('CREATE_COMPLETE');
  expect(engine.resource(logicalId).attributes).toEqual({ ModelArn: arn, ModelName: 'triage-assistant' });
});

describe('the API model', () => {
  test('no request in this file broke one of its rules', () => {
    expect(lifecycle.violations).toEqual([]);
  });
});
