/*
 * The account's IAM roles as the engine records them and the Bedrock emulator
 * reads them: a create that passes a role whose trust policy does not let
 * bedrock.amazonaws.com assume it is refused as an unpropagated role is, in
 * the same place of the create (L-39's confirmation uses such a role).
 */
import { CreateModelCustomizationJobCommand, ServiceQuotaExceededException } from '@aws-sdk/client-bedrock';
import { useEmulator } from './bedrock-fixtures/harness';
import { jobRequest } from './bedrock-fixtures/requests';
import { rejectionOf } from './bedrock-fixtures/sdk';
import { useEngines } from './cloudformation-fixtures/engines';
import { IamRoles, SynthesizedStack } from '../../emulator/cloudformation';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/JobRole`;
const trustOf = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });
const BEDROCK_TRUST = trustOf({ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' });
const LAMBDA_TRUST = trustOf({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

describe('IamRoles.mayAssume', () => {
  const judge = (trust: unknown) => {
    const roles = new IamRoles();
    roles.put(ROLE, trust);
    return roles.mayAssume(ROLE, 'bedrock.amazonaws.com', ACCOUNT);
  };

  test('a role it does not hold is not judged', () => {
    expect(new IamRoles().mayAssume(ROLE, 'bedrock.amazonaws.com', ACCOUNT)).toBeUndefined();
  });

  test('an Allow of sts:AssumeRole to the service principal, in a string or a list, with or without this account', () => {
    expect(judge(BEDROCK_TRUST)).toBe(true);
    expect(judge(trustOf({
      Effect: 'Allow',
      Principal: { Service: ['lambda.amazonaws.com', 'bedrock.amazonaws.com'] },
      Action: ['sts:TagSession', 'sts:AssumeRole'],
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT }, ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:*' } },
    }))).toBe(true);
  });

  test('another service, another account, another action, or a Deny: not assumable', () => {
    expect(judge(LAMBDA_TRUST)).toBe(false);
    expect(judge(trustOf({ ...BEDROCK_TRUST.Statement[0], Condition: { StringEquals: { 'aws:SourceAccount': '210987654321' } } }))).toBe(false);
    expect(judge(trustOf({ ...BEDROCK_TRUST.Statement[0], Action: 'sts:TagSession' }))).toBe(false);
    expect(judge({ Statement: [BEDROCK_TRUST.Statement[0], { ...BEDROCK_TRUST.Statement[0], Effect: 'Deny' }] })).toBe(false);
  });

  test('a Deny with a condition it does not read does not apply (an Allow\'s such condition passes)', () => {
    const deny = { ...BEDROCK_TRUST.Statement[0], Effect: 'Deny', Condition: { StringNotEquals: { 'aws:SourceAccount': ACCOUNT } } };
    expect(judge({ Statement: [BEDROCK_TRUST.Statement[0], deny] })).toBe(true);
  });

  test('a deleted role is not assumable', () => {
    const roles = new IamRoles();
    roles.put(ROLE, BEDROCK_TRUST);
    roles.remove(ROLE);
    expect(roles.mayAssume(ROLE, 'bedrock.amazonaws.com', ACCOUNT)).toBe(false);
  });
});

describe('the engine records its stacks\' roles', () => {
  const engine = useEngines();

  test('created with their trust policies, forgotten when deleted', async () => {
    const iamRoles = new IamRoles();
    const local = engine({ iamRoles });
    const role = (trust: unknown) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust } });
    await local.deploy(SynthesizedStack.fromTemplate('Roles', { Resources: { Trusted: role(BEDROCK_TRUST), Untrusted: role(LAMBDA_TRUST) } }));
    const [trusted, untrusted] = ['Trusted', 'Untrusted'].map((id) => String(local.resource(id).attributes.Arn));
    expect([trusted, untrusted].map((arn) => iamRoles.mayAssume(arn, 'bedrock.amazonaws.com', local.accountId))).toEqual([true, false]);
    await local.destroy();
    expect(iamRoles.mayAssume(trusted, 'bedrock.amazonaws.com', local.accountId)).toBe(false);
  });
});

describe('the Bedrock emulator refuses a role it may not assume', () => {
  const env = useEmulator({ clock: { acceleration: 0 } });
  const create = (jobName: string, roleArn: string) =>
    env.client().send(new CreateModelCustomizationJobCommand(jobRequest({ jobName, customModelName: `${jobName}-model`, roleArn })));

  test('at every try, with the message of a role not yet usable; a role it may assume, or does not hold, is taken', async () => {
    env.emulator.iamRoles.put(ROLE, LAMBDA_TRUST);
    for (const name of ['tune-1', 'tune-2']) {
      const refusal = await rejectionOf(create(name, ROLE));
      expect([refusal.name, refusal.message]).toEqual(['ValidationException', 'Could not assume provided IAM role.']);
    }
    env.emulator.iamRoles.put(`${ROLE}2`, BEDROCK_TRUST);
    await expect(create('tune-3', `${ROLE}2`)).resolves.toHaveProperty('jobArn');
    await expect(create('tune-4', `${ROLE}3`)).resolves.toHaveProperty('jobArn');
  });

  test('where the role is checked (L-39): before the quota by default, after it with iam.checkedFirst false', async () => {
    env.emulator.iamRoles.put(ROLE, LAMBDA_TRUST);
    env.emulator.capacity.limits.customizationJobs = 0;
    expect((await rejectionOf(create('tune-1', ROLE))).name).toBe('ValidationException');
    env.emulator.iam.checkedFirst = false;
    expect(await rejectionOf(create('tune-2', ROLE))).toBeInstanceOf(ServiceQuotaExceededException);
  });
});
