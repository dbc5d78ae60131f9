/*
 * Tags of a ModelCustomizationJob: jobTags, customModelTags and Tags.of(),
 * with the provenance tags, rendered into the template, counted against
 * Bedrock's 50 per resource once aspects have run, and the handler's tagging
 * permissions. The provenance tags of every kind: provenance-tags.test.ts.
 */
import { Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ModelCustomizationJobProps } from '../../src';
import { MAX_TAGS_PER_RESOURCE } from '../../src/contract/constraints';
import { addJob, jobSetup } from '../support/job-stack';
import { withProvenance } from '../support/provenance';

const JOB = 'Custom::BedrockModelCustomizationJob';

const setup = (props: Partial<ModelCustomizationJobProps> = {}) => jobSetup(() => props);
const propertiesOf = (t: Template) => (Object.values(t.findResources(JOB))[0] as any).Properties;
/** Tags of the user's own a resource may have: the construct adds the 2 provenance tags. */
const MAX_OWN = MAX_TAGS_PER_RESOURCE - 2;
const tagged = (tags: Array<{ key: string; value: string }>) => withProvenance('Stack/Job', tags);
const manyTags = (n: number, prefix = 'key') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));

function handlerActions(t: Template): string[] {
  const policies = t.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('BedrockModelCustomizationJobProviderHandlerRole') }] },
  });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement).flatMap((s: any) => [].concat(s.Action));
}

describe('Tags.of()', () => {
  test('tags both the job and its custom model; jobTags and customModelTags win for their resource', () => {
    const { stack, template } = setup({ jobTags: { team: 'ml' }, customModelTags: { env: 'model-env' } });
    Tags.of(stack).add('env', 'prod');
    Tags.of(stack).add('cost-center', '42');
    const properties = propertiesOf(template());
    expect(properties.jobTags).toEqual(tagged([{ key: 'cost-center', value: '42' }, { key: 'env', value: 'prod' }, { key: 'team', value: 'ml' }]));
    expect(properties.customModelTags).toEqual(tagged([{ key: 'cost-center', value: '42' }, { key: 'env', value: 'model-env' }]));
  });

  test('the job\'s own tag manager, with the custom resource type, so aspects can include or exclude it', () => {
    const { stack, job, template } = setup({ jobTags: { team: 'ml' } });
    expect(job.tags.hasTags()).toBe(false);
    Tags.of(stack).add('env', 'prod', { excludeResourceTypes: [JOB] });
    Tags.of(stack).add('owner', 'platform', { includeResourceTypes: [JOB] });
    const properties = propertiesOf(template());
    expect(properties.jobTags).toEqual(tagged([{ key: 'owner', value: 'platform' }, { key: 'team', value: 'ml' }]));
    expect(properties.customModelTags).toEqual(tagged([{ key: 'owner', value: 'platform' }]));
  });

  test('Tags.of().remove() removes a Tags.of() tag, not a prop\'s tag', () => {
    const { stack, template } = setup({ jobTags: { team: 'ml' } });
    Tags.of(stack).add('env', 'prod');
    Tags.of(stack).add('team', 'platform');
    Tags.of(stack).remove('env');
    expect(propertiesOf(template()).jobTags).toEqual(tagged([{ key: 'team', value: 'ml' }]));
  });

  test('no tags of your own: the provenance tags alone, on both', () => {
    const properties = propertiesOf(setup().template());
    expect(properties.jobTags).toEqual(tagged([]));
    expect(properties.customModelTags).toEqual(tagged([]));
  });
});

describe('50 tags per resource, Tags.of() and the provenance tags counted', () => {
  const PROVENANCE = 'the 2 tags cdk-bedrock-customization:stack and cdk-bedrock-customization:construct-path';

  test('48 tags of your own on the job, half from Tags.of(), and the 2 provenance tags synthesize', () => {
    const { stack, template } = setup({ jobTags: manyTags(MAX_OWN / 2) });
    Object.entries(manyTags(MAX_OWN / 2, 'stack')).forEach(([k, v]) => Tags.of(stack).add(k, v));
    expect(propertiesOf(template()).jobTags).toHaveLength(MAX_TAGS_PER_RESOURCE);
  });

  test('a prop with 49 tags fails at construction, counting the provenance tags', () => {
    expect(() => setup({ jobTags: manyTags(MAX_OWN + 1) })).toThrow(
      `jobTags must have at most ${MAX_OWN} tags: Bedrock accepts ${MAX_TAGS_PER_RESOURCE} on one resource, and the construct adds ${PROVENANCE} (got 49)`);
  });

  test('one more from Tags.of() fails synthesis, naming the resource, the counts and your share', () => {
    const { stack } = setup({ jobTags: manyTags(MAX_OWN) });
    Tags.of(stack).add('env', 'prod');
    expect(() => Template.fromStack(stack)).toThrow(
      `The job would have ${MAX_TAGS_PER_RESOURCE + 1} tags: ${MAX_OWN + 1} of jobTags and Tags.of(), and ${PROVENANCE}; `
      + `Bedrock accepts at most ${MAX_TAGS_PER_RESOURCE} per resource, so at most ${MAX_OWN} of your own`);
  });

  test('the custom model is counted on its own', () => {
    const { stack } = setup({ customModelTags: manyTags(MAX_OWN - 1) });
    Object.entries(manyTags(2, 'stack')).forEach(([k, v]) => Tags.of(stack).add(k, v));
    expect(() => Template.fromStack(stack)).toThrow(
      `The custom model would have ${MAX_TAGS_PER_RESOURCE + 1} tags: ${MAX_OWN + 1} of customModelTags and Tags.of(), and ${PROVENANCE}; `
      + `Bedrock accepts at most ${MAX_TAGS_PER_RESOURCE} per resource`);
  });

  test('a Tags.of() key that overrides a prop\'s key counts once', () => {
    const { stack, template } = setup({ jobTags: manyTags(MAX_OWN) });
    Tags.of(stack).add('key0', 'from-stack');
    expect(propertiesOf(template()).jobTags).toHaveLength(MAX_TAGS_PER_RESOURCE);
  });

  test('a Tags.of() tag Bedrock would reject fails synthesis, naming it', () => {
    const { stack } = setup();
    Tags.of(stack).add('team#1', 'ml');
    Tags.of(stack).add('env', 'prod#1');
    const message = (() => {
      try {
        Template.fromStack(stack);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('synthesis succeeded');
    })();
    expect(message).toMatch(/Tags\.of\(\) key "team#1" must match the pattern /);
    expect(message).toMatch(/Tags\.of\(\) tag "env" must match the pattern /);
  });
});

describe('handler permissions', () => {
  test('bedrock:TagResource and bedrock:UntagResource without tags of your own: every job and model has the provenance tags', () => {
    const actions = handlerActions(setup().template());
    expect(actions).toContain('bedrock:TagResource');
    expect(actions).toContain('bedrock:UntagResource');
  });

  test('both are scoped to this account\'s jobs and custom models, once per stack', () => {
    const { stack, template } = setup({ jobTags: { team: 'ml' } });
    addJob(stack, 'Two', { customModelTags: { team: 'ml' } });
    const policies = template().findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('BedrockModelCustomizationJobProviderHandlerRole') }] },
    });
    const statements = stack.resolve(Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement))
      .filter((s: any) => /bedrock:(Untag|Tag)Resource/.test(JSON.stringify(s.Action)));
    const arn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:us-east-1:123456789012:${resource}/*`]] });
    expect(statements).toEqual([
      { Action: ['bedrock:TagResource', 'bedrock:UntagResource'], Effect: 'Allow', Resource: [arn('custom-model'), arn('model-customization-job')] },
    ]);
  });
});
