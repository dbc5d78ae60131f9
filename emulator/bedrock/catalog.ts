/*
 * The foundation models the emulated region offers (foundation-models.json),
 * with what each supports. Jobs check their base model against it.
 */
import type {
  CustomizationType,
  FoundationModelDetails,
  FoundationModelLifecycleStatus,
  InferenceType,
  ListFoundationModelsRequest,
  ModelCustomization,
  ModelModality,
} from '@aws-sdk/client-bedrock';
import { Account, foundationModelArn } from './arns';
import { notFound } from './errors';
import DATA from './foundation-models.json';

export interface FoundationModelEntry {
  readonly modelId: string;
  readonly modelName: string;
  readonly providerName: string;
  readonly inputModalities: readonly ModelModality[];
  readonly outputModalities: readonly ModelModality[];
  readonly responseStreamingSupported: boolean;
  readonly customizationsSupported: readonly ModelCustomization[];
  /** REINFORCEMENT_FINE_TUNING is a job customizationType that the API's ModelCustomization enum cannot list. */
  readonly reinforcementFineTuningSupported?: boolean;
  /**
   * PROVISIONED on the contextual variants (e.g. amazon.nova-micro-v1:0:128k)
   * that CreateProvisionedModelThroughput takes; the plain ids are ON_DEMAND.
   * https://docs.aws.amazon.com/bedrock/latest/userguide/prov-thru-supported.html
   */
  readonly inferenceTypesSupported: readonly InferenceType[];
  /** Default ACTIVE. */
  readonly lifecycleStatus?: FoundationModelLifecycleStatus;
}

/** The models of foundation-models.json. */
export const DEFAULT_FOUNDATION_MODELS = DATA as readonly FoundationModelEntry[];

export class FoundationModelCatalog {
  private readonly entries = new Map<string, FoundationModelEntry>();

  constructor(private readonly account: Account, entries: readonly FoundationModelEntry[] = DEFAULT_FOUNDATION_MODELS) {
    entries.forEach((entry) => this.add(entry));
  }

  /** Adds (or replaces) a model. */
  public add(entry: FoundationModelEntry): void {
    this.entries.set(entry.modelId, entry);
  }

  /** The model that a model id or a foundation-model ARN of this region names. */
  public find(identifier: string): FoundationModelEntry | undefined {
    const arnPrefix = foundationModelArn(this.account, '');
    const id = identifier.startsWith('arn:') ? (identifier.startsWith(arnPrefix) ? identifier.slice(arnPrefix.length) : '') : identifier;
    return this.entries.get(id);
  }

  /** Like find, but answers as GetFoundationModel does for an unknown model. */
  public get(identifier: string): FoundationModelDetails {
    const entry = this.find(identifier);
    if (!entry) throw notFound(`The model ${identifier} does not exist in ${this.account.region}.`);
    return this.details(entry);
  }

  public arnOf(entry: FoundationModelEntry): string {
    return foundationModelArn(this.account, entry.modelId);
  }

  public supports(entry: FoundationModelEntry, type: CustomizationType): boolean {
    return type === 'REINFORCEMENT_FINE_TUNING'
      ? entry.reinforcementFineTuningSupported === true
      : (entry.customizationsSupported as readonly string[]).includes(type);
  }

  /** ListFoundationModels: every filter of the request narrows the list. */
  public list(filter: ListFoundationModelsRequest = {}): FoundationModelDetails[] {
    const provider = filter.byProvider?.toLowerCase();
    return [...this.entries.values()]
      .filter((m) => provider === undefined || m.providerName.toLowerCase() === provider)
      .filter((m) => filter.byCustomizationType === undefined || m.customizationsSupported.includes(filter.byCustomizationType))
      .filter((m) => filter.byOutputModality === undefined || m.outputModalities.includes(filter.byOutputModality))
      .filter((m) => filter.byInferenceType === undefined || m.inferenceTypesSupported.includes(filter.byInferenceType))
      .map((m) => this.details(m));
  }

  private details(entry: FoundationModelEntry): FoundationModelDetails {
    return {
      modelArn: this.arnOf(entry),
      modelId: entry.modelId,
      modelName: entry.modelName,
      providerName: entry.providerName,
      inputModalities: [...entry.inputModalities],
      outputModalities: [...entry.outputModalities],
      responseStreamingSupported: entry.responseStreamingSupported,
      customizationsSupported: [...entry.customizationsSupported],
      inferenceTypesSupported: [...entry.inferenceTypesSupported],
      modelLifecycle: { status: entry.lifecycleStatus ?? 'ACTIVE' },
    };
  }
}
