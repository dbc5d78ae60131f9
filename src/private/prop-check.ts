/*
 * The constructs' side of the contract's checks: the same rules, skipping
 * unresolved tokens (known at deploy time only), which only aws-cdk-lib can tell.
 */
import { Token } from 'aws-cdk-lib';
import type { RequestTable, ResourceKindEntry } from '../contract/kind';
import { RESOURCE_KINDS, ResourceKindName } from '../contract/registry';
import { checkRequests } from '../contract/request-check';
import { CheckOptions, checkValue } from '../contract/validation';

/** What is wrong with the requests a kind's resource properties make, by its descriptor's request tables. */
export function checkProps(kind: ResourceKindName, properties: object): string[] {
  return checkRequests(RESOURCE_KINDS[kind], properties, Token.isUnresolved);
}

/** One value against the rules at `path` of `request` (see checkValue), tokens skipped. */
export function checkProp(request: string, path: string, value: unknown, prop: string, options: Omit<CheckOptions, 'skip'> = {}): string[] {
  return checkValue(request, path, value, prop, { ...options, skip: Token.isUnresolved });
}

/** The request table of `kind` where `prop` lands. */
export function tableOf(kind: ResourceKindName, prop: string): RequestTable {
  const entry: ResourceKindEntry = RESOURCE_KINDS[kind];
  const table = entry.requests?.find((t) => prop in t.props);
  if (!table) throw new Error(`No request of ${entry.resourceType} takes ${prop}`);
  return table;
}
