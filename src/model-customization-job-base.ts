import { IResource, Resource, aws_events as events } from 'aws-cdk-lib';

/**
 * A model customization job.
 */
export interface IModelCustomizationJob extends IResource {
  /**
   * The ARN of the job.
   * @attribute
   */
  readonly jobArn: string;

  /**
   * An EventBridge rule for the "Model Customization Job State Change" events
   * of this job, which Bedrock sends to the default event bus whenever the
   * job's status changes.
   */
  onStateChange(id: string, options?: events.OnEventOptions): events.Rule;
}

/**
 * What every model customization job, created or referenced, has in common.
 */
export abstract class ModelCustomizationJobBase extends Resource implements IModelCustomizationJob {
  public abstract readonly jobArn: string;

  public onStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    const rule = new events.Rule(this, id, options);
    rule.addTarget(options.target);
    rule.addEventPattern({
      source: ['aws.bedrock'],
      detailType: ['Model Customization Job State Change'],
      resources: [this.jobArn],
    });
    return rule;
  }
}
