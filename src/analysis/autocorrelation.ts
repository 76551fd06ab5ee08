/**
 * Sample autocorrelation of a series at lags 0..maxLag (in samples):
 *
 *   r(k) = [sum_{i < N-k} (x_i - m)(x_{i+k} - m) / (N - k)] / [sum_i (x_i - m)^2 / N]
 *
 * with m the sample mean. Dividing each lag's sum by its own number of products (N - k), rather
 * than by N, removes the (1 - k/N) shrinkage of the textbook estimator, so an exponential
 * autocorrelation stays exponential. r(0) = 1. Lags beyond N - 1 are dropped; a constant or empty
 * series has no autocorrelation (all NaN).
 */
export function autocorrelation(values: ArrayLike<number>, maxLag: number): number[] {
  const n = values.length;
  const lags = Math.max(0, Math.min(Math.floor(maxLag), n - 1));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = values[i] - mean;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += centred[i] * centred[i];
  variance /= n;
  if (n === 0) return [];
  if (!(variance > 0)) return new Array<number>(lags + 1).fill(Number.NaN);
  const out: number[] = [];
  for (let k = 0; k <= lags; k++) {
    let sum = 0;
    for (let i = 0; i + k < n; i++) sum += centred[i] * centred[i + k];
    out.push(sum / (n - k) / variance);
  }
  out[0] = 1;
  return out;
}
