/*
 * The single entry point of the handler bundle (assets/handlers/index.js).
 * Each resource kind exports its handlers here, under the names its entry in
 * the registry (src/private/registry.ts) gives; the Lambda handler string is
 * `index.<export>`, e.g. `index.jobOnEvent`. Every handler's failure reason
 * is bounded, so that CloudFormation gets it (see shared/bounded-failure).
 */
import { isComplete as importIsCompleteHandler } from './custom-model-import/is-complete';
import { onEvent as importOnEventHandler } from './custom-model-import/on-event';
import { onEvent as lookupOnEventHandler } from './custom-model-lookup/on-event';
import type * as bundle from './index';
import { onEvent as loggingOnEventHandler } from './invocation-logging/on-event';
import { isComplete as jobIsCompleteHandler } from './model-customization-job/is-complete';
import { onEvent as jobOnEventHandler } from './model-customization-job/on-event';
import { boundedFailure } from './shared/bounded-failure';
import type { HandlerExportName } from '../src/private/registry';

export const jobOnEvent = boundedFailure(jobOnEventHandler);
export const jobIsComplete = boundedFailure(jobIsCompleteHandler);
export const loggingOnEvent = boundedFailure(loggingOnEventHandler);
export const importOnEvent = boundedFailure(importOnEventHandler);
export const importIsComplete = boundedFailure(importIsCompleteHandler);
export const lookupOnEvent = boundedFailure(lookupOnEventHandler);

// The compiler holds the exports above to the registry's handler names, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ExportsMatchRegistry = Holds<Same<keyof typeof bundle, HandlerExportName>>;
