import { aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Customization } from './customization';
import { S3DataLocation, TrainingDataLocation } from './data';
import { bedrockServicePrincipal, serviceRolePath } from '../private/arns';
import { grantRead, grantReadPrefix, grantWrite } from '../private/s3-grants';

/** The role Bedrock assumes to run the jobs of `scope`, under the stack's service role path. */
export function createJobServiceRole(scope: Construct): iam.Role {
  return new iam.Role(scope, 'ServiceRole', {
    description: 'Assumed by Amazon Bedrock to run a model customization job',
    // The handler may pass every role under this path (and only those it is given otherwise).
    path: serviceRolePath(scope),
    // Confused-deputy guard: only this account's customization jobs may assume the role.
    assumedBy: bedrockServicePrincipal(scope, 'model-customization-job'),
  });
}

/** What the job reads and writes: its training and validation data, its output prefix. */
export function grantJobData(role: iam.IRole, training: TrainingDataLocation, validation: S3DataLocation[], output: { bucket: S3DataLocation['bucket']; prefix: string }): void {
  if (training.invocationLogs) {
    grantReadPrefix(role, training.bucket, training.key);
    grantRead(role, validation);
  } else {
    grantRead(role, [training, ...validation]);
  }
  grantWrite(role, output.bucket, output.prefix);
}

/** What Bedrock calls on the job's behalf: the teacher model, the grader. */
export function grantCustomization(scope: Construct, role: iam.IRole, customization: Customization): void {
  const teacher = customization.distillationOptions?.teacherModel;
  if (teacher) {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-job-access-security.html (teacher behind an inference profile)
    iam.Grant.addToPrincipal({ grantee: role, actions: ['bedrock:InvokeModel'], resourceArns: teacher.invokeArns(scope) });
  }
  const grader = customization.reinforcementFineTuningOptions?.grader;
  if (grader) {
    // https://docs.aws.amazon.com/bedrock/latest/userguide/rft-access-security.html: the service role invokes the reward function.
    iam.Grant.addToPrincipal({ grantee: role, actions: ['lambda:InvokeFunction'], resourceArns: [grader.functionArn] });
  }
}
