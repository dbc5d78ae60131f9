/*
 * What makes an Update buy a new throughput, decided before anything is
 * bought: a model that Bedrock cannot swap in place, and the commitment of
 * the throughput a new one would replace.
 */
import type { ThroughputProperties } from './properties';
import { commitmentEnd, servesModel, ThroughputDetails } from './throughput';
import { readCustomModel } from '../shared/custom-model';

/** What Bedrock takes instead, in every refusal. */
const ACCEPTED = 'Bedrock changes it only to that base model or to a custom model customized from it';

/**
 * Why Bedrock cannot change the throughput's model to `modelId` in place, or
 * undefined when it can, or when only its answer to the update can tell (a
 * model it does not know). UpdateProvisionedModelThroughput takes no
 * desiredModelId for a throughput associated with a base model, and for one
 * of a custom model only "the base model from which the custom model was
 * customized" or "another custom model that was customized from the same
 * base model"
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_UpdateProvisionedModelThroughput.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-edit.html).
 * The throughput's modelArn and foundationModelArn, and the new model's
 * baseModelArn (GetCustomModel), tell which. A throughput that serves its
 * base model counts as associated with it: the stricter reading, as both
 * pages are silent on one bought for a custom model and moved to its base.
 */
export async function modelSwapRefusal(throughput: ThroughputDetails | undefined, modelId: string): Promise<string | undefined> {
  const base = throughput?.foundationModelArn;
  // Nothing to change (a rollback of an update Bedrock never made), or nothing known to decide on.
  if (!throughput || !base || servesModel(throughput.desiredModelArn, modelId)) return undefined;
  if (throughput.modelArn === base) {
    return `it serves the foundation model ${base}, and Bedrock changes the model of no throughput associated with a base model`;
  }
  if (servesModel(base, modelId)) return undefined;
  if (isFoundationModel(modelId)) return `${modelId} is not ${base}, the base of its custom model: ${ACCEPTED}`;
  const target = await readCustomModel(modelId);
  if (!target?.baseModelArn || target.baseModelArn === base) return undefined;
  return `${modelId} is customized from ${target.baseModelArn}, its custom model from ${base}: ${ACCEPTED}`;
}

/**
 * Fails, before anything is bought, an Update that would replace a
 * throughput whose commitment term runs: Bedrock bills a commitment to the
 * end of its term and deletes no throughput before
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-delete.html),
 * so the old throughput and the new one would both be billed. The message
 * names what each costs, unless the user accepts it (allowReplacementDuringTerm).
 * `why` says what needs the new throughput.
 */
export function assertReplaceableDuringTerm(arn: string, throughput: ThroughputDetails | undefined, props: ThroughputProperties, why: string): void {
  const until = commitmentEnd(throughput);
  if (!throughput || !until || props.allowReplacementDuringTerm) return;
  const term = props.commitmentDuration;
  const next = term ? `for ${term === throughput.commitmentDuration ? 'another' : 'a'} ${term} term` : 'by the hour';
  throw new Error(`Cannot replace provisioned throughput ${arn}: ${why}, and this one has a ${throughput.commitmentDuration} `
    + `commitment until ${until}. Bedrock bills a commitment to its end and deletes no throughput before, so replacing it now pays `
    + `for both: ${units(throughput.modelUnits ?? 0)} until ${until}, and ${units(props.modelUnits)} ${next} from now. Nothing was `
    + `bought. To accept paying for both, set allowReplacementDuringTerm to true and deploy again; or deploy this change after ${until}.`);
}

/** A foundation model's ARN or id (custom model names have no dot: CreateModelCustomizationJob's customModelName pattern). */
function isFoundationModel(modelId: string): boolean {
  return modelId.includes(':foundation-model/') || (!modelId.startsWith('arn:') && modelId.includes('.'));
}

function units(count: number): string {
  return `${count} model unit${count === 1 ? '' : 's'}`;
}
