import { quantile } from "../analysis/quantile.js";

/** The quantile levels every tolerance is summarised at. */
const QUANTILE_LEVELS = [0.001, 0.005, 0.025, 0.5, 0.975, 0.995, 0.999] as const;

export interface Distribution {
  description: string;
  unit: string;
  n: number;
  mean: number;
  sd: number;
  quantiles: Record<string, number>;
}

/**
 * The spread of a measure over a Monte Carlo: mean, SD and quantiles, rounded to 6 significant
 * digits so the committed file does not hang on the last bits of floating point.
 * Non-finite samples (e.g. a precision with no event) are not part of the summary.
 */
export function distribution(
  values: readonly number[],
  unit: string,
  description: string,
): Distribution {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = finite.length;
  const mean = n > 0 ? finite.reduce((s, x) => s + x, 0) / n : Number.NaN;
  const sd = n > 1 ? Math.sqrt(finite.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const quantiles: Record<string, number> = {};
  for (const level of QUANTILE_LEVELS) quantiles[String(level)] = round6(quantile(finite, level));
  return { description, unit, n, mean: round6(mean), sd: round6(sd), quantiles };
}

export function round6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}
