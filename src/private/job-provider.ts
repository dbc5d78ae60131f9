import { Duration, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { customizationJobArns, customModelArns, serviceRoleArns } from './arns';
import { BedrockProvider } from './provider-base';

/**
 * The custom resource provider of every model customization job in a stack (one per stack).
 */
export class ModelCustomizationJobProvider extends BedrockProvider {
  public static readonly KIND = 'job';

  /** Every job and every custom model of this account and region. */
  private readonly jobArns: string;
  private readonly modelArns: string;
  /** The statements every job extends (see allowJob), created by the first job that needs each. */
  private createJobs?: iam.PolicyStatement;
  private baseModelChecks?: iam.PolicyStatement;

  constructor(scope: Construct, id: string) {
    const jobArns = customizationJobArns(scope);
    const modelArns = customModelArns(scope);
    super(scope, id, ModelCustomizationJobProvider.KIND, {
      roleDescription: 'Calls Amazon Bedrock for the model customization jobs of this stack',
      onEventDescription: 'Creates, updates and deletes Amazon Bedrock model customization jobs',
      isCompleteDescription: 'Waits for Amazon Bedrock model customization jobs to start and to end',
      queueWatcherDescription: 'Starts the model customization jobs of this stack that wait for a free Bedrock slot, and signals the wait '
        + 'conditions of its jobs when they end (invoked by EventBridge)',
      // Delete waits up to 10 minutes for a stopping job to stop.
      timeout: Duration.minutes(15),
      taggedArns: [modelArns, jobArns],
    });
    this.jobArns = jobArns;
    this.modelArns = modelArns;
    this.allow({ actions: ['bedrock:GetModelCustomizationJob', 'bedrock:StopModelCustomizationJob'], resources: [jobArns] });
    this.allow({ actions: ['bedrock:DeleteCustomModel'], resources: [modelArns] });
    // A model's tags wanted while its job ran are read once it exists, which any later Tags.of() change can need
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html: it takes custom-model).
    this.allow({ actions: ['bedrock:ListTagsForResource'], resources: [modelArns] });
    // A job that gets no slot in time fails naming the jobs that hold the slots. A list acts on no resource type
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html).
    this.allow({ actions: ['bedrock:ListModelCustomizationJobs'], resources: ['*'] });
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
    if (this.createJobs) {
      this.createJobs.addResources(baseModelArn);
    } else {
      this.createJobs = this.allow({ actions: ['bedrock:CreateModelCustomizationJob'], resources: [baseModelArn, this.modelArns, this.jobArns] });
    }
    this.allowPassRole(givenRole ?? serviceRoleArns(this));
  }

  /**
   * Lets the handler read a foundation base model (GetFoundationModel), to
   * check before a create that the model supports the customization.
   */
  public allowBaseModelCheck(foundationModelArn: string): void {
    if (this.baseModelChecks) {
      this.baseModelChecks.addResources(foundationModelArn);
    } else {
      this.baseModelChecks = this.allow({ actions: ['bedrock:GetFoundationModel'], resources: [foundationModelArn] });
    }
  }
}
