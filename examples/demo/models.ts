/*
 * The demo's view of the app's model imports, lookups and endpoints: which
 * resources they are, what each became, and what the demo prints of them.
 */
import { jsonLine, Progress, withReason } from './progress';
import type { BedrockEmulator, RecordedCall } from '../../emulator/bedrock';
import type { LocalCloudFormation, LogLine, StackEvent } from '../../emulator/cloudformation';
import type { ResourceTypeName } from '../../src/contract/registry';

export const IMPORT_TYPE: ResourceTypeName = 'Custom::BedrockNovaModelImport';
export const LOOKUP_TYPE: ResourceTypeName = 'Custom::BedrockCustomModelLookup';
export const DEPLOYMENT_TYPE: ResourceTypeName = 'Custom::BedrockCustomModelDeployment';
export const THROUGHPUT_TYPE: ResourceTypeName = 'Custom::BedrockProvisionedThroughput';
export const MODEL_IMPORT_TYPE: ResourceTypeName = 'Custom::BedrockModelImportJob';
/** The result after the wait condition of a model import waited for longer than its resource can wait. */
const MODEL_IMPORT_RESULT_TYPE: ResourceTypeName = 'Custom::BedrockModelImportJobResult';
const MODEL_TYPES: string[] = [IMPORT_TYPE, MODEL_IMPORT_TYPE, LOOKUP_TYPE, DEPLOYMENT_TYPE, THROUGHPUT_TYPE];

/** A model import, lookup or endpoint of the app, and what became of it. */
export interface ModelReport {
  readonly label: string;
  readonly logicalId: string;
  readonly type: string;
  /** The result resource that reads a model import job after its wait condition, if one waits. */
  readonly resultId?: string;
  startedAt?: number;
  modelArn?: string;
  modelName?: string;
  /** A model import job's ARN and name. */
  jobArn?: string;
  jobName?: string;
  /** The last status the import's (or deployment's) handler reported while the resource waited. */
  waitingStatus?: string;
  seconds?: number;
}

/** The models of a template's resources, labelled by the construct that owns each (`owners`). */
export function modelsOf(resources: ReadonlyArray<[string, { Type: string }]>, owners: ReadonlyMap<string, string>): ModelReport[] {
  const resultOf = (label: string) => resources.find(([id, r]) => r.Type === MODEL_IMPORT_RESULT_TYPE && owners.get(id) === label)?.[0];
  return resources.filter(([, r]) => MODEL_TYPES.includes(r.Type)).map(([logicalId, r]) => {
    const label = owners.get(logicalId) ?? logicalId;
    return { logicalId, type: r.Type, label, resultId: resultOf(label) };
  });
}

/** Reads what the deployment made of `model` (a waited-for import's model from its result) and prints it. */
export function readModel(progress: Progress, engine: LocalCloudFormation, emulator: BedrockEmulator, model: ModelReport): void {
  const attributes = { ...engine.resource(model.logicalId).attributes, ...(model.resultId ? engine.resource(model.resultId).attributes : {}) };
  model.modelArn = String(attributes.ModelArn ?? attributes.DeploymentArn ?? attributes.ProvisionedModelArn ?? attributes.ImportedModelArn);
  model.modelName = String(attributes.ModelName ?? attributes.DeploymentName ?? attributes.ProvisionedModelName ?? attributes.ImportedModelName);
  model.jobArn = attributes.JobArn === undefined ? undefined : String(attributes.JobArn);
  model.jobName = attributes.JobName === undefined ? undefined : String(attributes.JobName);
  const lines: Record<string, () => string> = {
    [MODEL_IMPORT_TYPE]: () => `imported (${emulator.modelImportJobs.getModel(model.modelArn!).modelArchitecture}), served on demand: invoke ${model.modelArn}`,
    [DEPLOYMENT_TYPE]: () => `Active, serving ${emulator.deployments.serving(model.modelArn!)} on demand: invoke ${model.modelArn}`,
    [THROUGHPUT_TYPE]: () => `InService, serving ${emulator.throughputs.serving(model.modelArn!)}: invoke ${model.modelArn}`,
    [LOOKUP_TYPE]: () => `found ${model.modelName}: ${model.modelArn}`,
  };
  const line = lines[model.type];
  if (line) progress.line(model.label, line());
}

/** What became of an import, a lookup or a deployment, for the summary. */
export function finalModelStatus(model: ModelReport, emulator: BedrockEmulator): string {
  switch (model.type) {
    case IMPORT_TYPE: return `Active, model ${emulator.customModels.has(model.modelArn!) ? 'retained' : 'deleted'}`;
    case DEPLOYMENT_TYPE: return `Active on demand, deployment ${emulator.deployments.has(model.modelArn!) ? 'retained' : 'deleted'}`;
    case THROUGHPUT_TYPE: return `InService, throughput ${emulator.throughputs.has(model.modelArn!) ? 'retained' : 'deleted'}`;
    case MODEL_IMPORT_TYPE: return `Completed, imported model ${emulator.modelImportJobs.served(model.modelArn!) ? 'retained' : 'deleted'}`;
    default: return `found ${model.modelName}`;
  }
}

/** The status of an import or deployment its resource waits for, as the isComplete handler logs it while it is not ready. */
export function showModelStatus(progress: Progress, line: LogLine, modelOf: (logicalId: string) => ModelReport | undefined): void {
  const entry = jsonLine(line);
  const waiting = ['Model status', 'Deployment status', 'Throughput status'].includes(entry?.message ?? '');
  const model = waiting && entry?.logicalResourceId ? modelOf(entry.logicalResourceId) : undefined;
  if (!model || !entry?.status || entry.status === model.waitingStatus) return;
  model.waitingStatus = entry.status;
  const noun = model.type === DEPLOYMENT_TYPE ? 'deployment' : model.type === THROUGHPUT_TYPE ? 'throughput' : 'model';
  progress.line(model.label, `${noun} ${entry.status}`);
}

export function showModelEvent(progress: Progress, event: StackEvent, model: ModelReport): void {
  model.startedAt ??= progress.elapsed;
  if (event.status === 'CREATE_COMPLETE') model.seconds = progress.elapsed - model.startedAt;
  progress.line(model.label, withReason(`${event.resourceType} ${event.status}`, event));
}

/** Whether a call was about this imported or looked-up model. */
export function concernsModel(call: RecordedCall, model: ModelReport): boolean {
  const input = call.input as Record<string, unknown>;
  return input.modelIdentifier === model.modelArn || input.modelName === model.modelName || input.resourceARN === model.modelArn
    || input.customModelDeploymentIdentifier === model.modelArn || input.modelDeploymentName === model.modelName
    || input.provisionedModelId === model.modelArn || input.provisionedModelName === model.modelName
    || (model.jobArn !== undefined && input.jobIdentifier === model.jobArn) || (model.jobName !== undefined && input.jobIdentifier === model.jobName)
    || input.importedModelName === model.modelName
    || (model.type === LOOKUP_TYPE && call.operation === 'ListCustomModels');
}
