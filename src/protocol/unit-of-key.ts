import type { PathSegment } from "./format-path.js";

const UNIT_SUFFIXES: readonly [string, string][] = [
  ["MOhm", "MOhm"],
  ["Ms", "ms"],
  ["Pa", "pA"],
  ["Mv", "mV"],
  ["Hz", "Hz"],
];

/** The unit a camelCase key carries by the contract's naming ("dtMs" -> "ms"), if any. */
export function unitOfKey(key: string): string | undefined {
  for (const [suffix, unit] of UNIT_SUFFIXES) {
    if (key.length > suffix.length && key.endsWith(suffix)) return unit;
  }
  return undefined;
}

/** The unit of the value at a path: that of the nearest key ("spikeTimesMs[3][7]" -> "ms"). */
export function unitOfPath(segments: readonly PathSegment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (typeof segment === "string") return unitOfKey(segment);
  }
  return undefined;
}
