import { Fn, IResource, Resource, aws_events as events } from 'aws-cdk-lib';
import { JOB_STATE_CHANGE } from '../contract/kinds/job';

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
      detailType: [JOB_STATE_CHANGE],
      ...this.stateChangeMatch(),
    });
    return rule;
  }

  /**
   * What in a state-change event names this job: its ARN, in the API's form
   * (`model-customization-job/<base model>/<id>`) or the user guide sample's
   * (`model-customization-job/<id>`,
   * https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-eventbridge-how-it-works.html).
   */
  protected stateChangeMatch(): events.EventPattern {
    return { resources: [this.jobArn, eventJobArn(this.jobArn)] };
  }
}

/** `model-customization-job/<base model>/<id>` → `model-customization-job/<id>` (token or not). */
function eventJobArn(jobArn: string): string {
  const parts = Fn.split('/', jobArn);
  return Fn.join('/', [Fn.select(0, parts), Fn.select(2, parts)]);
}
