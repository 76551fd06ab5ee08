/**
 * Where a problem is, in JavaScript notation: ["spikeTimesMs", 3, 7] -> "spikeTimesMs[3][7]",
 * the way a student would reach the value in their own code.
 */

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["spikeTimesMs", 3, 7] -> "spikeTimesMs[3][7]"; odd keys are quoted (a["my key"]). */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = "";
  for (const segment of segments) path = joinPath(path, segment);
  return path;
}

/**
 * A path for a message, at most about maxChars long: a key nested a hundred thousand levels deep
 * keeps its first and last levels ("debug.a.a.a ... a.a.a"), not a line of 200 KB.
 */
export function abbreviatePath(path: string, maxChars = 120): string {
  if (path.length <= maxChars) return path;
  const half = Math.floor((maxChars - 5) / 2);
  return `${path.slice(0, half)} ... ${path.slice(-half)}`;
}

/** Appends one key or index to a formatted path. */
export function joinPath(path: string, segment: PathSegment): string {
  if (typeof segment === "number") return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === "" ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}

/** Turns a JSON pointer into keys and indices, telling "0" the key from 0 the index by the data. */
export function pointerSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === "") return [];
  const segments: PathSegment[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(key)) {
      segments.push(Number(key));
      node = node[Number(key)];
    } else {
      segments.push(key);
      node =
        typeof node === "object" && node !== null && Object.hasOwn(node, key)
          ? (node as Record<string, unknown>)[key]
          : undefined;
    }
  }
  return segments;
}
