/*
 * The registry of resource kinds: one line per custom resource type of the
 * library, naming its descriptor (kinds/<kind>.ts). The providers, their
 * handler roles and the derived prop checks read it; the constraints script
 * derives the fixture for its operations; the bundle and least-privilege
 * tests check every kind it lists. A new kind adds its line.
 *
 * Plain data, free of aws-cdk-lib: the handlers import it as a type, the
 * emulator and the scripts as data.
 */
import type { ResourceKindEntry } from './kind';
import { DEPLOYMENT_KIND } from './kinds/deployment';
import { JOB_KIND } from './kinds/job';
import { JOB_RESULT_KIND } from './kinds/job-result';
import { LOGGING_KIND } from './kinds/logging';
import { LOOKUP_KIND } from './kinds/lookup';
import { MODEL_IMPORT_KIND } from './kinds/model-import';
import { MODEL_IMPORT_RESULT_KIND } from './kinds/model-import-result';
import { NOVA_IMPORT_KIND } from './kinds/nova-import';
import { THROUGHPUT_KIND } from './kinds/throughput';

export { handlerExports, operationsOf } from './kind';
export type { ResourceKindEntry } from './kind';

export const RESOURCE_KINDS = {
  job: JOB_KIND,
  novaImport: NOVA_IMPORT_KIND,
  lookup: LOOKUP_KIND,
  jobResult: JOB_RESULT_KIND,
  deployment: DEPLOYMENT_KIND,
  throughput: THROUGHPUT_KIND,
  logging: LOGGING_KIND,
  modelImport: MODEL_IMPORT_KIND,
  modelImportResult: MODEL_IMPORT_RESULT_KIND,
} as const satisfies Record<string, ResourceKindEntry>;

export type ResourceKindName = keyof typeof RESOURCE_KINDS;

type Entry = (typeof RESOURCE_KINDS)[ResourceKindName];

/** Resource type names in templates. */
export type ResourceTypeName = Entry['resourceType'];

/** The exports of the handler bundle: lambda/index.ts must export exactly these. */
export type HandlerExportName = Entry['onEvent'] | Extract<Entry, { isComplete: string }>['isComplete']
  | Extract<Entry, { queue: object }>['queue']['watcher'];

/** The registry as a list. */
export const RESOURCE_KIND_ENTRIES: readonly ResourceKindEntry[] = Object.values(RESOURCE_KINDS);
