import type { CheckResult, Comparison } from "../protocol/types.js";

/**
 * The bands a check decided on, each observed value with its in-band flag, as the check made them
 * (src/checks/band.ts compare): the report shows them and never decides again.
 */
export function checkComparisons(check: Pick<CheckResult, "comparisons">): Comparison[] {
  return check.comparisons ?? [];
}

type Path = (string | number)[];

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
