/* Custom model deployments (on-demand inference): the kind's registration. */
import { DEPLOYMENT_ARN } from './arn';
import { DeploymentPlan, Deployments } from './deployments';
import { deploymentResolver } from './endpoints';
import { DEPLOYMENT_OPERATIONS } from './operations';
import type { EmulatedKind } from '../kind';

export interface DeploymentOptions {
  /** The plan of every custom model deployment that has no plan of its own. */
  readonly deploymentPlan?: DeploymentPlan;
}

export const KIND: EmulatedKind<Deployments, typeof DEPLOYMENT_OPERATIONS, DeploymentOptions> = {
  create: (state, options) => new Deployments(state.account, state.clock, state.customModels, state.tags, state.capacity.requestRules,
    options.deploymentPlan),
  operations: DEPLOYMENT_OPERATIONS,
  arns: [DEPLOYMENT_ARN],
  endpoints: deploymentResolver,
};
