import { useCli } from './harness';
import { PROVENANCE_TAG_KEYS } from '../../src/contract/common';

const cli = useCli();

const callsOf = (operation: string) => cli.emulator.calls.filter((c) => c.operation === operation);
const madeBy = (stack: string, path: string) => [
  { key: PROVENANCE_TAG_KEYS.stack, value: stack },
  { key: PROVENANCE_TAG_KEYS.constructPath, value: path },
];

describe('models', () => {
  test('lists the custom models newest first with the stack and construct that made each', async () => {
    cli.emulator.customModels.add({ modelName: 'older', tags: madeBy('Serving', 'Serving/Import') });
    cli.emulator.clock.advance(3600);
    cli.emulator.customModels.add({ modelName: 'newer', customizationType: 'IMPORTED', modelStatus: 'Creating' });

    const { code, stdout } = await cli.run(['models']);

    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^NAME\s+STACK\s+CONSTRUCT\s+STATUS\s+CUSTOMIZATION\s+BASE MODEL\s+CREATED$/);
    expect(stdout).toMatch(/^newer\s+-\s+-\s+Creating\s+IMPORTED\s+.+\s+2026-12-01 10:00 UTC\n/m);
    expect(stdout).toMatch(/^older\s+Serving\s+Import\s+Active\s+FINE_TUNING\s+.+\s+2026-12-01 09:00 UTC\n/m);
    expect(stdout.indexOf('newer')).toBeLessThan(stdout.indexOf('older'));
  });

  test('reads every page, and --stack keeps that stack\'s models', async () => {
    for (let i = 0; i < 120; i++) {
      cli.emulator.customModels.add({ modelName: `model-${i}`, tags: i % 40 === 0 ? madeBy('Mine', `Mine/M${i}`) : madeBy('Other', 'Other/X') });
    }

    const all = JSON.parse((await cli.run(['models', '--json'])).stdout) as Array<{ name: string }>;
    const mine = JSON.parse((await cli.run(['models', '--stack', 'Mine', '--json'])).stdout) as Array<{ name: string; constructPath: string }>;

    expect(all).toHaveLength(120);
    expect(mine.map((m) => [m.name, m.constructPath])).toEqual([['model-80', 'Mine/M80'], ['model-40', 'Mine/M40'], ['model-0', 'Mine/M0']]);
    expect(callsOf('ListCustomModels').filter((c) => c.input.nextToken !== undefined)).toHaveLength(2);
    // Tags are read once per model and listing.
    expect(callsOf('ListTagsForResource')).toHaveLength(240);
  });

  test('a model deleted between the listing and its tags is listed without them', async () => {
    cli.emulator.customModels.add({ modelName: 'kept', tags: madeBy('S', 'S/Kept') });
    cli.emulator.customModels.add({ modelName: 'going', tags: madeBy('S', 'S/Going') });
    // The newest is asked about first.
    cli.emulator.faults.error('ResourceNotFoundException', { operation: 'ListTagsForResource', times: 1 });

    const { code, stdout } = await cli.run(['models', '--json']);

    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Array<{ name: string; stack?: string }>).map((m) => [m.name, m.stack])).toEqual([['going', undefined], ['kept', 'S']]);
  });

  test.each(['AccessDeniedException', 'ResourceNotFoundException'] as const)(
    'lists only the models this account owns (isOwned): a shared one and its refused tags (%s) stay out', async (refusal) => {
      cli.emulator.customModels.sharedModelTagsError = refusal;
      cli.emulator.customModels.add({ modelName: 'mine', tags: madeBy('S', 'S/Mine') });
      cli.emulator.customModels.add({ modelName: 'theirs', ownerAccountId: '210987654321', tags: madeBy('Other', 'Other/X') });

      const { code, stdout, stderr } = await cli.run(['models']);

      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toMatch(/^mine\s+S\s+Mine\s+Active/m);
      expect(stdout).not.toContain('theirs');
      expect(callsOf('ListCustomModels').map((c) => c.input.isOwned)).toEqual([true]);
      expect(callsOf('ListTagsForResource')).toHaveLength(1);
    });

  test('a model whose tags are refused is listed without them; stderr says how many, and that --stack cannot place them', async () => {
    cli.emulator.customModels.add({ modelName: 'readable', tags: madeBy('S', 'S/Readable') });
    cli.emulator.customModels.add({ modelName: 'refused', tags: madeBy('S', 'S/Refused') });
    // The newest is asked about first.
    cli.emulator.faults.error('AccessDeniedException', { operation: 'ListTagsForResource', times: 1 },
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListTagsForResource');

    const all = await cli.run(['models', '--json']);
    cli.emulator.faults.error('AccessDeniedException', { operation: 'ListTagsForResource', times: 1 });
    const mine = await cli.run(['models', '--stack', 'S']);

    expect(all.code).toBe(0);
    const rows = JSON.parse(all.stdout) as Array<{ name: string; stack?: string; tagsUnreadable?: boolean }>;
    expect(rows.map((m) => [m.name, m.stack, m.tagsUnreadable])).toEqual([['refused', undefined, true], ['readable', 'S', undefined]]);
    expect(all.stderr).toBe('note: the tags of 1 model could not be read (access denied: ListTagsForResource needs bedrock:ListTagsForResource); '
      + 'it is listed without its stack and construct.\n');
    expect(mine.code).toBe(0);
    expect(mine.stdout).toMatch(/^readable\s+S\s+Readable/m);
    expect(mine.stdout).not.toContain('refused');
    expect(mine.stderr).toBe('note: the tags of 1 model could not be read (access denied: ListTagsForResource needs bedrock:ListTagsForResource); '
      + '--stack cannot tell its stack, so it is left out.\n');
  });

  test('no models is said in words', async () => {
    expect((await cli.run(['models'])).stdout).toBe('No custom models.\n');
  });
});

describe('base-models', () => {
  test('lists the foundation models that can be customized, by model id', async () => {
    const { stdout } = await cli.run(['base-models']);

    const ids = stdout.trimEnd().split('\n').slice(1).map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('amazon.titan-text-express-v1:0:8k');
    expect(callsOf('ListFoundationModels').map((c) => c.input.byCustomizationType)).toEqual([undefined]);
  });

  test('--customization asks the API for that type, in any spelling', async () => {
    const upper = JSON.parse((await cli.run(['base-models', '--customization', 'CONTINUED_PRE_TRAINING', '--json'])).stdout);
    const lower = JSON.parse((await cli.run(['base-models', '--customization', 'continued-pre-training', '--json'])).stdout);

    expect(upper.length).toBeGreaterThan(0);
    expect(lower).toEqual(upper);
    upper.forEach((m: { customizationsSupported: string[] }) => expect(m.customizationsSupported).toContain('CONTINUED_PRE_TRAINING'));
    expect(callsOf('ListFoundationModels').map((c) => c.input.byCustomizationType)).toEqual(['CONTINUED_PRE_TRAINING', 'CONTINUED_PRE_TRAINING']);
  });

  test('an unknown customization is a usage error that lists the valid ones', async () => {
    const { code, stderr } = await cli.run(['base-models', '--customization', 'lora']);

    expect(code).toBe(2);
    expect(stderr).toContain("argument 'lora' is invalid. one of FINE_TUNING, CONTINUED_PRE_TRAINING, DISTILLATION");
    expect(callsOf('ListFoundationModels')).toHaveLength(0);
  });
});
