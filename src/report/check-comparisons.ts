import type { CheckResult } from "../protocol/types.js";

/**
 * The observed values of a check beside the bands they were compared with. A check's `expected`
 * holds a band wherever it compared a measure with the reference's spread (an object with the
 * tolerance's name, its unit and a low and/or high end, as src/checks/verdict.ts's bandJson
 * writes it); the observed value sits at the same path in `observed`, or, where a check judged
 * several panels, under that key in each item of an array ("panels": [{"reliability": ...}]).
 */
export interface Comparison {
  /** What was measured, in words: "rate at 150 pA", "mean Gamma", "reliability". */
  name: string;
  /** The entry of tolerances.json ("neuron.fi.rateHz.150pA"). */
  tolerance: string;
  /** "Hz", "ms", "pA", or "" for a dimensionless measure. */
  unit: string;
  low?: number;
  high?: number;
  /** The quantile levels of the reference's spread the ends are read at (0.001, 0.999). */
  lowerQuantile?: number;
  upperQuantile?: number;
  /** One value, or one per item (e.g. per frozen current); null where none was measured. */
  observed: ObservedValue[];
}

export interface ObservedValue {
  /** Which item this is ("seed 1995"); absent for a single value. */
  label?: string;
  value: number | null;
}

type Path = (string | number)[];

/** Every band of a check's `expected`, each with the observed values it was compared with. */
export function checkComparisons(check: Pick<CheckResult, "observed" | "expected">): Comparison[] {
  if (!check.expected) return [];
  const out: Comparison[] = [];
  for (const [path, band] of findBands(check.expected, [])) {
    out.push({
      name: describePath(path),
      tolerance: band.tolerance,
      unit: band.unit === "1" ? "" : band.unit,
      ...(finite(band.low) ? { low: band.low } : {}),
      ...(finite(band.high) ? { high: band.high } : {}),
      ...(finite(band.lowerQuantile) ? { lowerQuantile: band.lowerQuantile } : {}),
      ...(finite(band.upperQuantile) ? { upperQuantile: band.upperQuantile } : {}),
      observed: observedAt(check.observed, path),
    });
  }
  return out;
}

/** Whether a value lies within the comparison's band (a missing value never does). */
export function withinBand(value: number | null, c: Pick<Comparison, "low" | "high">): boolean {
  if (value === null || Number.isNaN(value)) return false;
  if (c.low !== undefined && !(value >= c.low)) return false;
  if (c.high !== undefined && !(value <= c.high)) return false;
  return true;
}

interface BandJson {
  tolerance: string;
  unit: string;
  low?: unknown;
  high?: unknown;
  lowerQuantile?: unknown;
  upperQuantile?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isBand(value: unknown): value is BandJson {
  return (
    isRecord(value) &&
    typeof value.tolerance === "string" &&
    typeof value.unit === "string" &&
    (finite(value.low) || finite(value.high))
  );
}

function finite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function findBands(value: unknown, path: Path): [Path, BandJson][] {
  if (isBand(value)) return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => findBands(item, [...path, i]));
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([key, item]) => findBands(item, [...path, key]));
  }
  return [];
}

function at(value: unknown, path: Path): unknown {
  let here = value;
  for (const key of path) {
    if (typeof key === "number" ? !Array.isArray(here) : !isRecord(here)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

function asValue(value: unknown): number | null | undefined {
  if (finite(value)) return value;
  return value === null ? null : undefined;
}

/** Keys that name an item of an array of observations, in order of preference. */
const ITEM_LABELS = ["stimulusSeed", "seed", "currentPa", "dtMs"] as const;

function observedAt(observed: unknown, path: Path): ObservedValue[] {
  const direct = asValue(at(observed, path));
  if (direct !== undefined) return [{ value: direct }];
  const key = path[path.length - 1];
  if (typeof key !== "string" || !isRecord(observed)) return [];
  // A check that judged several items: the key in each item of a top-level array.
  for (const list of Object.values(observed)) {
    if (!Array.isArray(list) || !list.every(isRecord)) continue;
    const items = list as Record<string, unknown>[];
    if (!items.some((item) => asValue(item[key]) !== undefined)) continue;
    return items.map((item) => {
      const value = asValue(item[key]) ?? null;
      const labelKey = ITEM_LABELS.find((k) => item[k] !== undefined && item[k] !== null);
      return labelKey === undefined
        ? { value }
        : { label: itemLabel(labelKey, item[labelKey]), value };
    });
  }
  return [];
}

function itemLabel(key: (typeof ITEM_LABELS)[number], value: unknown): string {
  switch (key) {
    case "stimulusSeed":
    case "seed":
      return `seed ${String(value)}`;
    case "currentPa":
      return `${String(value)} pA`;
    case "dtMs":
      return `dt ${String(value)} ms`;
  }
}

/** Names of measures that read better than their key split into words. */
const NAMES: Record<string, string> = {
  tauMs: "correlation time",
  meanPa: "mean",
  sdPa: "SD",
  rateRatio: "rate with noise / without",
  meanGamma: "mean Gamma",
  gamma: "Gamma",
  rcorr: "rcorr",
  rcorrDifference: "rcorr B \u2212 A",
};

/** "rateHz" -> "rate", "precisionMs" -> "precision", "firstSpikeMs" -> "first spike". */
export function describeKey(key: string): string {
  if (Object.hasOwn(NAMES, key)) return NAMES[key];
  const bare = key.replace(/(?<=[a-z])(Hz|Ms|Pa|Mv|MOhm)$/, "");
  return bare.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** ["rateHz", "150pA"] -> "rate at 150 pA"; ["reliability"] -> "reliability". */
export function describePath(path: Path): string {
  const keys = path.filter((k): k is string => typeof k === "string");
  if (keys.length === 0) return "value";
  const last = keys[keys.length - 1];
  const condition = /^(-?\d+(?:\.\d+)?)(pA|ms|Hz|mV)$/.exec(last);
  if (condition && keys.length > 1) {
    return `${describeKey(keys[keys.length - 2])} at ${condition[1]} ${condition[2]}`;
  }
  return describeKey(last);
}
