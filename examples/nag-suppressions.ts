import { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { ModelCustomizationJob } from '../src';

/**
 * cdk-nag AwsSolutions suppressions for what this library creates, each scoped
 * to its path (and, for IAM5, to the finding) with the reason.
 */
export function suppressLibraryFindings(stack: Stack): void {
  const provider = `${stack.node.path}/BedrockModelCustomizationJobProvider`;
  const bedrockArn = (resource: string) => `Resource::arn:<AWS::Partition>:bedrock:<AWS::Region>:<AWS::AccountId>:${resource}/*`;

  NagSuppressions.addResourceSuppressionsByPath(stack, `${provider}/HandlerRole/DefaultPolicy/Resource`, [{
    id: 'AwsSolutions-IAM5',
    reason: 'Job and custom model ARNs end in ids that Bedrock generates, so they cannot be named before the job exists; scoped to this account and region.',
    appliesTo: [bedrockArn('model-customization-job'), bedrockArn('custom-model')],
  }]);

  // The aws-cdk-lib Provider framework's own function: its runtime and policies are aws-cdk-lib's choice.
  NagSuppressions.addResourceSuppressionsByPath(stack, `${provider}/Provider/framework-onEvent`, [
    { id: 'AwsSolutions-L1', reason: 'The Provider framework function runtime is chosen by aws-cdk-lib.' },
    {
      id: 'CdkNagValidationFailure',
      reason: 'The Provider framework function runtime is chosen by aws-cdk-lib at deploy time (an intrinsic), which AwsSolutions-L1 cannot evaluate.',
      appliesTo: ['AwsSolutions-L1'],
    },
    {
      id: 'AwsSolutions-IAM4',
      reason: 'The Provider framework function uses AWSLambdaBasicExecutionRole, set by aws-cdk-lib.',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason: 'The Provider framework invokes any version of the handler function (aws-cdk-lib policy).',
      appliesTo: [{ regex: '/^Resource::<BedrockModelCustomizationJobProviderOnEventHandler[0-9A-F]{8}\\.Arn>:\\*$/g' }],
    },
  ], true);

  for (const job of stack.node.findAll().filter((c): c is ModelCustomizationJob => c instanceof ModelCustomizationJob)) {
    NagSuppressions.addResourceSuppressionsByPath(stack, `${job.node.path}/ServiceRole/DefaultPolicy/Resource`, [{
      id: 'AwsSolutions-IAM5',
      reason: 'Bedrock writes output objects whose names it chooses, under the output prefix only.',
      appliesTo: [{ regex: '/^Resource::<.+\\.Arn>\\/output\\/[^*]+\\*$/g' }],
    }, {
      id: 'AwsSolutions-IAM5',
      reason: 'A job that trains on invocation logs reads the objects that model invocation logging wrote, '
        + 'whose names Bedrock chooses, under the logs prefix only.',
      appliesTo: [{ regex: '/^Resource::<.+\\.Arn>\\/invocation-logs\\/\\*$/g' }],
    }]);
  }
}
