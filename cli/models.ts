/*
 * `models`: the custom models the account owns in the region, newest first,
 * with the stack and construct that made each. Models other accounts share are
 * left out (ListCustomModels' isOwned): no stack of this account made them, and
 * their tags are their owner's. A model whose tags are denied is listed
 * without them, and a note on stderr says so. `base-models`: the foundation
 * models that can be customized, by customization type.
 */
import {
  FoundationModelSummary,
  ListFoundationModelsCommand,
  ModelCustomization,
  paginateListCustomModels,
} from '@aws-sdk/client-bedrock';
import type { Clients } from './context';
import { awsCall } from './errors';
import { table, time } from './format';
import { PAGE_SIZE, constructLabel } from './jobs';
import { ProvenanceTags, inStack } from './provenance';
import { shape } from '../src/contract/constraints';

export interface ModelRow {
  readonly name: string;
  readonly arn: string;
  readonly stack?: string;
  readonly constructPath?: string;
  readonly status?: string;
  readonly customizationType?: string;
  readonly baseModel?: string;
  readonly createdAt?: Date;
  /** ListTagsForResource was denied: stack and construct unknown. */
  readonly tagsUnreadable?: true;
}

export interface ModelListing {
  readonly rows: ModelRow[];
  /** What to tell about models listed without their tags, if any. */
  readonly note?: string;
}

export async function listModels(clients: Clients, filter: { readonly stack?: string }): Promise<ModelListing> {
  const rows: ModelRow[] = [];
  await awsCall({ operation: 'ListCustomModels', action: 'bedrock:ListCustomModels' }, async () => {
    const pages = paginateListCustomModels({ client: clients.bedrock, pageSize: PAGE_SIZE },
      { sortBy: 'CreationTime', sortOrder: 'Descending', isOwned: true });
    for await (const page of pages) {
      for (const m of page.modelSummaries ?? []) {
        rows.push({
          name: m.modelName!,
          arn: m.modelArn!,
          status: m.modelStatus,
          customizationType: m.customizationType,
          baseModel: m.baseModelName ?? m.baseModelArn,
          createdAt: m.creationTime,
        });
      }
    }
  });
  const provenance = await new ProvenanceTags(clients, { deniedAsUntagged: true }).of(rows.map((r) => r.arn));
  const unreadable = provenance.filter((p) => p.tagsUnreadable).length;
  return {
    rows: rows
      .map((r, i) => ({ ...r, stack: provenance[i].stack, constructPath: provenance[i].constructPath, tagsUnreadable: provenance[i].tagsUnreadable }))
      .filter((_, i) => inStack(provenance[i], filter.stack)),
    note: unreadable === 0 ? undefined : unreadableNote(unreadable, filter.stack !== undefined),
  };
}

function unreadableNote(count: number, byStack: boolean): string {
  const one = count === 1;
  const which = `the tags of ${count} model${one ? '' : 's'} could not be read (access denied: ListTagsForResource needs bedrock:ListTagsForResource)`;
  return byStack
    ? `${which}; --stack cannot tell ${one ? 'its' : 'their'} stack, so ${one ? 'it is' : 'they are'} left out.`
    : `${which}; ${one ? 'it is' : 'they are'} listed without ${one ? 'its' : 'their'} stack and construct.`;
}

export function modelsTable(rows: readonly ModelRow[]): string {
  if (rows.length === 0) return 'No custom models.\n';
  return table(['NAME', 'STACK', 'CONSTRUCT', 'STATUS', 'CUSTOMIZATION', 'BASE MODEL', 'CREATED'], rows.map((r) => [
    r.name, r.stack, constructLabel(r), r.status, r.customizationType, r.baseModel, time(r.createdAt),
  ]));
}

/** The customization types ListFoundationModels filters by (byCustomizationType), from the API model. */
export const CUSTOMIZATION_TYPES: readonly ModelCustomization[] = shape('ModelCustomization').enum as ModelCustomization[];

export async function listBaseModels(clients: Clients, customization: ModelCustomization | undefined): Promise<FoundationModelSummary[]> {
  const { modelSummaries = [] } = await awsCall({ operation: 'ListFoundationModels', action: 'bedrock:ListFoundationModels' },
    () => clients.bedrock.send(new ListFoundationModelsCommand({ byCustomizationType: customization })));
  // Only those that can be customized at all, by model id: the list reads the same on every run.
  return modelSummaries
    .filter((m) => (m.customizationsSupported ?? []).length > 0)
    .sort((a, b) => (a.modelId ?? '').localeCompare(b.modelId ?? ''));
}

export function baseModelsTable(models: readonly FoundationModelSummary[]): string {
  if (models.length === 0) return 'No foundation model supports that customization in this region.\n';
  return table(['MODEL ID', 'PROVIDER', 'NAME', 'CUSTOMIZATIONS', 'LIFECYCLE'], models.map((m) => [
    m.modelId, m.providerName, m.modelName, (m.customizationsSupported ?? []).join(', '), m.modelLifecycle?.status,
  ]));
}
