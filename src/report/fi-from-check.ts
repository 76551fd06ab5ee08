import type { CheckResult, Tolerances } from "../protocol/types.js";
import type { FiCurveData } from "../render/fi-curve.js";

/**
 * The f-I figure's data read back from a neuron.fi verdict: its observed rateHz per current
 * ("150pA": 13.2) and the band each was compared with (expected.rateHz["150pA"]), and, when
 * tolerances.json is given, the reference's median rate at each current. So the report can draw
 * the f-I curve from the check report alone. Undefined when the check holds no rates (it broke
 * or was skipped before measuring).
 */
export function fiDataFromCheck(
  check: Pick<CheckResult, "observed" | "expected">,
  tolerances?: Tolerances,
): FiCurveData | undefined {
  const observed = record(record(check.observed)?.rateHz);
  const expected = record(record(check.expected)?.rateHz);
  if (!observed || !expected) return undefined;
  const points: {
    currentPa: number;
    rateHz: number | null;
    low: number;
    high: number;
    tolerance?: string;
  }[] = [];
  for (const [key, value] of Object.entries(expected)) {
    const current = /^(-?\d+(?:\.\d+)?)pA$/.exec(key);
    const band = record(value);
    if (!current || !band) continue;
    const low = typeof band.low === "number" ? band.low : undefined;
    const high = typeof band.high === "number" ? band.high : undefined;
    if (low === undefined && high === undefined) continue;
    const rate = observed[key];
    points.push({
      currentPa: Number(current[1]),
      rateHz: typeof rate === "number" && Number.isFinite(rate) ? rate : null,
      // A one-sided band is drawn from its one end to itself.
      low: low ?? (high as number),
      high: high ?? (low as number),
      tolerance: typeof band.tolerance === "string" ? band.tolerance : undefined,
    });
  }
  if (points.length === 0) return undefined;
  points.sort((a, b) => a.currentPa - b.currentPa);
  const medians = points.map((p) =>
    p.tolerance === undefined ? undefined : tolerances?.measures[p.tolerance]?.quantiles["0.5"],
  );
  const data: FiCurveData = {
    currentsPa: points.map((p) => p.currentPa),
    submissionHz: points.map((p) => p.rateHz),
    band: points.map((p) => ({ low: p.low, high: p.high })),
  };
  if (medians.every((m): m is number => typeof m === "number")) data.referenceHz = medians;
  return data;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
