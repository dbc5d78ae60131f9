/*
 * The handler kit's onEvent of a replaceable resource (replaceableOnEvent),
 * on a kind of its own: what it decides, and what it leaves to the kind's parts.
 */
import { TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-bedrock';
import 'aws-sdk-client-mock-jest';
import { createEvent, CREATE_FAILED_PLACEHOLDER, deleteEvent, logLines, SEED, SERVICE_TOKEN, updateEvent, useMockedBedrock } from './fixtures';
import { DELETE_WAIT_SECONDS, EventResult } from '../../lambda/shared/lifecycle';
import type { PhysicalId } from '../../lambda/shared/physical-id';
import { Fields, oneOf, optional, string, tagList } from '../../lambda/shared/properties';
import { DeleteOutcome, ReplaceableParts, replaceableOnEvent } from '../../lambda/shared/replaceable-resource';
import { ResourceKind } from '../../lambda/shared/resource-kind';
import type { BedrockRemovalPolicy, ResourceTag } from '../../src/contract/common';

const { bedrock, logs } = useMockedBedrock();

interface WidgetProperties {
  readonly widgetName?: string;
  readonly size: string;
  readonly color: string;
  readonly tags?: ResourceTag[];
  readonly removalPolicy: BedrockRemovalPolicy;
  readonly note?: string;
}

const fields: Fields<WidgetProperties> = {
  widgetName: optional(string),
  size: string,
  color: string,
  tags: optional(tagList),
  removalPolicy: oneOf('retain', 'destroy'),
  note: optional(string),
};

const WIDGET = new ResourceKind<WidgetProperties>({
  noun: 'test widget',
  shortNoun: 'widget',
  arn: /^arn:aws:bedrock:us-east-1:123456789012:widget\/[a-z0-9]+$/,
  fields,
  tags: ['tags'],
  updatable: ['color'],
  libraryOnly: ['removalPolicy', 'note'],
  names: ['widgetName'],
});

const ARN = 'arn:aws:bedrock:us-east-1:123456789012:widget/abc123';
const NEW_ARN = 'arn:aws:bedrock:us-east-1:123456789012:widget/def456';
const DIGEST_OF_OTHER = 'f'.repeat(16);

function props(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ServiceToken: SERVICE_TOKEN, size: 'small', color: 'red', tags: [{ key: 'team', value: 'ml' }], removalPolicy: 'destroy', ...overrides };
}

function idOf(raw: Record<string, unknown>, extra: Partial<PhysicalId> = {}): string {
  return WIDGET.physicalId.format({ arn: ARN, seed: SEED, digest: WIDGET.digest(WIDGET.decode(raw)), ...extra });
}

type Result = EventResult<{ Name: string }>;

/** Parts that record what the kit asked of them; `overrides` replaces any. */
function partsOf(overrides: Partial<ReplaceableParts<WidgetProperties, { Name: string }, string>> = {}) {
  const parts = {
    tags: 'tags' as const,
    create: jest.fn(async (): Promise<Result> => ({ PhysicalResourceId: `${NEW_ARN}#new`, Data: { Name: 'new' } })),
    name: jest.fn((p: WidgetProperties) => p.widgetName ?? 'generated-from-seed'),
    updateInPlace: jest.fn(async ({ current }: { current: PhysicalId }): Promise<Result> => ({ PhysicalResourceId: current.arn })),
    delete: jest.fn(async (): Promise<DeleteOutcome> => 'done'),
    ...overrides,
  };
  return { parts, onEvent: replaceableOnEvent(WIDGET, parts) };
}

const messages = () => logLines(logs()).map((line) => line.message);

describe('Create', () => {
  test('decodes the properties and leaves the create to the kind', async () => {
    const { parts, onEvent } = partsOf();
    await expect(onEvent(createEvent(props()))).resolves.toEqual({ PhysicalResourceId: `${NEW_ARN}#new`, Data: { Name: 'new' } });
    expect(parts.create).toHaveBeenCalledWith(expect.objectContaining({ startedAt: expect.any(Number) }), WIDGET.decode(props()));
  });
});

describe('Update of the resource it keeps', () => {
  test('changes the tags on the ARN the kind gives (found once), then hands over to the kind', async () => {
    const arnOf = jest.fn(async () => ARN);
    const { parts, onEvent } = partsOf({
      arnOf,
      updateInPlace: jest.fn(async ({ arn }) => ({ PhysicalResourceId: await arn() })),
    });
    const after = props({ tags: [{ key: 'team', value: 'search' }, { key: 'new', value: 'x' }] });

    await expect(onEvent(updateEvent(idOf(props()), props({ tags: [{ key: 'team', value: 'ml' }, { key: 'old', value: 'y' }] }), after)))
      .resolves.toEqual({ PhysicalResourceId: ARN });

    expect(bedrock.commandCalls(UntagResourceCommand).map((c) => c.args[0].input)).toEqual([{ resourceARN: ARN, tagKeys: ['old'] }]);
    expect(bedrock.commandCalls(TagResourceCommand).map((c) => c.args[0].input))
      .toEqual([{ resourceARN: ARN, tags: [{ key: 'team', value: 'search' }, { key: 'new', value: 'x' }] }]);
    expect(arnOf).toHaveBeenCalledTimes(1);
    expect(parts.create).not.toHaveBeenCalled();
    expect(messages()).toContain('Updating tags in place');
    expect(messages()).not.toContain('Library-only update: no change in Bedrock');
  });

  test('a library-only change calls no Bedrock API and says so; an updatable property or a pending change is no library-only change', async () => {
    const { parts, onEvent } = partsOf();
    await onEvent(updateEvent(idOf(props()), props(), props({ note: 'n', removalPolicy: 'retain' })));
    expect(bedrock.calls()).toHaveLength(0);
    expect(parts.updateInPlace).toHaveBeenCalledTimes(1);
    expect(messages().filter((m) => m === 'Library-only update: no change in Bedrock')).toHaveLength(1);

    await onEvent(updateEvent(idOf(props()), props(), props({ color: 'blue' })));
    await partsOf({ pending: () => true }).onEvent(updateEvent(idOf(props()), props(), props({ note: 'n' })));
    expect(messages().filter((m) => m === 'Library-only update: no change in Bedrock')).toHaveLength(1);
  });

  test('an update rollback (old properties sent back to the resource they created) keeps it', async () => {
    const { parts, onEvent } = partsOf();
    await onEvent(updateEvent(idOf(props()), props({ size: 'large' }), props()));
    expect(parts.create).not.toHaveBeenCalled();
    expect(parts.updateInPlace).toHaveBeenCalledWith(expect.objectContaining({ current: expect.objectContaining({ arn: ARN, seed: SEED }) }));
  });

  test('the kind may replace it still; its guard gets what the kind found, and the current name', async () => {
    const guardReplacement = jest.fn();
    const { parts, onEvent } = partsOf({
      replaceInstead: async () => ({ changed: ['color'], why: 'changing color requires a new widget, as paint is permanent', found: 'details' }),
      guardReplacement,
    });
    await expect(onEvent(updateEvent(idOf(props()), props(), props({ color: 'blue' })))).resolves.toEqual(expect.objectContaining({ Replacement: true }));
    expect(parts.updateInPlace).not.toHaveBeenCalled();
    expect(guardReplacement).toHaveBeenCalledWith(expect.objectContaining({
      currentName: 'generated-from-seed',
      replacement: { changed: ['color'], why: 'changing color requires a new widget, as paint is permanent', found: 'details' },
    }));
    expect(bedrock.calls()).toHaveLength(0);
  });
});

describe('Update that replaces the resource', () => {
  test('creates a new one, marked as a replacement, naming only the defining properties that changed', async () => {
    const guardReplacement = jest.fn();
    const { parts, onEvent } = partsOf({ guardReplacement });
    const after = props({ size: 'large', color: 'blue', tags: [] });
    await expect(onEvent(updateEvent(idOf(props()), props(), after)))
      .resolves.toEqual({ PhysicalResourceId: `${NEW_ARN}#new`, Data: { Name: 'new' }, Replacement: true });
    expect(parts.create).toHaveBeenCalledWith(expect.anything(), WIDGET.decode(after));
    expect(guardReplacement).toHaveBeenCalledWith(expect.objectContaining({ replacement: { changed: ['size'], why: 'changing size requires a new widget' } }));
    // The old resource's tags are CloudFormation's to delete with it.
    expect(bedrock.calls()).toHaveLength(0);
  });

  test('a fixed name forbids it, naming the current resource; nothing is created', async () => {
    const { parts, onEvent } = partsOf();
    const before = props({ widgetName: 'w1' });
    await expect(onEvent(updateEvent(idOf(before), before, props({ widgetName: 'w1', size: 'large' })))).rejects.toThrow(
      "Cannot replace test widget 'w1': changing size requires a new widget, and widgetName is fixed to 'w1'. "
      + 'Change widgetName too, or remove it to let the handler generate names.');
    expect(parts.create).not.toHaveBeenCalled();
  });

  test('the kind\'s guard forbids it before anything is created', async () => {
    const { parts, onEvent } = partsOf({ guardReplacement: () => { throw new Error('not now'); } });
    await expect(onEvent(updateEvent(idOf(props()), props(), props({ size: 'large' })))).rejects.toThrow('not now');
    expect(parts.create).not.toHaveBeenCalled();
  });

  test('an id that names nothing: a new resource, named in messages by the given name, else the logical id', async () => {
    const guardReplacement = jest.fn();
    const { parts, onEvent } = partsOf({ guardReplacement });
    await onEvent(updateEvent(CREATE_FAILED_PLACEHOLDER, props({ widgetName: 'w1' }), props({ widgetName: 'w2' })));
    await onEvent(updateEvent(CREATE_FAILED_PLACEHOLDER, props(), props()));
    expect(guardReplacement.mock.calls.map(([r]) => [r.currentName, r.current])).toEqual([['w1', undefined], ['TuneJob1A2B3C4D', undefined]]);
    expect(parts.create).toHaveBeenCalledTimes(2);
    expect(parts.name).not.toHaveBeenCalled();
    expect(messages()).toContain('The physical id names no widget: creating one');
  });
});

describe('Delete', () => {
  test('an id that names nothing: nothing to delete', async () => {
    const { parts, onEvent } = partsOf();
    await expect(onEvent(deleteEvent(CREATE_FAILED_PLACEHOLDER, props()))).resolves.toEqual({ PhysicalResourceId: CREATE_FAILED_PLACEHOLDER });
    expect(parts.delete).not.toHaveBeenCalled();
    expect(messages()).toContain('The physical id names no widget: nothing to delete');
  });

  test('retain keeps the resource untouched, unless the kind acts under retain too; a create that never completed is removed', async () => {
    const kept = partsOf();
    await kept.onEvent(deleteEvent(idOf(props()), props({ removalPolicy: 'retain' })));
    expect(kept.parts.delete).not.toHaveBeenCalled();
    expect(messages()).toContain('Keeping the test widget (removal policy retain)');

    await kept.onEvent(deleteEvent(idOf(props(), { pending: true }), props({ removalPolicy: 'retain' })));
    expect(kept.parts.delete).toHaveBeenCalledWith(expect.objectContaining({ removalPolicy: 'destroy' }));

    const acting = partsOf({ deletesUnderRetain: true, delete: jest.fn(async () => 'kept' as const) });
    await acting.onEvent(deleteEvent(idOf(props()), props({ removalPolicy: 'retain' })));
    expect(acting.parts.delete).toHaveBeenCalledWith(expect.objectContaining({ removalPolicy: 'retain', current: expect.objectContaining({ arn: ARN }) }));
  });

  test('a resource already gone is logged as such; one still being deleted is waited for, within the Delete\'s deadline', async () => {
    await partsOf({ delete: async () => 'gone' }).onEvent(deleteEvent(idOf(props()), props()));
    expect(logLines(logs())).toContainEqual(expect.objectContaining({ message: 'The test widget no longer exists: nothing to delete', id: ARN }));

    const before = Date.now();
    const result = await partsOf({ delete: async () => 'waiting' }).onEvent(deleteEvent(idOf(props()), props()));
    const deadline = Date.parse(result.Deadline!);
    expect(deadline).toBeGreaterThanOrEqual(before + DELETE_WAIT_SECONDS * 1000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + DELETE_WAIT_SECONDS * 1000);

    await expect(partsOf().onEvent(deleteEvent(idOf(props()), props()))).resolves.toEqual({ PhysicalResourceId: idOf(props()) });
  });

  test('an id whose digest is another\'s is still the resource to delete', async () => {
    const { parts, onEvent } = partsOf();
    const id = WIDGET.physicalId.format({ arn: ARN, seed: SEED, digest: DIGEST_OF_OTHER });
    await onEvent(deleteEvent(id, props()));
    expect(parts.delete).toHaveBeenCalledWith(expect.objectContaining({ current: expect.objectContaining({ arn: ARN, digest: DIGEST_OF_OTHER }) }));
  });
});
