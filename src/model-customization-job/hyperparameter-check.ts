import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { BaseModel } from './base-model';
import { CustomizationType } from './customization';
import { DocumentedCustomization, HyperParameterSpec, MODEL_FAMILIES, ModelFamily } from './hyperparameter-table';

/** The ids of the warnings, to acknowledge them (`Annotations.of(scope).acknowledgeWarning(id)`). */
export const HYPERPARAMETER_WARNINGS = {
  undocumented: 'cdk-bedrock-customization:hyperParameterUndocumented',
  outOfRange: 'cdk-bedrock-customization:hyperParameterOutOfRange',
} as const;

const CUSTOMIZATION_NAMES: Record<DocumentedCustomization, string> = {
  [CustomizationType.FINE_TUNING]: 'fine-tuning',
  [CustomizationType.CONTINUED_PRE_TRAINING]: 'continued pre-training',
};

/**
 * The family of a foundation model, from its identifier or ARN; none for a
 * custom model, a token or an id no family claims.
 */
export function modelFamilyOf(baseModel: BaseModel): ModelFamily | undefined {
  const id = baseModel.modelIdentifier;
  if (!baseModel.isFoundationModel || Token.isUnresolved(id)) return undefined;
  const modelId = id.startsWith('arn:') ? /:foundation-model\/(.+)$/.exec(id)?.[1] : id;
  if (!modelId) return undefined;
  return MODEL_FAMILIES.find((family) => family.modelIdPrefixes.some((prefix) => modelId.startsWith(prefix)));
}

/**
 * Warns, on `scope`, of each hyperparameter the base model's family does not
 * document for the customization type, and of each value outside the
 * documented range. Bedrock decides in the end: these are warnings, so a
 * newer model or a page behind the service never blocks a synthesis.
 */
export function warnHyperParameters(
  scope: IConstruct, baseModel: BaseModel, customizationType: CustomizationType, hyperParameters?: Record<string, string>,
): void {
  if (!hyperParameters) return;
  const family = modelFamilyOf(baseModel);
  const documented = family?.hyperParameters[customizationType as DocumentedCustomization];
  if (!family || !documented) return;
  const what = `${family.name} ${CUSTOMIZATION_NAMES[customizationType as DocumentedCustomization]}`;
  for (const [name, value] of Object.entries(hyperParameters)) {
    if (Token.isUnresolved(name) || Token.isUnresolved(value)) continue;
    const spec = documented[name];
    if (!spec) {
      Annotations.of(scope).addWarningV2(HYPERPARAMETER_WARNINGS.undocumented,
        `${scope.node.path}: hyperParameters.${name} is not documented for ${what} `
        + `(documented: ${Object.keys(documented).join(', ')}). Remove it or correct its name (${family.source})`);
      continue;
    }
    const problem = valueProblem(spec, value);
    if (problem) {
      Annotations.of(scope).addWarningV2(HYPERPARAMETER_WARNINGS.outOfRange,
        `${scope.node.path}: hyperParameters.${name} must be ${problem} for ${what} (got '${value}'). `
        + `Give a value in the documented range (${family.source})`);
    }
  }
}

/** What the documented range asks of `value` when it breaks it. */
function valueProblem(spec: HyperParameterSpec, value: string): string | undefined {
  if (spec.words?.includes(value)) return undefined;
  const kind = spec.integer ? 'an integer' : 'a number';
  const range = `${kind} from ${spec.min} to ${spec.max}${spec.words ? ` or ${spec.words.map((w) => `'${w}'`).join(', ')}` : ''}`;
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || (spec.integer && !Number.isInteger(n)) || n < spec.min || n > spec.max) return range;
  return undefined;
}
