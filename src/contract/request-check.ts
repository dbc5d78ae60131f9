/*
 * The synth-time check a kind's descriptor derives: every prop of its request
 * tables that names its `property` is checked against the constraints
 * fixture, under the prop's name. What a path cannot say (one prop or
 * another, data locations) stays with the kind's construct.
 */
import type { ResourceKindEntry } from './kind';
import { checkValue } from './validation';

/**
 * What is wrong with the requests `properties` (the custom resource's, as the
 * construct builds them) will make, one message per broken rule, each naming
 * its prop; empty when valid. `skip`: values not to check (unresolved tokens).
 */
export function checkRequests(kind: ResourceKindEntry, properties: object, skip: (value: unknown) => boolean): string[] {
  return (kind.requests ?? []).flatMap((table) => Object.entries(table.props).flatMap(([prop, { path, property, label }]) =>
    property === undefined ? [] : checkValue(table.shape, path, valueAt(properties, property), label ?? prop, { skip })));
}

/** The value at a dotted path; undefined when a step is missing. */
function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}
