/*
 * onEvent of the Provider framework for `Custom::BedrockModelImportJobResult`,
 * the resource after the wait condition of a model import job waited for
 * longer than a custom resource can wait (shared/wait-result.ts): it reports
 * the completed job's imported model.
 */
import type { ModelImportResultResourceAttributes } from '../../src/contract/kinds/model-import-result';
import { WAITED_IMPORTS } from '../model-import-job/import-job';
import { waitResultFields, waitResultOnEvent } from '../shared/wait-result';

export const onEvent = waitResultOnEvent(WAITED_IMPORTS, {
  fields: waitResultFields,
  // A completed job has its model's ARN (importJobOutcome).
  report: async (_props, { details }): Promise<Omit<ModelImportResultResourceAttributes, 'JobArn'>> => ({ ImportedModelArn: details.importedModelArn ?? '' }),
});
