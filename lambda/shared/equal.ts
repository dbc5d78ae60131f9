/*
 * Deep equality of decoded property values (JSON-like: strings, numbers,
 * booleans, lists, plain objects). Key order does not matter; list order does.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a).filter(k => a[k] !== undefined);
  const otherKeys = Object.keys(b).filter(k => b[k] !== undefined);
  return keys.length === otherKeys.length && keys.every(k => deepEqual(a[k], b[k]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
