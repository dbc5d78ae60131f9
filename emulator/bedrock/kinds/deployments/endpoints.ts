/* What the runtime serves from custom model deployments. */
import { DEPLOYMENT_ARN } from './arn';
import { notReady, type Deployments } from './deployments';
import { isArnOf } from '../../arns';
import { RuntimeError, runtimeValidation } from '../../runtime/errors';
import { EndpointResolver, servingResolver } from '../../runtime/resolve';

/**
 * Custom model deployments: an Active one serves its model ("ACTIVE - The
 * deployment is ready and available for inference requests"); a Creating one
 * is "being set up and prepared for inference", so ModelNotReadyException,
 * which the SDK retries ("not ready to serve inference requests"), or the
 * error lifecycle.creatingAnswer names; likewise an Active one that serves
 * nothing during an update (lifecycle.servedWhileUpdating); a Failed (or
 * Deleting) one "failed to be created or became unavailable", so ValidationException.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetCustomModelDeployment.html
 * https://docs.aws.amazon.com/bedrock/latest/userguide/use-custom-model-on-demand.html
 */
export function deploymentResolver(deployments: () => Deployments): EndpointResolver {
  const active = servingResolver(deployments);
  return (modelId) => {
    const served = active(modelId);
    if (served || !isArnOf(DEPLOYMENT_ARN, modelId) || !deployments().has(modelId)) return served;
    const { status, failureMessage, updateDetails } = deployments().get(modelId);
    const busy = notReady(status, updateDetails?.updateStatus);
    if (busy) {
      throw new RuntimeError(deployments().lifecycle.creatingAnswer,
        `The custom model deployment ${modelId} is ${busy} and not ready to serve inference requests. Wait and try your request again.`);
    }
    throw runtimeValidation(`The custom model deployment ${modelId} is ${status}${failureMessage ? ` (${failureMessage})` : ''} and not available for inference requests.`);
  };
}
