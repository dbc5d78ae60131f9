import {
  Duration, Stack, aws_iam as iam, aws_lambda as lambda, aws_logs as logs, custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customizationJobArns, customModelArns } from './arns';
import { HANDLER_CODE_DIR, HANDLER_RUNTIME } from './handler-code';

const PROVIDER_ID = 'BedrockModelCustomizationJobProvider';

/**
 * The custom resource provider of every model customization job in a stack (one per stack).
 */
export class ModelCustomizationJobProvider extends Construct {
  /** The stack's provider, created on first use. */
  public static of(scope: Construct): ModelCustomizationJobProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID) as ModelCustomizationJobProvider | undefined;
    return existing ?? new ModelCustomizationJobProvider(stack, PROVIDER_ID);
  }

  /** The service token of the custom resources. */
  public readonly serviceToken: string;
  /** The role of the handler that calls Bedrock. */
  public readonly handlerRole: iam.Role;
  /** Every job and every custom model of this account and region. */
  private readonly jobArns: string;
  private readonly modelArns: string;

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'HandlerLogs', { retention: logs.RetentionDays.ONE_YEAR });
    this.handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Calls Amazon Bedrock for the model customization jobs of this stack',
    });
    // Written by hand rather than AWSLambdaBasicExecutionRole: only this handler's own log group.
    logGroup.grantWrite(this.handlerRole);

    this.jobArns = customizationJobArns(this);
    this.modelArns = customModelArns(this);
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:GetModelCustomizationJob', 'bedrock:StopModelCustomizationJob'],
      resources: [this.jobArns],
    }));
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:DeleteCustomModel'],
      resources: [this.modelArns],
    }));

    const onEvent = new lambda.Function(this, 'OnEventHandler', {
      description: 'Creates, updates and deletes Amazon Bedrock model customization jobs',
      code: lambda.Code.fromAsset(HANDLER_CODE_DIR),
      handler: 'index.jobOnEvent',
      runtime: HANDLER_RUNTIME,
      role: this.handlerRole,
      logGroup,
      memorySize: 256,
      timeout: Duration.minutes(5),
    });

    const provider = new cr.Provider(this, 'Provider', { onEventHandler: onEvent });
    this.serviceToken = provider.serviceToken;
  }

  /**
   * Lets the handler create jobs from `baseModelArn` and pass `serviceRole` to Bedrock.
   */
  public allowJob(baseModelArn: string, serviceRole: iam.IRole, tagsOnCreate: boolean): void {
    const { jobArns: jobs, modelArns: models } = this;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:CreateModelCustomizationJob'],
      resources: [baseModelArn, models, jobs],
    }));
    if (tagsOnCreate) {
      // Tags sent with CreateModelCustomizationJob are authorized as bedrock:TagResource.
      this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['bedrock:TagResource'],
        resources: [models, jobs],
      }));
    }
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [serviceRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    }));
  }

  /**
   * Lets the handler read a foundation base model (GetFoundationModel), to
   * check before a create that the model supports the customization.
   */
  public allowBaseModelCheck(foundationModelArn: string): void {
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:GetFoundationModel'],
      resources: [foundationModelArn],
    }));
  }
}
