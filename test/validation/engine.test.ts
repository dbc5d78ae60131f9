import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lazy, Token } from 'aws-cdk-lib';
import { DEFAULT_MODEL, deriveConstraints, OPERATIONS, renderConstraints } from '../../scripts/derive-constraints';
import { CONSTRAINTS, operation, resolvePath, shape } from '../../src/contract/constraints';
import { checkValue, Rule, rulesAt, validateInput } from '../../src/contract/validation';
import { checkProp } from '../../src/private/prop-check';

const ROOT = path.resolve(__dirname, '..', '..');
const COMMITTED = path.join(ROOT, 'src', 'contract', 'constraints.generated.ts');
const MODEL = process.env.BEDROCK_API_MODEL ?? DEFAULT_MODEL;
// The model lives beside the checkout (../shared), which a user's clone does not have.
const withModel = fs.existsSync(MODEL) ? test : test.skip;
const JOB = 'CreateModelCustomizationJobRequest';

describe('fixture generation', () => {
  withModel('the script regenerates the committed fixture byte for byte', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constraints-'));
    const out = path.join(dir, 'constraints.generated.ts');
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', 'scripts/derive-constraints.ts'], {
      cwd: ROOT,
      env: { ...process.env, CONSTRAINTS_OUT: out },
      stdio: 'pipe',
    });
    expect(fs.readFileSync(out, 'utf8')).toEqual(fs.readFileSync(COMMITTED, 'utf8'));
  }, 60_000);

  withModel('derivation is deterministic and carries no documentation', () => {
    const text = fs.readFileSync(MODEL, 'utf8');
    const first = renderConstraints(deriveConstraints(text));
    expect(renderConstraints(deriveConstraints(text))).toEqual(first);
    expect(first).toMatch(/^\/\/ Generated from the Bedrock API model .* by scripts\/derive-constraints.ts\. Do not edit/s);
    expect(first).not.toMatch(/documentation|<p>/);
  });

  test('the script fails clearly when the model is missing', () => {
    const result = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', 'scripts/derive-constraints.ts'], {
      cwd: ROOT,
      env: { ...process.env, BEDROCK_API_MODEL: '/nonexistent/model.json', CONSTRAINTS_OUT: path.join(os.tmpdir(), 'never-written.ts') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Bedrock API model not found at /nonexistent/model.json');
  }, 60_000);

  test('the derivation rejects traits it does not know', () => {
    const model = {
      smithy: '2.0',
      shapes: {
        'com.amazonaws.bedrock#Svc': { type: 'service', version: '1' },
        ...Object.fromEntries(OPERATIONS.map((op) => [`com.amazonaws.bedrock#${op}`, {
          type: 'operation',
          input: { target: 'com.amazonaws.bedrock#In' },
          traits: { 'smithy.api#http': { method: 'POST', uri: `/${op}` } },
        }])),
        'com.amazonaws.bedrock#In': { type: 'structure', members: { a: { target: 'com.amazonaws.bedrock#Ids' } } },
        'com.amazonaws.bedrock#Ids': { type: 'list', member: { target: 'smithy.api#String' }, traits: { 'smithy.api#uniqueItems': {} } },
      },
    };
    expect(() => deriveConstraints(JSON.stringify(model))).toThrow(/Unsupported trait smithy.api#uniqueItems on shape com.amazonaws.bedrock#Ids/);
  });
});

describe('fixture content', () => {
  test('every operation is present with its input, HTTP route and errors', () => {
    expect(Object.keys(CONSTRAINTS.operations).sort()).toEqual([...OPERATIONS].sort());
    expect(operation('CreateModelCustomizationJob')).toMatchObject({
      input: JOB, http: { method: 'POST', uri: '/model-customization-jobs', code: 201 }, idempotent: true,
    });
    expect(operation('GetModelCustomizationJob').http).toEqual({ method: 'GET', uri: '/model-customization-jobs/{jobIdentifier}', code: 200 });
    expect(operation('StopModelCustomizationJob').http).toEqual({ method: 'POST', uri: '/model-customization-jobs/{jobIdentifier}/stop', code: 200 });
    expect(operation('CreateCustomModel').http).toEqual({ method: 'POST', uri: '/custom-models/create-custom-model', code: 202 });
    expect(operation('DeleteCustomModel').http).toEqual({ method: 'DELETE', uri: '/custom-models/{modelIdentifier}', code: 200 });
    expect(operation('PutModelInvocationLoggingConfiguration').http).toEqual({ method: 'PUT', uri: '/logging/modelinvocations', code: 200 });
    expect(operation('ListTagsForResource').http).toEqual({ method: 'POST', uri: '/listTagsForResource', code: 200 });
    expect(operation('ListCustomModels')).toMatchObject({ readonly: true, paginated: { inputToken: 'nextToken', pageSize: 'maxResults' } });
    for (const name of OPERATIONS) {
      const op = operation(name);
      expect(shape(op.input).type).toBe('structure');
      expect(op.errors.length).toBeGreaterThan(0);
      for (const error of op.errors) expect(CONSTRAINTS.errors[error]).toBeDefined();
    }
    expect(CONSTRAINTS.errors.ThrottlingException).toEqual({ httpError: 429, fault: 'client' });
    expect(CONSTRAINTS.errors.InternalServerException).toEqual({ httpError: 500, fault: 'server' });
  });

  test('members carry their HTTP location', () => {
    expect(shape('GetCustomModelRequest').members?.modelIdentifier).toMatchObject({ location: 'label', required: true });
    expect(shape('ListCustomModelsRequest').members?.maxResults).toMatchObject({ location: 'query', locationName: 'maxResults', target: 'MaxResults' });
    expect(shape(JOB).members?.jobName.location).toBe('body');
    expect(shape(JOB).members?.clientRequestToken).toMatchObject({ idempotencyToken: true });
    expect(shape('InvocationLogsConfig').members?.usePromptResponse).toMatchObject({ default: false });
  });

  test('every target is a shape, prelude ones included, and every pattern compiles', () => {
    for (const [name, s] of Object.entries(CONSTRAINTS.shapes)) {
      const refs = [...Object.values(s.members ?? {}), s.member, s.key, s.value].filter((r) => r !== undefined);
      for (const ref of refs) expect([name, CONSTRAINTS.shapes[ref.target]?.type]).toEqual([name, expect.any(String)]);
      for (const pattern of [s.pattern, s.key?.pattern, s.value?.pattern]) {
        if (pattern !== undefined) expect(() => new RegExp(pattern)).not.toThrow();
      }
    }
    expect(shape('String')).toEqual({ type: 'string' });
    expect(shape('RequestMetadataMap').key).toMatchObject({ target: 'String', length: { min: 1, max: 256 } });
  });

  test('resolvePath follows members, list elements and map keys and values', () => {
    expect(resolvePath(JOB, 'validationDataConfig.validators[].s3Uri')).toMatchObject({ id: 'Validator$s3Uri', ref: { target: 'S3Uri', required: true } });
    expect(resolvePath(JOB, 'hyperParameters{key}')).toMatchObject({ id: 'ModelCustomizationHyperParameters$key', ref: { target: 'String' } });
    expect(resolvePath(JOB, 'hyperParameters{}').ref.target).toBe('String');
    expect(resolvePath(JOB, '')).toEqual({ id: JOB, ref: { target: JOB } });
    expect(() => resolvePath(JOB, 'nope')).toThrow(/"nope" does not apply to CreateModelCustomizationJobRequest/);
    expect(() => resolvePath(JOB, 'jobTags.key')).toThrow(/does not apply to TagList \(list\)/);
    expect(() => resolvePath(JOB, '.jobName')).toThrow(/Invalid path/);
    expect(() => shape('toString')).toThrow(/Unknown shape/);
  });
});

describe('rulesAt', () => {
  const kinds = (p: string) => rulesAt(JOB, p).map((r) => r.kind);
  const find = (p: string, kind: Rule['kind']) => rulesAt(JOB, p).find((r) => r.kind === kind);
  const S3_URI = /^\^s3:\/\//;

  test.each([
    ['jobName', ['required', 'length.min', 'length.max', 'pattern']],
    ['customModelName', ['required', 'length.min', 'length.max', 'pattern']],
    ['baseModelIdentifier', ['required', 'length.min', 'length.max', 'pattern']],
    ['roleArn', ['required', 'length.max', 'pattern']],
    ['trainingDataConfig.s3Uri', ['length.min', 'length.max', 'pattern']],
    ['validationDataConfig.validators', ['required', 'length.max']],
    ['validationDataConfig.validators[].s3Uri', ['required', 'length.min', 'length.max', 'pattern']],
    ['outputDataConfig.s3Uri', ['required', 'length.min', 'length.max', 'pattern']],
    ['jobTags', ['length.min', 'length.max']],
    ['jobTags[].key', ['required', 'length.min', 'length.max', 'pattern']],
    ['jobTags[].value', ['required', 'length.min', 'length.max', 'pattern']],
    ['customizationType', ['enum']],
    ['hyperParameters', []],
    ['hyperParameters{key}', []],
  ])('%s has %p', (p, expected) => {
    expect(kinds(p)).toEqual(expected);
  });

  test('rules carry their bounds, patterns, values and origin', () => {
    expect(find('jobName', 'required')).toEqual({ kind: 'required', shape: `${JOB}$jobName` });
    expect(find('jobName', 'length.max')).toEqual({ kind: 'length.max', shape: 'JobName', bound: 63, unit: 'character' });
    expect(find('jobName', 'pattern')).toEqual({ kind: 'pattern', shape: 'JobName', pattern: '^[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*$' });
    expect(find('roleArn', 'length.max')).toMatchObject({ bound: 2048 });
    expect(find('trainingDataConfig.s3Uri', 'pattern')).toMatchObject({ shape: 'S3Uri', pattern: expect.stringMatching(S3_URI) });
    expect(find('validationDataConfig.validators', 'length.max')).toEqual({ kind: 'length.max', shape: 'Validators', bound: 10, unit: 'item' });
    expect(find('jobTags', 'length.max')).toEqual({ kind: 'length.max', shape: 'TagList', bound: 200, unit: 'item' });
    expect(find('jobTags[].key', 'length.max')).toMatchObject({ shape: 'TagKey', bound: 128 });
    expect(find('jobTags[].value', 'length.min')).toMatchObject({ shape: 'TagValue', bound: 0 });
    expect(find('customizationType', 'enum')).toEqual({
      kind: 'enum',
      shape: 'CustomizationType',
      values: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION', 'REINFORCEMENT_FINE_TUNING', 'IMPORTED'],
    });
    expect(find('customizationConfig.rftConfig.hyperParameters.learningRate', 'range.min')).toEqual({ kind: 'range.min', shape: 'RFTLearningRate', bound: 1e-7 });
  });

  test('member-level constraints (map keys here) are attributed to the member', () => {
    const rules = rulesAt('PutModelInvocationLoggingConfigurationRequest', 'loggingConfig'); // a structure: only required
    expect(rules).toEqual([{ kind: 'required', shape: 'PutModelInvocationLoggingConfigurationRequest$loggingConfig' }]);
    const key = rulesAt(JOB, 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals{key}');
    expect(key).toEqual([
      { kind: 'length.min', shape: 'RequestMetadataMap$key', bound: 1, unit: 'character' },
      { kind: 'length.max', shape: 'RequestMetadataMap$key', bound: 256, unit: 'character' },
      { kind: 'pattern', shape: 'RequestMetadataMap$key', pattern: '^[a-zA-Z0-9\\s._:/=+$@-]{1,256}$' },
    ]);
    expect(rulesAt(JOB, 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals')).toEqual([
      { kind: 'length.min', shape: 'RequestMetadataMap', bound: 1, unit: 'entry' },
      { kind: 'length.max', shape: 'RequestMetadataMap', bound: 1, unit: 'entry' },
    ]);
  });
});

describe('checkValue', () => {
  const RFT = 'customizationConfig.rftConfig.hyperParameters';

  test('valid values produce no message', () => {
    expect(checkValue(JOB, 'jobName', 'my-job.v1', 'jobName')).toEqual([]);
    expect(checkValue(JOB, 'trainingDataConfig.s3Uri', 's3://bucket/train.jsonl', 'trainingData')).toEqual([]);
    expect(checkValue(JOB, 'customizationType', 'FINE_TUNING', 'customizationType')).toEqual([]);
    expect(checkValue(JOB, `${RFT}.learningRate`, 1e-5, 'learningRate')).toEqual([]);
    expect(checkValue(JOB, 'jobTags', [{ key: 'team', value: '' }], 'jobTags')).toEqual([]);
  });

  test('too long, counting code points', () => {
    expect(checkValue(JOB, 'jobName', 'a'.repeat(70), 'jobName')).toEqual(['jobName must be at most 63 characters (got 70)']);
    // 63 astral characters are 126 UTF-16 units but 63 code points.
    const LOGS = 'PutModelInvocationLoggingConfigurationRequest';
    expect(checkValue(LOGS, 'loggingConfig.s3Config.bucketName', '😀'.repeat(63), 'bucketName')).toEqual([]);
    expect(checkValue(LOGS, 'loggingConfig.s3Config.bucketName', '😀'.repeat(64), 'bucketName')).toEqual(['bucketName must be at most 63 characters (got 64)']);
    expect(checkValue(JOB, 'jobName', `${'😀'.repeat(101)}`, 'jobName')).toEqual([
      'jobName must be at most 63 characters (got 101)',
      `jobName must match the pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*$ (got "${'😀'.repeat(100)}…")`,
    ]);
    expect(checkValue(JOB, 'jobTags[].key', '', 'tag key')).toEqual(['tag key must be at least 1 character (got 0)']);
  });

  test('pattern', () => {
    expect(checkValue(JOB, 'jobName', 'my_job', 'jobName')).toEqual([
      'jobName must match the pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*$ (got "my_job")',
    ]);
    expect(checkValue(JOB, 'roleArn', 'not-an-arn', 'role')).toEqual([expect.stringMatching(/^role must match the pattern \^arn:aws.* \(got "not-an-arn"\)$/)]);
  });

  test('enum', () => {
    expect(checkValue(JOB, 'customizationType', 'X', 'customizationType')).toEqual([
      'customizationType must be one of FINE_TUNING, CONTINUED_PRE_TRAINING, DISTILLATION, REINFORCEMENT_FINE_TUNING, IMPORTED (got "X")',
    ]);
  });

  test('list too long, and its elements checked too', () => {
    const validators = Array.from({ length: 11 }, (_, i) => ({ s3Uri: `s3://bucket/v${i}.jsonl` }));
    expect(checkValue(JOB, 'validationDataConfig.validators', validators, 'validationData')).toEqual([
      'validationData must have at most 10 items (got 11)',
    ]);
    expect(checkValue(JOB, 'validationDataConfig.validators', [{ s3Uri: 'http://x' }], 'validationData')).toEqual([
      expect.stringMatching(/^validationData\[0\]\.s3Uri must match the pattern \^s3:/),
    ]);
  });

  test('range', () => {
    expect(checkValue(JOB, `${RFT}.learningRate`, 0, 'learningRate')).toEqual(['learningRate must be at least 1e-7 (got 0)']);
    expect(checkValue(JOB, `${RFT}.epochCount`, 51, 'epochCount')).toEqual(['epochCount must be at most 50 (got 51)']);
    expect(checkValue(JOB, `${RFT}.epochCount`, 2.5, 'epochCount')).toEqual(['epochCount must be an integer (got 2.5)']);
  });

  test('several broken rules are all reported', () => {
    expect(checkValue(JOB, 'jobName', '_'.repeat(64), 'jobName')).toEqual([
      'jobName must be at most 63 characters (got 64)',
      expect.stringMatching(/^jobName must match the pattern .* \(got "_{64}"\)$/),
    ]);
  });

  test('the constructs skip unresolved tokens', () => {
    const token = Lazy.string({ produce: () => 'x' });
    expect(Token.isUnresolved(token)).toBe(true);
    expect(checkProp(JOB, 'jobName', token, 'jobName')).toEqual([]);
    expect(checkProp(JOB, 'jobName', `my_job_${token}`, 'jobName')).toEqual([]);
    expect(checkProp(JOB, 'jobTags', Token.asList(token), 'jobTags')).toEqual([]);
    expect(checkProp(JOB, `${RFT}.epochCount`, Token.asNumber(token), 'epochCount')).toEqual([]);
    // A token inside a list: the token is skipped, its neighbours are not.
    expect(checkProp(JOB, 'validationDataConfig.validators', [{ s3Uri: token }, { s3Uri: 'bad' }], 'validationData')).toEqual([
      expect.stringMatching(/^validationData\[1\]\.s3Uri must match/),
    ]);
  });

  test('the contract layer knows no tokens: it skips only what it is told to', () => {
    const token = Lazy.string({ produce: () => 'x' });
    expect(checkValue(JOB, 'jobName', token, 'jobName')).toEqual([expect.stringMatching(/^jobName must match the pattern/)]);
    expect(checkValue(JOB, 'jobName', token, 'jobName', { skip: (v) => v === token })).toEqual([]);
  });

  test('undefined is not checked unless required-ness is asked for', () => {
    expect(checkValue(JOB, 'jobName', undefined, 'jobName')).toEqual([]);
    expect(checkValue(JOB, 'jobName', undefined, 'jobName', { required: true })).toEqual(['jobName is required']);
    expect(checkValue(JOB, 'customizationType', undefined, 'customizationType', { required: true })).toEqual([]);
  });
});

describe('validateInput', () => {
  const valid = () => ({
    jobName: 'my-job',
    customModelName: 'my-model',
    roleArn: 'arn:aws:iam::123456789012:role/BedrockCustomization',
    clientRequestToken: 'abc-123',
    baseModelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0:128k',
    customizationType: 'REINFORCEMENT_FINE_TUNING',
    customModelKmsKeyId: 'alias/my-key',
    jobTags: [{ key: 'team', value: 'ml' }],
    customModelTags: [],
    trainingDataConfig: {
      invocationLogsConfig: {
        usePromptResponse: true,
        invocationLogSource: { s3Uri: 's3://logs-bucket/invocations/' },
        requestMetadataFilters: { andAll: [{ equals: { project: 'x' } }, { notEquals: { env: 'dev' } }] },
      },
    },
    validationDataConfig: { validators: [{ s3Uri: 's3://bucket/validation.jsonl' }] },
    outputDataConfig: { s3Uri: 's3://bucket/output/' },
    hyperParameters: { epochCount: '2' },
    vpcConfig: { subnetIds: ['subnet-0123'], securityGroupIds: ['sg-0123'] },
    customizationConfig: {
      rftConfig: {
        graderConfig: { lambdaGrader: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:grader' } },
        hyperParameters: { epochCount: 3, batchSize: 64, learningRate: 1e-5, reasoningEffort: 'medium', evalInterval: 10 },
      },
    },
  });

  test('a valid full CreateModelCustomizationJob input has no violations', () => {
    expect(validateInput('CreateModelCustomizationJob', valid())).toEqual([]);
  });

  test('inputs of the other operations', () => {
    expect(validateInput('GetCustomModel', { modelIdentifier: 'my-model' })).toEqual([]);
    expect(validateInput('GetModelInvocationLoggingConfiguration', undefined)).toEqual([]);
    expect(validateInput('ListCustomModels', { maxResults: 0, creationTimeAfter: new Date('2026-01-01T00:00:00Z') })).toEqual([
      { path: 'maxResults', rule: 'range.min', message: 'maxResults must be at least 1 (got 0)' },
    ]);
    expect(validateInput('UntagResource', { resourceARN: 'arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0/abcdefghijkl' }))
      .toEqual([{ path: 'tagKeys', rule: 'required', message: 'tagKeys is required' }]);
    expect(() => validateInput('InvokeModel', {})).toThrow(/Unknown operation "InvokeModel"/);
  });

  test('missing required members, at any depth', () => {
    const input: Record<string, any> = valid();
    delete input.jobName;
    input.outputDataConfig = {};
    input.jobTags = [{ key: 'team' }];
    expect(validateInput('CreateModelCustomizationJob', input)).toEqual([
      { path: 'jobName', rule: 'required', message: 'jobName is required' },
      { path: 'jobTags[0].value', rule: 'required', message: 'jobTags[0].value is required' },
      { path: 'outputDataConfig.s3Uri', rule: 'required', message: 'outputDataConfig.s3Uri is required' },
    ]);
  });

  test('unknown members', () => {
    const input: Record<string, any> = { ...valid(), jobname: 'x' };
    input.outputDataConfig.kmsKey = 'k';
    expect(validateInput('CreateModelCustomizationJob', input)).toEqual([
      { path: 'jobname', rule: 'unknown-member', message: 'jobname is not a member of CreateModelCustomizationJobRequest' },
      { path: 'outputDataConfig.kmsKey', rule: 'unknown-member', message: 'outputDataConfig.kmsKey is not a member of OutputDataConfig' },
    ]);
  });

  test('a union must set exactly one member', () => {
    const input: Record<string, any> = valid();
    input.customizationConfig.distillationConfig = { teacherModelConfig: { teacherModelIdentifier: 'amazon.nova-pro-v1:0' } };
    input.trainingDataConfig.invocationLogsConfig.invocationLogSource = {};
    // Violations come in the fixture's member order (sorted by name).
    expect(validateInput('CreateModelCustomizationJob', input)).toEqual([
      { path: 'customizationConfig', rule: 'union', message: 'customizationConfig must set exactly one of distillationConfig, rftConfig (got distillationConfig, rftConfig)' },
      {
        path: 'trainingDataConfig.invocationLogsConfig.invocationLogSource',
        rule: 'union',
        message: 'trainingDataConfig.invocationLogsConfig.invocationLogSource must set exactly one of s3Uri (got none)',
      },
    ]);
  });

  test('wrong types', () => {
    const input: Record<string, any> = valid();
    input.jobName = 42;
    input.jobTags = { key: 'team', value: 'ml' };
    input.validationDataConfig.validators = [null];
    input.customizationConfig.rftConfig.hyperParameters.epochCount = '3';
    input.trainingDataConfig.invocationLogsConfig.usePromptResponse = 'yes';
    expect(validateInput('CreateModelCustomizationJob', input)).toEqual([
      { path: 'customizationConfig.rftConfig.hyperParameters.epochCount', rule: 'type', message: expect.stringMatching(/epochCount must be an integer \(got "3"\)$/) },
      { path: 'jobName', rule: 'type', message: 'jobName must be a string (got 42)' },
      { path: 'jobTags', rule: 'type', message: 'jobTags must be a list (got an object)' },
      { path: 'trainingDataConfig.invocationLogsConfig.usePromptResponse', rule: 'type', message: expect.stringMatching(/usePromptResponse must be a boolean \(got "yes"\)$/) },
      { path: 'validationDataConfig.validators[0]', rule: 'type', message: 'validationDataConfig.validators[0] must not be null' },
    ]);
    expect(validateInput('CreateModelCustomizationJob', [])).toEqual([{ path: '', rule: 'type', message: 'input must be an object (got a list)' }]);
  });

  test('map keys and values are checked against their member-level rules', () => {
    const input: Record<string, any> = valid();
    input.trainingDataConfig.invocationLogsConfig.requestMetadataFilters = { equals: { 'bad key!': 'v', 'k': 'v' } };
    expect(validateInput('CreateModelCustomizationJob', input)).toEqual([
      {
        path: 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals',
        rule: 'length.max',
        message: 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals must have at most 1 entry (got 2)',
      },
      {
        path: 'trainingDataConfig.invocationLogsConfig.requestMetadataFilters.equals key "bad key!"',
        rule: 'pattern',
        message: expect.stringMatching(/^trainingDataConfig\.invocationLogsConfig\.requestMetadataFilters\.equals key "bad key!" must match the pattern/),
      },
    ]);
  });
});
