/*
 * The single entry point of the handler bundle (assets/handlers/index.js).
 * Each resource kind exports its handlers here; the Lambda handler string is
 * `index.<export>`, e.g. `index.jobOnEvent`.
 */
export { onEvent as jobOnEvent } from './model-customization-job/on-event';
export { isComplete as jobIsComplete } from './model-customization-job/is-complete';
export { onEvent as loggingOnEvent } from './invocation-logging/on-event';
export { onEvent as importOnEvent } from './custom-model-import/on-event';
export { isComplete as importIsComplete } from './custom-model-import/is-complete';
export { onEvent as lookupOnEvent } from './custom-model-lookup/on-event';
