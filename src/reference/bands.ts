import { normalUpperTail, sdUpperBound } from "../analysis/normal.js";
import { quantile } from "../analysis/quantile.js";
import type { ToleranceBand } from "../protocol/types.js";
import { round6 } from "./distribution.js";

/**
 * How far out a gaussian band reaches, in standard deviations of a faithful variant's statistic:
 * P(Z > 5.3) = 5.8e-8 a side, so that the forty-odd comparisons of the whole rubric (public and
 * hidden) together reject a faithful simulator by chance less than once in 100,000 submissions,
 * with room for the bound of 1 in 10,000 that the contract sets.
 */
export const DESIGN_Z = 5.3;

/** The values of one statistic over the draws of one faithful variant. */
export interface VariantDraws {
  variant: string;
  values: readonly number[];
}

export type Sides = "both" | "low" | "high";

/**
 * A band on a statistic of random draws: for each faithful variant, its mean plus and minus z
 * standard deviations, and the union over variants. The SD is taken at its 95 % upper confidence
 * bound from the draws, and wider on a side whose 0.5 % or 99.5 % quantile lies further from the
 * median than a normal law with that SD puts it (a heavier tail). A faithful simulator of any of
 * these variants then falls outside with probability at most P(|Z| > z) on the sides judged.
 */
export function gaussianBand(
  groups: readonly VariantDraws[],
  sides: Sides,
  z: number = DESIGN_Z,
): ToleranceBand {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let draws = Number.POSITIVE_INFINITY;
  for (const group of groups) {
    const values = group.values.filter(Number.isFinite).sort((a, b) => a - b);
    const n = values.length;
    if (n < 10) throw new Error(`${group.variant}: ${n} finite draws are too few for a band`);
    draws = Math.min(draws, n);
    const mean = values.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const bounded = sdUpperBound(sd, n);
    const median = quantile(values, 0.5);
    const z995 = 2.5758293035489;
    const sdHigh = Math.max(bounded, (quantile(values, 0.995) - median) / z995);
    const sdLow = Math.max(bounded, (median - quantile(values, 0.005)) / z995);
    low = Math.min(low, mean - z * sdLow);
    high = Math.max(high, mean + z * sdHigh);
  }
  const perSide = normalUpperTail(z);
  const falseRejectProbability = (sides === "both" ? 2 : 1) * perSide;
  const band: ToleranceBand = {
    falseRejectProbability: Number(falseRejectProbability.toPrecision(3)),
    method: "gaussian",
    rule: `each of ${groups.length} faithful variants' mean ${sides === "both" ? "+-" : sides === "low" ? "-" : "+"} ${z} SD (the SD at its 95 % upper bound from at least ${draws} draws, wider where the draws' 0.5 % or 99.5 % quantile shows a heavier tail); outside with probability ${falseRejectProbability.toPrecision(3)} under a normal law`,
  };
  if (sides !== "high") band.low = round6(low);
  if (sides !== "low") band.high = round6(high);
  return band;
}

/**
 * A band on a deterministic statistic (no noise: each faithful variant gives one value): the
 * extremes over the variants, widened by a margin on each side for faithful choices between
 * them (float32, another order of operations). A variant of the set is never outside.
 */
export function envelopeBand(
  values: readonly number[],
  margin: { low: number; high: number; why: string },
  sides: Sides = "both",
): ToleranceBand {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) throw new Error("an envelope needs at least one finite value");
  const band: ToleranceBand = {
    falseRejectProbability: 0,
    method: "envelope",
    rule: `the extremes of ${finite.length} deterministic faithful variants, widened by ${margin.why}; none of them is ever outside`,
  };
  if (sides !== "high") band.low = round6(Math.min(...finite) - margin.low);
  if (sides !== "low") band.high = round6(Math.max(...finite) + margin.high);
  return band;
}
