/*
 * Document paths (`a.b[2].c`) and what expressions do with them: read a
 * value, set or remove one in a copy of an item, project an item onto some
 * paths (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html).
 */
import { AttributeMap, AttributeValue, payload, typeOf } from '../attribute-values';
import { validation } from '../errors';

export type PathElement = { readonly name: string } | { readonly index: number };
export type Path = readonly PathElement[];

/** The path as DynamoDB's messages write it: `[a, b, [2]]`'s elements joined. */
export function formatPath(path: Path): string {
  return path.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ');
}

/** The value at the path, or undefined when any step is missing or of another type. */
export function getPath(item: AttributeMap, path: Path): AttributeValue | undefined {
  let current: AttributeValue | undefined = { M: item };
  for (const element of path) current = current && step(current, element);
  return current;
}

/** A map's member or a list's element; undefined when missing or the value is of another type. */
function step(value: AttributeValue, element: PathElement): AttributeValue | undefined {
  if ('name' in element) return typeOf(value) === 'M' ? (payload(value) as AttributeMap)[element.name] : undefined;
  return typeOf(value) === 'L' ? (payload(value) as AttributeValue[])[element.index] : undefined;
}

const invalidForUpdate = () => validation('The document path provided in the update expression is invalid for update');

/**
 * A copy of the item with the value at the path: the parent must exist and
 * be a map (or a list, for an index; an index past the end appends).
 */
export function setPath(item: AttributeMap, path: Path, value: AttributeValue): AttributeMap {
  return (replaceIn({ M: item }, path, (parent, last) => {
    if ('name' in last) {
      if (typeOf(parent) !== 'M') throw invalidForUpdate();
      return { M: { ...(payload(parent) as AttributeMap), [last.name]: value } };
    }
    if (typeOf(parent) !== 'L') throw invalidForUpdate();
    const list = [...(payload(parent) as AttributeValue[])];
    list[Math.min(last.index, list.length)] = value;
    return { L: list };
  }) as { M: AttributeMap }).M;
}

/** A copy of the item without the value at the path (nothing to remove is no change; a missing parent is an error). */
export function removePath(item: AttributeMap, path: Path): AttributeMap {
  return (replaceIn({ M: item }, path, (parent, last) => {
    if ('name' in last) {
      if (typeOf(parent) !== 'M') throw invalidForUpdate();
      const { [last.name]: _removed, ...rest } = payload(parent) as AttributeMap;
      return { M: rest };
    }
    if (typeOf(parent) !== 'L') throw invalidForUpdate();
    return { L: (payload(parent) as AttributeValue[]).filter((_, i) => i !== last.index) };
  }) as { M: AttributeMap }).M;
}

/** Rebuilds the containers along the path, with `change` applied to the last one. */
function replaceIn(root: AttributeValue, path: Path, change: (parent: AttributeValue, last: PathElement) => AttributeValue): AttributeValue {
  const [first, ...rest] = path;
  if (rest.length === 0) return change(root, first);
  const child = step(root, first);
  if (!child) throw invalidForUpdate();
  const updated = replaceIn(child, rest, change);
  if ('name' in first) return { M: { ...(payload(root) as AttributeMap), [first.name]: updated } };
  const list = [...(payload(root) as AttributeValue[])];
  list[first.index] = updated;
  return { L: list };
}

/** Whether two paths are the same or one is inside the other. */
export function pathsOverlap(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a[i];
    const y = b[i];
    if ('name' in x ? !('name' in y) || x.name !== y.name : !('index' in y) || x.index !== y.index) return false;
  }
  return true;
}

/**
 * The item reduced to the paths (ProjectionExpression, and UPDATED_OLD /
 * UPDATED_NEW): nested values keep their place in maps; selected list
 * elements keep their order, without gaps.
 */
export function project(item: AttributeMap, paths: readonly Path[]): AttributeMap {
  type Node = { value?: AttributeValue; children: Map<string | number, Node> };
  const root: Node = { children: new Map() };
  for (const path of paths) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    let node = root;
    for (const element of path) {
      const key = 'name' in element ? element.name : element.index;
      if (!node.children.has(key)) node.children.set(key, { children: new Map() });
      node = node.children.get(key)!;
    }
    node.value = value;
  }
  const build = (node: Node): AttributeValue => {
    if (node.value) return node.value;
    const entries = [...node.children.entries()];
    if (entries.every(([k]) => typeof k === 'number')) return { L: entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, n]) => build(n)) };
    return { M: Object.fromEntries(entries.map(([k, n]) => [String(k), build(n)])) };
  };
  return Object.fromEntries([...root.children.entries()].map(([k, n]) => [String(k), build(n)]));
}
