/**
 * JSON values compared and digested by what they hold, not by how a file happened to write them:
 * the rubric's and tolerances' parameters, the grading fingerprint, the rubric's digest.
 */

/** JSON text with keys sorted at every level (undefined members left out): equal for equal values. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The paths (measures.events.binMs) where two values differ; objects are compared key by key. */
export function differingPaths(a: unknown, b: unknown, path: string): string[] {
  const isObject = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === "object" && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differingPaths(a[k], b[k], `${path}.${k}`));
  }
  return canonicalJson(a) === canonicalJson(b) ? [] : [path];
}
