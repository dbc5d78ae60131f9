/*
 * Request routing from the constraints fixture: each operation's HTTP method
 * and URI template (`/model-customization-jobs/{jobIdentifier}/stop`), so the
 * routes cannot drift from the API model.
 */
import { OperationConstraints } from '../../../src/contract/constraints';

type Segment = { readonly literal: string } | { readonly label: string; readonly greedy: boolean };

export interface Route {
  readonly operation: string;
  readonly method: string;
  readonly segments: readonly Segment[];
  /** Literal query parameters of the template (`/x?type=y`), which the request must carry. */
  readonly query: ReadonlyArray<readonly [string, string]>;
}

export interface RouteMatch {
  readonly route: Route;
  /** Label values, percent-decoded. */
  readonly labels: Readonly<Record<string, string>>;
}

/** The routes of `operations`, most specific first (literal segments win over labels). */
export function routesFor(operations: Readonly<Record<string, OperationConstraints>>): Route[] {
  const routes = Object.entries(operations).map(([operation, { http }]) => {
    const [path, query = ''] = http.uri.split('?');
    const segments = path.split('/').slice(1).map((part): Segment => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
      return label ? { label: label[1], greedy: label[2] === '+' } : { literal: part };
    });
    return { operation, method: http.method, segments, query: [...new URLSearchParams(query)] };
  });
  const literals = (route: Route) => route.segments.filter((s) => 'literal' in s).length + route.query.length;
  return routes.sort((a, b) => literals(b) - literals(a));
}

/** The route a request takes, or undefined (the service answers 404 for an unknown path). */
export function matchRoute(routes: readonly Route[], method: string, pathname: string, query: URLSearchParams): RouteMatch | undefined {
  const parts = pathname.split('/').slice(1);
  for (const route of routes) {
    if (route.method !== method || !route.query.every(([k, v]) => query.getAll(k).includes(v))) continue;
    const labels = matchSegments(route.segments, parts);
    if (labels) return { route, labels };
  }
  return undefined;
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const greedy = 'label' in segment && segment.greedy;
    const raw = greedy ? parts.slice(i).join('/') : parts[i];
    const value = raw === undefined ? undefined : decode(raw);
    if (value === undefined) return undefined;
    if ('literal' in segment) {
      if (value !== segment.literal) return undefined;
    } else {
      labels[segment.label] = value;
    }
    if (greedy) return labels;
  }
  return parts.length === segments.length ? labels : undefined;
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined; // malformed percent-encoding: no route
  }
}
