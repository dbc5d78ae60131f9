/*
 * Synth-time validation of ModelCustomizationJob props, driven by the
 * constraints fixture: the coverage of its rules. Every rule reachable from
 * the props (JOB_PROP_PATHS x rulesAt) must have a failing case or a written
 * exclusion in job-props-table.ts; a new rule in the fixture or a new prop
 * path fails 'every reachable rule has a failing case or an exclusion' until
 * it gets one.
 */
import { Stack, aws_lambda as lambda } from 'aws-cdk-lib';
import { GRADER_ARN, TEACHER, bound, reachableRules, ruleOf } from './props-helpers';
import { EXCLUSIONS, FAILING_CASES, FILTER_POSITIONS } from './props-table';
import { Customization, ReasoningEffort } from '../../src';
import { JOB_PROP_PATHS } from '../../src/contract/kinds/job';

/** Reachable rule ids with neither a failing case nor an exclusion. */
function uncovered(reachable: Iterable<string>, cases: object, exclusions: object): string[] {
  return [...reachable].filter((id) => !Object.prototype.hasOwnProperty.call(cases, id) && !Object.prototype.hasOwnProperty.call(exclusions, id));
}

describe('coverage of the reachable rules', () => {
  const reachable = reachableRules();

  test('the reachable rules are enumerated from the fixture', () => {
    // A guard against an enumeration that silently finds nothing.
    expect(reachable.get('jobName:length.max')).toEqual({ kind: 'length.max', shape: 'JobName', bound: 63, unit: 'character' });
    expect(reachable.get('validationData:length.max')).toMatchObject({ kind: 'length.max', bound: 10, unit: 'item' });
    expect(reachable.get('role:pattern')).toMatchObject({ kind: 'pattern', pattern: '^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+$' });
    expect(reachable.size).toBe(Object.keys(FAILING_CASES).length + Object.keys(EXCLUSIONS).length);
  });

  test('every reachable rule has a failing case or an exclusion', () => {
    expect(uncovered(reachable.keys(), FAILING_CASES, EXCLUSIONS)).toEqual([]);
  });

  test('the coverage check reports a rule with neither, and the rules of a new prop path', () => {
    const casesWithoutOne = Object.fromEntries(Object.entries(FAILING_CASES).filter(([id]) => id !== 'jobName:pattern'));
    expect(uncovered(reachable.keys(), casesWithoutOne, EXCLUSIONS)).toEqual(['jobName:pattern']);
    const withNewPath = reachableRules({ ...JOB_PROP_PATHS, customModelKmsKey: 'customModelKmsKeyId' });
    const missing = uncovered(withNewPath.keys(), FAILING_CASES, EXCLUSIONS);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((id) => id.startsWith('customModelKmsKey:'))).toBe(true);
  });

  test('no stale entries: every failing case and exclusion names a reachable rule', () => {
    const stale = [...Object.keys(FAILING_CASES), ...Object.keys(EXCLUSIONS)].filter((id) => !reachable.has(id));
    expect(stale).toEqual([]);
  });

  test('no rule is both a failing case and an exclusion', () => {
    expect(Object.keys(FAILING_CASES).filter((id) => Object.prototype.hasOwnProperty.call(EXCLUSIONS, id))).toEqual([]);
  });

  test('every exclusion gives a reason', () => {
    for (const [id, reason] of Object.entries(EXCLUSIONS)) {
      expect([id, reason.trim().length > 20]).toEqual([id, true]);
    }
  });

  test('exclusions that rest on the fixture still hold', () => {
    // Min-0 exclusions: the bound is still 0.
    for (const id of ['jobTags:length.min', 'jobTags.value:length.min', 'customModelTags:length.min', 'customModelTags.value:length.min']) {
      expect([id, bound(id)]).toEqual([id, 0]);
    }
    // S3 URI min-length exclusions: "s3://" alone already meets the bound.
    for (const id of ['trainingData:length.min', 'validationData[]:length.min', 'outputData:length.min']) {
      expect(bound(id)).toBeLessThanOrEqual('s3://'.length);
    }
    // The Customization factories give only values of the enum.
    const customizationEnum = ruleOf('customization:enum');
    expect(customizationEnum.kind).toBe('enum');
    const values = customizationEnum.kind === 'enum' ? customizationEnum.values : [];
    const stack = new Stack();
    const grader = lambda.Function.fromFunctionArn(stack, 'Grader', GRADER_ARN);
    for (const c of [
      Customization.fineTuning(), Customization.continuedPreTraining(),
      Customization.distillation({ teacherModel: TEACHER }), Customization.reinforcementFineTuning({ grader }),
    ]) {
      expect(values).toContain(c.customizationType);
    }
    // The ReasoningEffort enum has exactly the model's values.
    const effort = ruleOf('customization.hyperParameters.reasoningEffort:enum');
    expect(effort.kind === 'enum' ? [...effort.values].sort() : []).toEqual(Object.values(ReasoningEffort).sort());
    // Each condition's map holds exactly one entry, and values may be empty.
    for (const position of FILTER_POSITIONS) {
      const id = `trainingData.filter.${position}`;
      expect([id, bound(`${id}:length.min`), bound(`${id}:length.max`), bound(`${id}.value:length.min`)]).toEqual([id, 1, 1, 0]);
    }
    expect(bound('trainingData.invocationLogs:length.min')).toBeLessThanOrEqual('s3://'.length);
  });
});
