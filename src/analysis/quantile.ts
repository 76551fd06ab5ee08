/**
 * The q-quantile of ascending values by linear interpolation between order statistics (numpy's
 * default, "linear" / Hyndman & Fan type 7); NaN for no values.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = Math.min(Math.max(q, 0), 1) * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
