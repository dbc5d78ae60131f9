/*
 * Finding a custom model: by name or ARN (GetCustomModel), or the newest that
 * matches filters (ListCustomModels, newest first, page after page until a
 * match or the end: a page may hold no match and still not be the last).
 */
import { ListCustomModelsCommand, ListCustomModelsCommandInput, CustomModelSummary } from '@aws-sdk/client-bedrock';
import type { LookupProperties } from './properties';
import { callBedrock } from '../shared/call';
import { readCustomModel } from '../shared/custom-model';
import { describeError } from '../shared/errors';
import { log } from '../shared/log';

export interface FoundModel {
  readonly modelArn: string;
  readonly modelName: string;
}

export async function findModel(props: LookupProperties): Promise<FoundModel> {
  if (props.modelIdentifier !== undefined) return findByIdentifier(props.modelIdentifier);
  return findNewest(props);
}

async function findByIdentifier(modelIdentifier: string): Promise<FoundModel> {
  const model = await readCustomModel(modelIdentifier);
  if (!model?.modelArn || !model.modelName) {
    throw new Error(`No custom model named '${modelIdentifier}' exists in this account and region`);
  }
  return { modelArn: model.modelArn, modelName: model.modelName };
}

async function findNewest(props: LookupProperties): Promise<FoundModel> {
  const filters = listFilters(props);
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await listPage({ ...filters, nextToken });
    pages++;
    const match = (page.modelSummaries ?? []).find((m) => matches(m, props));
    if (match?.modelArn && match.modelName) {
      log.info('Found custom model', { modelArn: match.modelArn, pages });
      return { modelArn: match.modelArn, modelName: match.modelName };
    }
    nextToken = page.nextToken;
  } while (nextToken);
  throw new Error(`No custom model matches the lookup filters (${describeFilters(filters)}); ${pages} page(s) of ListCustomModels read`);
}

function listFilters(props: LookupProperties): ListCustomModelsCommandInput {
  return {
    sortBy: 'CreationTime',
    sortOrder: 'Descending',
    ...(props.nameContains !== undefined ? { nameContains: props.nameContains } : {}),
    ...(props.baseModelArnEquals !== undefined ? { baseModelArnEquals: props.baseModelArnEquals } : {}),
    ...(props.foundationModelArnEquals !== undefined ? { foundationModelArnEquals: props.foundationModelArnEquals } : {}),
    ...(props.creationTimeAfter !== undefined ? { creationTimeAfter: new Date(props.creationTimeAfter) } : {}),
    ...(props.creationTimeBefore !== undefined ? { creationTimeBefore: new Date(props.creationTimeBefore) } : {}),
    ...(props.modelStatus !== undefined ? { modelStatus: props.modelStatus } : {}),
    ...(props.isOwned !== undefined ? { isOwned: props.isOwned } : {}),
  };
}

async function listPage(input: ListCustomModelsCommandInput) {
  try {
    return await callBedrock('ListCustomModels', 'custom models', client => client.send(new ListCustomModelsCommand(input)));
  } catch (e) {
    throw new Error(describeError(e, 'Listing custom models'));
  }
}

/**
 * The filters the summaries show, checked again: the lookup never returns a
 * model that does not match. A summary may omit modelStatus (it is optional in
 * CustomModelSummary); the request carried modelStatus, so Bedrock filtered by
 * it already and such a summary is kept. One that states another status is not.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListCustomModels.html
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_CustomModelSummary.html
 */
function matches(model: CustomModelSummary, props: LookupProperties): boolean {
  return (props.nameContains === undefined || (model.modelName ?? '').includes(props.nameContains))
    && (props.modelStatus === undefined || model.modelStatus === undefined || model.modelStatus === props.modelStatus)
    && (props.baseModelArnEquals === undefined || model.baseModelArn === props.baseModelArnEquals);
}

function describeFilters(input: ListCustomModelsCommandInput): string {
  const { sortBy: _by, sortOrder: _order, nextToken: _token, ...filters } = input;
  const entries = Object.entries(filters).map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : String(v)}`);
  return entries.length ? entries.join(', ') : 'none';
}
