/* Provisioned throughputs: the kind's registration. */
import { THROUGHPUT_ARN } from './arn';
import { THROUGHPUT_OPERATIONS } from './operations';
import { ThroughputPlan, Throughputs } from './throughputs';
import { servingResolver } from '../../runtime/resolve';
import type { EmulatedKind } from '../kind';

export interface ThroughputOptions {
  /** The plan of every provisioned throughput that has no plan of its own. */
  readonly throughputPlan?: ThroughputPlan;
}

export const KIND: EmulatedKind<Throughputs, typeof THROUGHPUT_OPERATIONS, ThroughputOptions> = {
  create: (state, options) => new Throughputs(state.account, state.clock, state.catalog, state.customModels, state.tags,
    state.capacity.requestRules, options.throughputPlan),
  operations: THROUGHPUT_OPERATIONS,
  arns: [THROUGHPUT_ARN],
  endpoints: servingResolver,
};
