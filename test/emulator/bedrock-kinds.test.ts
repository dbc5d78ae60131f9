/*
 * The emulator's kinds plug in (kinds/list.ts): what each registers is what
 * the emulator serves. Every registered operation is one of the API model's,
 * and dispatch answers exactly the kinds' and the shared services' operations;
 * every kind's store is on the emulator under its name and is built anew by
 * reset(); every ARN form matches the fixture's patterns; slots are the
 * kind's own creates.
 */
import { useEmulator } from './bedrock-fixtures/harness';
import { ARN_FORMS, BedrockEmulator, KINDS, OPERATIONS, SHARED_OPERATIONS } from '../../emulator/bedrock';
import { isArnOf, newArn } from '../../emulator/bedrock/arns';
import { CONSTRAINTS } from '../../src/contract/constraints';

const env = useEmulator({ expectNoViolations: false });

const FIXTURE_OPERATIONS = Object.keys(CONSTRAINTS.operations);
const KIND_OPERATIONS = KINDS.flatMap(([, kind]) => Object.keys(kind.operations));

describe('registered operations', () => {
  test('every operation of every registered kind is an operation of the constraints fixture', () => {
    for (const [name, kind] of KINDS) {
      expect([name, Object.keys(kind.operations).filter((op) => !FIXTURE_OPERATIONS.includes(op))]).toEqual([name, []]);
    }
  });

  test('no operation is registered twice, by two kinds or by a kind and the shared services', () => {
    const all = [...KIND_OPERATIONS, ...Object.keys(SHARED_OPERATIONS)];
    expect(new Set(all).size).toBe(all.length);
  });

  test('the operations table is the union of the kinds\' and the shared services\'', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...KIND_OPERATIONS, ...Object.keys(SHARED_OPERATIONS)].sort());
  });

  test('dispatch answers every registered operation, and nothing else of the fixture', async () => {
    const registered = Object.keys(OPERATIONS);
    for (const [name, { http }] of Object.entries(CONSTRAINTS.operations)) {
      const path = http.uri.split('?')[0].replace(/\{[^}]+\}/g, 'x');
      await fetch(`${env.emulator.endpoint}${path}`, { method: http.method, ...(['GET', 'DELETE'].includes(http.method) ? {} : { body: '{}' }) });
      const call = env.emulator.calls[env.emulator.calls.length - 1];
      expect([name, call.operation]).toEqual([name, registered.includes(name) ? name : 'UnknownOperation']);
    }
    expect(registered.every((op) => FIXTURE_OPERATIONS.includes(op))).toBe(true);
  });
});

describe('registered stores', () => {
  test('every kind\'s store is on the emulator under the kind\'s name, and reset() builds a new one', () => {
    const stores = (emulator: BedrockEmulator): unknown[] => KINDS.map(([name]) => emulator[name]);
    const before = stores(env.emulator);
    expect(before.every((store) => typeof store === 'object' && store !== null)).toBe(true);
    env.emulator.reset();
    const after = stores(env.emulator);
    after.forEach((store, i) => expect(store).not.toBe(before[i]));
  });

  test('a kind\'s slots are creates of its own operations', () => {
    for (const [name, kind] of KINDS) {
      const creates = Object.keys(kind.slots ?? {});
      expect([name, creates.filter((op) => !(op in kind.operations) || !op.startsWith('Create'))]).toEqual([name, []]);
    }
  });
});

describe('registered ARN forms', () => {
  test('each resource type belongs to one kind', () => {
    const types = ARN_FORMS.map(({ form }) => form.resourceType);
    expect(new Set(types).size).toBe(types.length);
  });

  test.each(ARN_FORMS.map(({ kind, form }) => [kind, form.resourceType, form] as const))('%s: %s ARNs match the patterns of their shapes', (_, __, form) => {
    const account = { region: 'us-east-1', accountId: '123456789012' };
    const arn = newArn(account, form, ...form.samplePath);
    expect(arn).toMatch(new RegExp(`^arn:aws:bedrock:us-east-1:123456789012:${form.resourceType}/.*[a-z0-9]{12}$`));
    expect(form.shapes.length).toBeGreaterThan(0);
    for (const shape of form.shapes) {
      const pattern = CONSTRAINTS.shapes[shape]?.pattern;
      expect([shape, pattern !== undefined && new RegExp(pattern).test(arn)]).toEqual([shape, true]);
    }
  });

  test.each(ARN_FORMS.map(({ kind, form }) => [kind, form.resourceType, form] as const))('%s: isArnOf knows %s ARNs of any Region and partition, and no other type\'s', (_, __, form) => {
    const arn = newArn({ region: 'eu-west-3', accountId: '123456789012' }, form, ...form.samplePath);
    expect(isArnOf(form, arn)).toBe(true);
    expect(isArnOf(form, arn.replace('arn:aws:', 'arn:aws-us-gov:'))).toBe(true);
    expect(isArnOf(form, arn.slice(0, -1))).toBe(false);
    for (const other of ARN_FORMS.filter((f) => f.form.resourceType !== form.resourceType)) {
      expect(isArnOf(form, newArn({ region: 'eu-west-3', accountId: '123456789012' }, other.form, ...other.form.samplePath))).toBe(false);
    }
  });
});
