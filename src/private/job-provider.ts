import { Duration, Stack, aws_iam as iam, aws_kms as kms, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customizationJobArns, customModelArns, serviceRoleArns } from './arns';
import { providerHandlers } from './handler-role';
import { grantModelKey } from './model-key';

const PROVIDER_ID = 'BedrockModelCustomizationJobProvider';
/** Between two status reads of a job that is waited for: one GetModelCustomizationJob call. */
const POLL_INTERVAL = Duration.seconds(30);

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
  /** The statements every job extends (see allowJob), created by the first job that needs each. */
  private createJobs?: iam.PolicyStatement;
  private passRoles?: iam.PolicyStatement;
  private baseModelChecks?: iam.PolicyStatement;
  private taggingAllowed = false;
  private readonly modelKeys = new Set<kms.IKey>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    // Delete waits up to 10 minutes for a stopping job to stop.
    const handlers = providerHandlers(this, 'Calls Amazon Bedrock for the model customization jobs of this stack', Duration.minutes(15));
    this.handlerRole = handlers.role;

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
    // An update that removes tags calls UntagResource, even the one that removes a job's last tag,
    // whose template has no tags left: so it comes with every job, not with tags.
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:UntagResource'],
      resources: [this.modelArns, this.jobArns],
    }));

    const onEvent = handlers.handler('OnEventHandler', 'jobOnEvent', 'Creates, updates and deletes Amazon Bedrock model customization jobs');
    const isComplete = handlers.handler('IsCompleteHandler', 'jobIsComplete', 'Waits for Amazon Bedrock model customization jobs to end');

    // Every job resource goes through isComplete (CloudFormation forbids changing a ServiceToken, so
    // jobs that wait and jobs that do not share one provider); jobs that do not wait complete at the first call.
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: POLL_INTERVAL,
      // The most a custom resource gets; each job's own deadline falls well before it (at most 55 minutes).
      totalTimeout: Duration.hours(1),
    });
    this.serviceToken = provider.serviceToken;
  }

  /**
   * Lets the handler create jobs from `baseModelArn` and pass the job's service role to Bedrock:
   * `givenRole`, or (when undefined) the role the job created under the stack's service role path.
   *
   * Every job extends the same statements (resources are deduplicated), so the handler's policy grows
   * with distinct base models and given roles only, never per job: one statement per job outgrows IAM's
   * 10,240 characters for a role's inline policies at about 60 jobs, and aws-cdk-lib then moves statements
   * into extra managed policies. One wildcard ARN passes every role under the service role path.
   */
  public allowJob(baseModelArn: string, givenRole: iam.IRole | undefined): void {
    const { jobArns: jobs, modelArns: models } = this;
    if (this.createJobs) {
      this.createJobs.addResources(baseModelArn);
    } else {
      this.createJobs = this.addStatement({ actions: ['bedrock:CreateModelCustomizationJob'], resources: [baseModelArn, models, jobs] });
    }
    const role = givenRole?.roleArn ?? serviceRoleArns(this);
    if (this.passRoles) {
      this.passRoles.addResources(role);
    } else {
      this.passRoles = this.addStatement({
        actions: ['iam:PassRole'],
        resources: [role],
        conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      });
    }
  }

  /**
   * Lets the handler tag jobs and custom models: tags sent with
   * CreateModelCustomizationJob are authorized as bedrock:TagResource, and so
   * are tags added in place. Once per stack.
   */
  public allowTagging(): void {
    if (this.taggingAllowed) return;
    this.taggingAllowed = true;
    this.handlerRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['bedrock:TagResource'],
      resources: [this.modelArns, this.jobArns],
    }));
  }

  /** Lets the handler create jobs whose custom model `key` encrypts. Once per key. */
  public allowModelKey(key: kms.IKey): void {
    if (this.modelKeys.has(key)) return;
    this.modelKeys.add(key);
    grantModelKey(this, key, this.handlerRole);
  }

  /**
   * Lets the handler read a foundation base model (GetFoundationModel), to
   * check before a create that the model supports the customization.
   */
  public allowBaseModelCheck(foundationModelArn: string): void {
    if (this.baseModelChecks) {
      this.baseModelChecks.addResources(foundationModelArn);
    } else {
      this.baseModelChecks = this.addStatement({ actions: ['bedrock:GetFoundationModel'], resources: [foundationModelArn] });
    }
  }

  private addStatement(props: iam.PolicyStatementProps): iam.PolicyStatement {
    const statement = new iam.PolicyStatement(props);
    this.handlerRole.addToPrincipalPolicy(statement);
    return statement;
  }
}
