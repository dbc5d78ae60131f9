/*
 * Where the AWS references leave a custom model deployment's life open (the
 * ledger, emulator/LEDGER.md, rows L-24 to L-26): each rule's default is the
 * emulator's reading, the other value the other reading. Rules are read when
 * the behaviour happens (an inference call, a delete), and reset() makes new
 * ones with the defaults. Apart from the on-demand rules (on-demand.ts), which
 * say which models a deployment takes.
 */
import type { RuntimeErrorName } from '../../runtime/errors';

export interface DeploymentLifecycleRules {
  /**
   * L-24. What bedrock-runtime serves from an Active deployment while an
   * update is Updating.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_UpdateCustomModelDeployment.html
   * and https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetCustomModelDeployment.html
   * (`updateDetails`) name the update statuses; which model serves during an
   * update is not stated. 'old' (the default): the model it served before,
   * until UpdateCompleted switches `modelArn`; the deployment stays usable, as
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html
   * says of a Provisioned Throughput's model change. 'none': the
   * deployment serves nothing until the update ends, answered as a deployment
   * still Creating (`creatingAnswer`); a caller must retry through the update.
   */
  servedWhileUpdating: 'old' | 'none';
  /**
   * L-25. What DeleteCustomModelDeployment does.
   * The API's statuses are Creating, Active and Failed, and
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_DeleteCustomModelDeployment.html
   * models ConflictException without saying when;
   * https://docs.aws.amazon.com/nova/latest/userguide/delete-custom-model-deployment.html
   * says the status changes to Deleting while the deletion is in progress.
   * 'immediate' (the default): the deployment and its tags are gone at once,
   * in any status, as the API's statuses allow. 'refusedWhileBusy':
   * ConflictException while Creating or while an update is Updating, so a
   * caller asks again later. 'deleting': the deployment shows the status
   * Deleting (not in the API's enum) at the first GetCustomModelDeployment
   * after the call, serves nothing and keeps its name, and is gone at the second.
   */
  deletion: 'immediate' | 'refusedWhileBusy' | 'deleting';
  /**
   * L-26. What bedrock-runtime answers for a deployment that is Creating.
   * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetCustomModelDeployment.html:
   * Creating is "being set up and prepared for inference"; the runtime's
   * answer is not documented. 'ModelNotReadyException' (the default; 429, which
   * the SDK retries): the runtime's error for a model "not ready to serve
   * inference requests". 'ValidationException' (400, not retried), as for a
   * Failed deployment: a caller that does not wait for Active fails at once.
   */
  creatingAnswer: Extract<RuntimeErrorName, 'ModelNotReadyException' | 'ValidationException'>;
}

export function defaultDeploymentLifecycleRules(): DeploymentLifecycleRules {
  return { servedWhileUpdating: 'old', deletion: 'immediate', creatingAnswer: 'ModelNotReadyException' };
}
