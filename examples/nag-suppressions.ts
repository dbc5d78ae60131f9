import { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { NovaModelImport, ModelCustomizationJob, ModelImportJob } from '../src';

/** A handler role's IAM5 findings: the wildcards its kind needs, with why. */
type RoleSuppressions = Array<{ reason: string; appliesTo: Array<string | { regex: string }> }>;

const bedrockArn = (resource: string) => `Resource::arn:<AWS::Partition>:bedrock:<AWS::Region>:<AWS::AccountId>:${resource}/*`;

/** The wildcards of the handler role of each of the library's providers, by the provider's construct id. */
export const HANDLER_ROLE_SUPPRESSIONS: Record<string, (stack: Stack) => RoleSuppressions> = {
  BedrockModelCustomizationJobProvider: (stack) => [{
    reason: 'Job and custom model ARNs end in ids that Bedrock generates, so they cannot be named before the job exists; scoped to this account and region.',
    appliesTo: [bedrockArn('model-customization-job'), bedrockArn('custom-model')],
  }, {
    reason: 'iam:PassRole (to Bedrock only) on the service roles the jobs create, which have an IAM path of their own for this stack and region, so that the policy does not grow with each job.',
    appliesTo: [`Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-bedrock-customization/<AWS::Region>/${stack.stackName}/*`],
  }, {
    reason: 'ListModelCustomizationJobs supports no resource-level permissions; a job that gets no Bedrock slot in time names the jobs that hold them.',
    appliesTo: ['Resource::*'],
  }],
  BedrockModelCustomizationJobResultProvider: () => [{
    reason: 'Job and custom model ARNs end in ids that Bedrock generates, so they cannot be named before the job exists; scoped to this account and region.',
    appliesTo: [bedrockArn('model-customization-job'), bedrockArn('custom-model')],
  }],
  BedrockModelImportJobResultProvider: () => [{
    reason: 'Model import job ARNs end in ids that Bedrock generates, so they cannot be named before the job exists; scoped to this account and region.',
    appliesTo: [bedrockArn('model-import-job')],
  }],
  BedrockCustomModelDeploymentProvider: () => [{
    reason: 'Deployment and custom model ARNs end in ids that Bedrock generates, so they cannot be named before they exist; scoped to this account and region.',
    appliesTo: [bedrockArn('custom-model-deployment'), bedrockArn('custom-model')],
  }],
  BedrockProvisionedThroughputProvider: () => [{
    reason: 'Provisioned model and custom model ARNs end in ids that Bedrock generates; a throughput may serve any foundation model of the region. '
      + 'Scoped to this account and region.',
    appliesTo: [bedrockArn('provisioned-model'), bedrockArn('custom-model'), 'Resource::arn:<AWS::Partition>:bedrock:<AWS::Region>::foundation-model/*'],
  }],
  BedrockNovaModelImportProvider: () => [{
    reason: 'Custom model ARNs end in ids that Bedrock generates, so they cannot be named before the model exists; scoped to this account and region.',
    appliesTo: [bedrockArn('custom-model')],
  }, {
    reason: 'ListCustomModels supports no resource-level permissions; an import that gets no Bedrock slot in time names the models being imported.',
    appliesTo: ['Resource::*'],
  }],
  BedrockCustomModelLookupProvider: () => [{
    reason: 'ListCustomModels supports no resource-level permissions; GetCustomModel resolves models by name, whose ARNs end in ids that Bedrock generates (this account and region).',
    appliesTo: ['Resource::*', bedrockArn('custom-model')],
  }],
  BedrockModelImportJobProvider: () => [{
    reason: 'Import job and imported model ARNs end in ids that Bedrock generates, so they cannot be named before they exist; scoped to this account and region.',
    appliesTo: [bedrockArn('model-import-job'), bedrockArn('imported-model')],
  }, {
    reason: 'ListModelImportJobs supports no resource-level permissions; an import job that gets no Bedrock slot in time names the jobs in progress.',
    appliesTo: ['Resource::*'],
  }],
  BedrockInvocationLoggingProvider: () => [{
    reason: 'Put/Get/DeleteModelInvocationLoggingConfiguration act on the one configuration of the account and region and support no resource-level permissions.',
    appliesTo: ['Resource::*'],
  }],
};

/**
 * cdk-nag AwsSolutions suppressions for what this library creates, each scoped
 * to its path (and, for IAM5, to the finding) with the reason.
 */
export function suppressLibraryFindings(stack: Stack): void {
  // The provider of each kind the stack uses: its handler role, and the Provider framework's own functions.
  for (const [providerId, suppressions] of Object.entries(HANDLER_ROLE_SUPPRESSIONS)) {
    const provider = stack.node.tryFindChild(providerId);
    if (!provider) continue;
    NagSuppressions.addResourceSuppressionsByPath(stack, `${provider.node.path}/HandlerRole/DefaultPolicy/Resource`,
      suppressions(stack).map((s) => ({ id: 'AwsSolutions-IAM5', ...s })));
    const waits = provider.node.tryFindChild('Provider')?.node.tryFindChild('waiter-state-machine') !== undefined;
    suppressProviderFramework(stack, providerId, waits);
  }

  // The stack's slot queue: what waits for a Bedrock slot while a deployment runs.
  const queue = stack.node.tryFindChild('BedrockSlotQueue');
  if (queue) {
    NagSuppressions.addResourceSuppressionsByPath(stack, `${queue.node.path}/Table/Resource`, [{
      id: 'AwsSolutions-DDB3',
      reason: 'The slot queue holds only what waits while a deployment runs (creates waiting for a slot, the jobs wait conditions wait for); '
        + 'nothing in it outlives its resources, so point-in-time recovery would restore nothing of use.',
    }]);
  }

  for (const imported of stack.node.findAll().filter((c): c is NovaModelImport => c instanceof NovaModelImport)) {
    NagSuppressions.addResourceSuppressionsByPath(stack, `${imported.node.path}/ServiceRole/DefaultPolicy/Resource`, [{
      id: 'AwsSolutions-IAM5',
      reason: 'Bedrock reads the model artifacts that SageMaker AI wrote, whose names SageMaker chooses, under the model source prefix only.',
      appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:s3:::[^/]+\\/.*\\*$/g' }],
    }]);
  }

  for (const imported of stack.node.findAll().filter((c): c is ModelImportJob => c instanceof ModelImportJob)) {
    NagSuppressions.addResourceSuppressionsByPath(stack, `${imported.node.path}/ServiceRole/DefaultPolicy/Resource`, [{
      id: 'AwsSolutions-IAM5',
      reason: 'Bedrock reads every file of the model (weights shards, config, tokenizer), under the model source prefix only.',
      appliesTo: [{ regex: '/^Resource::<.+\\.Arn>\\/open-weights\\/[^*]+\\*$/g' }],
    }]);
  }

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
    if (inVpc(job)) {
      NagSuppressions.addResourceSuppressionsByPath(stack, `${job.node.path}/ServiceRole/DefaultPolicy/Resource`, [{
        id: 'AwsSolutions-IAM5',
        reason: 'The VPC permissions of "Protect model customization jobs using a VPC" in the Bedrock user guide: the EC2 Describe actions '
          + 'support no resource-level permissions, and Bedrock names the network interfaces it creates; creating, tagging and deleting '
          + 'them is limited by conditions to interfaces tagged BedrockManaged for this account\'s jobs, in the job\'s subnets.',
        appliesTo: ['Resource::*', 'Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*'],
      }]);
    }
  }
}

/** The aws-cdk-lib Provider framework's own functions (and waiter, when `waits`): their runtime and policies are aws-cdk-lib's choice. */
function suppressProviderFramework(stack: Stack, providerId: string, waits: boolean): void {
  const provider = `${stack.node.path}/${providerId}`;
  const anyVersionOf = { regex: `/^Resource::<${providerId}(OnEventHandler|IsCompleteHandler|frameworkisComplete|frameworkonTimeout)[0-9A-F]{8}\\.Arn>:\\*$/g` };
  const functions = waits ? ['framework-onEvent', 'framework-isComplete', 'framework-onTimeout'] : ['framework-onEvent'];
  for (const fn of functions) {
    NagSuppressions.addResourceSuppressionsByPath(stack, `${provider}/Provider/${fn}`, [
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
        reason: 'The Provider framework invokes any version of the handler functions (aws-cdk-lib policy).',
        appliesTo: [anyVersionOf],
      },
    ], true);
  }
  if (!waits) return;
  NagSuppressions.addResourceSuppressionsByPath(stack, `${provider}/Provider/waiter-state-machine`, [
    { id: 'AwsSolutions-SF1', reason: 'The Provider framework\'s waiter state machine and its logging are configured by aws-cdk-lib; each poll is logged by the handlers.' },
    { id: 'AwsSolutions-SF2', reason: 'The Provider framework\'s waiter state machine is configured by aws-cdk-lib, without X-Ray tracing.' },
    {
      id: 'AwsSolutions-IAM5',
      reason: 'The waiter invokes any version of the framework functions, and CloudWatch Logs delivery actions take no resource (aws-cdk-lib policy).',
      appliesTo: [anyVersionOf, 'Resource::*'],
    },
  ], true);

}

function inVpc(job: ModelCustomizationJob): boolean {
  try {
    return job.connections.securityGroups.length > 0;
  } catch {
    return false;
  }
}
