/*
 * The single entry point of the handler bundle (assets/handlers/index.js).
 * Each resource kind exports its handlers here, under the names its entry in
 * the registry (src/contract/registry.ts) gives; the Lambda handler string is
 * `index.<export>`, e.g. `index.jobOnEvent`. Every handler is built with
 * shared/lifecycle.ts (the watchers with bounded-failure.ts), which bounds its failure reason.
 */
import type * as bundle from './index';
import { JOB_QUEUE } from './model-customization-job/slots';
import { MODEL_IMPORT_QUEUE } from './model-import-job/create-job';
import { NOVA_IMPORT_QUEUE } from './nova-model-import/create-model';
import { watcher } from './slot-watcher/watch';
import type { HandlerExportName } from '../src/contract/registry';

export { onEvent as jobOnEvent } from './model-customization-job/on-event';
export { isComplete as jobIsComplete } from './model-customization-job/is-complete';
export { onEvent as loggingOnEvent } from './invocation-logging/on-event';
export { onEvent as novaImportOnEvent } from './nova-model-import/on-event';
export { isComplete as novaImportIsComplete } from './nova-model-import/is-complete';
export { onEvent as deploymentOnEvent } from './custom-model-deployment/on-event';
export { isComplete as deploymentIsComplete } from './custom-model-deployment/is-complete';
export { onEvent as throughputOnEvent } from './provisioned-throughput/on-event';
export { isComplete as throughputIsComplete } from './provisioned-throughput/is-complete';
export { onEvent as lookupOnEvent } from './custom-model-lookup/on-event';
export { onEvent as jobResultOnEvent } from './model-customization-job-result/on-event';
export { onEvent as modelImportOnEvent } from './model-import-job/on-event';
export { isComplete as modelImportIsComplete } from './model-import-job/is-complete';
export { onEvent as modelImportResultOnEvent } from './model-import-job-result/on-event';

// Each kind that queues has its watcher, made from its QueueingKind.
export const jobWatcher = watcher(JOB_QUEUE);
export const novaImportWatcher = watcher(NOVA_IMPORT_QUEUE);
export const modelImportWatcher = watcher(MODEL_IMPORT_QUEUE);

// The compiler holds the exports above to the registry's handler names, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type ExportsMatchRegistry = Holds<Same<keyof typeof bundle, HandlerExportName>>;
