/*
 * The emulator speaks Bedrock as the real SDK understands it:
 * - every modelled error of every operation reaches the SDK as its exception
 *   class, with the model's status code and fault;
 * - every rule of the constraints fixture reachable from its operations'
 *   inputs is enforced on the wire: one request breaking it, sent with the
 *   real SDK, gets ValidationException and the violation is recorded at that
 *   path and rule. Rules that cannot be broken on the wire are excluded with
 *   a reason; a new rule with neither a case nor an exclusion fails
 *   'every reachable rule has a case or an exclusion'.
 */
import * as bedrock from '@aws-sdk/client-bedrock';
import { BedrockServiceException } from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { identityOf, reachableRules, RuleAt } from './bedrock-fixtures/rules';
import { breakRule, inputWith, Leaf, PATTERN_BREAKERS, reportedPath, SAMPLE_STRINGS, sample, sampleInput } from './bedrock-fixtures/samples';
import { rejectionOf, sendOperation } from './bedrock-fixtures/sdk';
import { ErrorName } from '../../emulator/bedrock';
import { CONSTRAINTS, shape } from '../../src/contract/constraints';
import { validateInput } from '../../src/contract/validation';

const env = useEmulator({ expectNoViolations: false });

/** Sends `input` to `operation` with the real SDK, no retries. */
function send(operation: string, input: object): Promise<unknown> {
  return sendOperation(env.client(), operation, input);
}

const LABEL_IS_PATH = 'a label is a segment of the request path: a request without it is another path, '
  + 'and an empty segment is a present, empty value (checked by its length or pattern rule)';

/** Rules that no request can break on the wire, by where the model states them, with the reason. */
const EXCLUSIONS: Readonly<Record<string, string>> = {
  'TagList:length.min': 'a minimum of 0 tags cannot be broken',
  'TagKeyList:length.min': 'a minimum of 0 tag keys cannot be broken',
  'TagValue:length.min': 'a minimum of 0 characters cannot be broken',
  'RequestMetadataMap$value:length.min': 'a minimum of 0 characters cannot be broken',
};

/** Why a rule cannot be broken on the wire: an exclusion's reason, or a required label (read from the fixture); undefined when it can. */
function exclusionOf(rule: RuleAt): string | undefined {
  if (rule.rule.kind === 'required' && rule.segments.length === 1 && rule.segments[0].kind === 'member') {
    const member = shape(CONSTRAINTS.operations[rule.operation].input).members![rule.segments[0].name];
    if (member.location === 'label') return LABEL_IS_PATH;
  }
  return EXCLUSIONS[identityOf(rule.rule)];
}

interface Case {
  readonly rule: RuleAt;
  readonly leaf: Leaf;
}

function isExcluded(rule: RuleAt): boolean {
  return exclusionOf(rule) !== undefined;
}

/** The case that breaks a reachable rule on the wire: none for an excluded rule, or when no generic way applies. */
function caseFor(rule: RuleAt): Case | undefined {
  const leaf = isExcluded(rule) ? undefined : breakRule(rule.rule, rule.target);
  return leaf && { rule, leaf };
}

/** Reachable rules with neither a case nor an exclusion. */
function uncovered(rules: readonly RuleAt[]): string[] {
  return rules.filter((r) => !isExcluded(r) && caseFor(r) === undefined).map((r) => r.id);
}

const REACHABLE = reachableRules();
const CASES = REACHABLE.map(caseFor).filter((c): c is Case => c !== undefined);

describe('modelled errors reach the SDK as their exception classes', () => {
  const errors = Object.entries(CONSTRAINTS.operations).flatMap(([operation, { errors: names }]) => names.map((name) => [operation, name]));

  test('every operation models at least one error', () => {
    expect(errors.length).toBeGreaterThanOrEqual(Object.keys(CONSTRAINTS.operations).length);
  });

  test.each(errors)('%s: %s', async (operation, name) => {
    const { httpError, fault } = CONSTRAINTS.errors[name];
    env.emulator.faults.error(name as ErrorName, { operation: operation as never, times: 1 }, `injected ${name}`);
    const error = await rejectionOf(send(operation, sampleInput(operation)));
    const ExceptionClass = (bedrock as unknown as Record<string, typeof BedrockServiceException>)[name];
    expect(error).toBeInstanceOf(ExceptionClass);
    expect(error).toBeInstanceOf(BedrockServiceException);
    expect([error.name, error.message, error.$metadata.httpStatusCode, error.$fault]).toEqual([name, `injected ${name}`, httpError, fault]);
    expect(env.emulator.calls).toMatchObject([{ operation, statusCode: httpError, errorType: name }]);
  });
});

describe('the valid samples the cases start from', () => {
  test.each(Object.keys(CONSTRAINTS.operations))('%s: the sample input is valid on the wire', async (operation) => {
    // The operation may still fail (an unknown resource, an incomplete job), but on no rule of the fixture.
    await send(operation, sampleInput(operation)).catch(() => undefined);
    expect(env.emulator.violations).toEqual([]);
    expect(env.emulator.calls).toMatchObject([{ operation }]);
  });

  test('every path is reachable with valid values: the sample at each path breaks nothing', () => {
    for (const rule of REACHABLE) {
      const input = inputWith(rule, { value: sample(rule.target) });
      expect([rule.id, validateInput(rule.operation, input)]).toEqual([rule.id, []]);
    }
  });

  test('no stale samples or pattern breakers', () => {
    const targets = new Set(REACHABLE.map((r) => r.target));
    expect(Object.keys(SAMPLE_STRINGS).filter((name) => !targets.has(name))).toEqual([]);
    const patterns = new Set(REACHABLE.filter((r) => r.rule.kind === 'pattern').map((r) => r.rule.shape));
    expect(Object.keys(PATTERN_BREAKERS).filter((name) => !patterns.has(name))).toEqual([]);
  });
});

describe('coverage of the reachable rules', () => {
  test('the reachable rules are enumerated from the fixture', () => {
    // A guard against an enumeration that silently finds nothing.
    const ids = REACHABLE.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([
      'CreateModelCustomizationJob:jobName:pattern',
      'CreateModelCustomizationJob:customizationConfig:union',
      'CreateModelCustomizationJob:trainingDataConfig.invocationLogsConfig.requestMetadataFilters.andAll[].equals{key}:pattern',
      'ListCustomModels:maxResults:range.max',
      'GetModelCustomizationJob:jobIdentifier:required',
      'TagResource:tags[].value:length.max',
    ]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(REACHABLE.length).toBe(CASES.length + REACHABLE.filter(isExcluded).length);
  });

  test('every reachable rule has a case or an exclusion', () => {
    expect(uncovered(REACHABLE)).toEqual([]);
  });

  test('the coverage check reports a new rule with neither', () => {
    const newPattern: RuleAt = { ...REACHABLE[0], id: 'X:p:pattern', rule: { kind: 'pattern', shape: 'NewShape', pattern: '^a$' } };
    const newMinimum: RuleAt = { ...REACHABLE[0], id: 'X:p:length.min', rule: { kind: 'length.min', shape: 'Other', bound: 0, unit: 'item' } };
    expect(uncovered([...REACHABLE, newPattern, newMinimum])).toEqual(['X:p:pattern', 'X:p:length.min']);
  });

  test('no stale exclusions, each with a reason', () => {
    const identities = new Set(REACHABLE.map((r) => identityOf(r.rule)));
    expect(Object.keys(EXCLUSIONS).filter((id) => !identities.has(id))).toEqual([]);
    for (const [id, reason] of Object.entries(EXCLUSIONS)) expect([id, reason.length > 20]).toEqual([id, true]);
  });

  test('exclusions that rest on the fixture still hold; every required label is found in it', () => {
    expect(REACHABLE.filter(isExcluded).length).toBeGreaterThan(0);
    const labels = REACHABLE.filter((r) => exclusionOf(r) === LABEL_IS_PATH).map((r) => r.id);
    const labelled = Object.entries(CONSTRAINTS.operations).flatMap(([operation, { input }]) => Object.entries(shape(input).members ?? {})
      .filter(([, m]) => m.location === 'label' && m.required).map(([name]) => `${operation}:${name}:required`));
    expect(labels.sort()).toEqual(labelled.sort());
    expect(labels).toEqual(expect.arrayContaining(['GetModelImportJob:jobIdentifier:required', 'DeleteCustomModel:modelIdentifier:required']));
    for (const r of REACHABLE.filter(isExcluded)) {
      if (r.rule.kind === 'length.min') {
        expect([r.id, r.rule.bound]).toEqual([r.id, 0]);
      } else {
        const member = r.segments[0].kind === 'member' ? r.segments[0].name : '';
        expect([r.id, r.rule.kind, shape(CONSTRAINTS.operations[r.operation].input).members![member].location]).toEqual([r.id, 'required', 'label']);
      }
    }
  });
});

describe('each case is rejected on the wire, with the violation recorded', () => {
  test.each(CASES.map((c) => [c.rule.id, c] as const))('%s', async (_, c) => {
    // The operation's valid sample with the rule broken at its path.
    const error = await rejectionOf(send(c.rule.operation, inputWith(c.rule, c.leaf)));
    expect(error).toBeInstanceOf(bedrock.ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    const path = reportedPath(c.rule.segments, c.leaf);
    const recorded = env.emulator.violations.map((v) => [v.operation, v.path, v.rule]);
    expect(recorded).toContainEqual([c.rule.operation, path, c.rule.rule.kind]);
    // Nothing else in the request broke a rule.
    expect(recorded.filter(([, p]) => p !== path)).toEqual([]);
  });
});
