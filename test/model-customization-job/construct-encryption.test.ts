/*
 * Keys of a ModelCustomizationJob: the custom model key (customModelEncryptionKey)
 * for the service role and the handler role, and the keys of encrypted buckets.
 */
import { App, Stack, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OutputData, TrainingData, ValidationData } from '../../src';
import { addJob, jobSetup as setup } from '../support/job-stack';

const JOB = 'Custom::BedrockModelCustomizationJob';
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const MODEL_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'];
/** Bedrock in the stack's region (amazonaws.com, or the partition's suffix). */
const VIA_BEDROCK = { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['bedrock.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } } };

/** The statements of the policies attached to roles whose logical id matches `role`. */
function statementsOf(stack: Stack, template: Template, role: RegExp): any[] {
  return stack.resolve(Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => role.test(r.Ref)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement));
}

const kmsStatements = (statements: any[]) => statements.filter((s) => JSON.stringify(s.Action).includes('kms:'));

describe('customModelEncryptionKey', () => {
  test('is sent as the key ARN; the service role and the handler role may use it through Bedrock only', () => {
    const { stack, template } = setup((s) => ({ customModelEncryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN) }));
    const t = template();
    t.hasResourceProperties(JOB, { customModelKmsKeyId: KEY_ARN });
    const expected = [{ Action: MODEL_KEY_ACTIONS, Effect: 'Allow', Resource: KEY_ARN, Condition: VIA_BEDROCK }];
    expect(kmsStatements(statementsOf(stack, t, /^JobServiceRole/))).toEqual(expected);
    expect(kmsStatements(statementsOf(stack, t, /^BedrockModelCustomizationJobProviderHandlerRole/))).toEqual(expected);
  });

  test('a key of this app: its ARN, and the ViaService region of the stack', () => {
    const stack = new Stack(new App(), 'Stack');
    addJob(stack, 'Job', { customModelEncryptionKey: new kms.Key(stack, 'ModelKey', { enableKeyRotation: true }) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties(JOB, { customModelKmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ModelKey'), 'Arn'] } });
    const [statement] = kmsStatements(statementsOf(stack, t, /^JobServiceRole/));
    expect(statement.Condition).toEqual({
      StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['bedrock.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] } },
    });
  });

  test('an alias of this app stands for its key', () => {
    const { stack, template } = setup((s) => ({
      customModelEncryptionKey: new kms.Alias(s, 'Alias', { aliasName: 'alias/models', targetKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN) }),
    }));
    template().hasResourceProperties(JOB, { customModelKmsKeyId: KEY_ARN });
    expect(kmsStatements(statementsOf(stack, template(), /^JobServiceRole/))).toEqual([expect.objectContaining({ Resource: KEY_ARN })]);
  });

  test('an imported alias is rejected: IAM cannot grant a key by its alias ARN', () => {
    expect(() => setup((s) => ({ customModelEncryptionKey: kms.Alias.fromAliasName(s, 'Alias', 'alias/models') })))
      .toThrow('Stack/Job: customModelEncryptionKey is an imported alias: IAM policies that grant a key name its key ARN. Give the key itself');
  });

  test('two jobs with the same key give the handler one statement', () => {
    const { stack, template } = setup((s) => ({ customModelEncryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN) }));
    addJob(stack, 'Two', { customModelEncryptionKey: stack.node.findChild('Key') as kms.IKey });
    expect(kmsStatements(statementsOf(stack, template(), /^BedrockModelCustomizationJobProviderHandlerRole/))).toHaveLength(1);
  });

  test('no key, no KMS permission for the handler', () => {
    const { stack, template } = setup();
    expect(kmsStatements(statementsOf(stack, template(), /^BedrockModelCustomizationJobProviderHandlerRole/))).toEqual([]);
    const resource = Object.values(template().findResources(JOB))[0] as any;
    expect(resource.Properties).not.toHaveProperty('customModelKmsKeyId');
  });

  test('a role you pass gets the key too', () => {
    const { stack, template } = setup((s) => ({
      customModelEncryptionKey: kms.Key.fromKeyArn(s, 'Key', KEY_ARN),
      role: new iam.Role(s, 'MyRole', { assumedBy: new iam.ServicePrincipal('bedrock.amazonaws.com') }),
    }));
    expect(kmsStatements(statementsOf(stack, template(), /^MyRole/))).toEqual([
      { Action: MODEL_KEY_ACTIONS, Effect: 'Allow', Resource: KEY_ARN, Condition: VIA_BEDROCK },
    ]);
  });
});

describe('encrypted buckets', () => {
  test('the service role decrypts the inputs and encrypts and decrypts the output (multipart uploads read their parts\' keys)', () => {
    const { stack, template } = setup((s) => {
      const input = new s3.Bucket(s, 'In', { encryptionKey: new kms.Key(s, 'InputKey') });
      const output = new s3.Bucket(s, 'Out', { encryptionKey: new kms.Key(s, 'OutputKey') });
      return {
        trainingData: TrainingData.fromBucket(input, 'train.jsonl'),
        validationData: [ValidationData.fromBucket(input, 'validation.jsonl')],
        outputData: OutputData.fromBucket(output, 'output/'),
      };
    });
    const statements = kmsStatements(statementsOf(stack, template(), /^JobServiceRole/));
    const actionsOn = (key: string) => statements
      .filter((s) => JSON.stringify(s.Resource).includes(key))
      .flatMap((s) => [].concat(s.Action)).sort();
    expect(actionsOn('InputKey')).toEqual(['kms:Decrypt']);
    expect(actionsOn('OutputKey')).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*']);
  });
});
