/*
 * The model files and the account of the model import lifecycle tests: a
 * model in the Hugging Face layout in the emulated S3, and an import job
 * started outside the stack that holds the account's one import slot.
 */
import { CreateModelImportJobCommand } from '@aws-sdk/client-bedrock';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { modelImportJobRequest } from './emulator-fixtures';
import { ModelImportJob, ModelImportJobProps, ModelSource } from '../../src';
import { deployable, newStack } from '../lifecycle/harness';
import type { Lifecycle } from '../lifecycle/harness';
import { HOUR } from '../lifecycle/long-wait';

export const BUCKET = 'open-weights-123456789012';
export const PREFIX = 'llama-3.2-1b-instruct/';
export const SOURCE = `s3://${BUCKET}/${PREFIX}`;
/** The name of the import job started outside the stack. */
export const CONSOLE_JOB = 'imported-in-the-console';

/** A stack with one ModelImportJob of SOURCE (DESTROY, polled for 45 minutes unless `overrides` say otherwise). */
export function modelImportStack(overrides: Partial<ModelImportJobProps> = {}) {
  return deployable(new ModelImportJob(newStack(), 'Llama', {
    modelSource: ModelSource.fromS3Uri(SOURCE),
    removalPolicy: RemovalPolicy.DESTROY,
    completionTimeout: Duration.minutes(45),
    ...overrides,
  }));
}

/** A model's files under PREFIX, `modelType` in its config.json. */
export function putModel(lifecycle: Lifecycle, modelType = 'llama', files: string[] = ['config.json', 'tokenizer.json', 'model.safetensors']): void {
  const { s3 } = lifecycle.emulator;
  s3.createBucket(BUCKET);
  const bodies: Record<string, string> = {
    'config.json': JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: modelType }),
    'tokenizer.json': '{}',
    'model.safetensors': 'weights',
  };
  for (const file of files) s3.put(BUCKET, `${PREFIX}${file}`, bodies[file]);
}

/** An import job started outside the stack (CONSOLE_JOB), which holds the account's one import slot for `hours`. */
export async function consoleImportJob(lifecycle: Lifecycle, hours: number): Promise<void> {
  const request = modelImportJobRequest({ jobName: CONSOLE_JOB, importedModelName: 'console-model' });
  lifecycle.emulator.modelImportJobs.planFor(CONSOLE_JOB, { running: { seconds: hours * HOUR } });
  const create = new CreateModelImportJobCommand({ ...request, modelDataSource: { s3DataSource: { s3Uri: SOURCE } } });
  await lifecycle.readAsClient((client) => client.send(create));
}
