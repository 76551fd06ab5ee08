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
  let k = 0;
  for (; k + 3 <= lags; k += 4) {
    const sums = fourLagSums(centred, k);
    for (let j = 0; j < 4; j++) out.push(sums[j] / (n - k - j) / variance);
  }
  for (; k <= lags; k++) {
    let sum = 0;
    for (let i = 0; i + k < n; i++) sum += centred[i] * centred[i + k];
    out.push(sum / (n - k) / variance);
  }
  out[0] = 1;
  return out;
}

/**
 * The sums of products at lags k..k+3 in one pass: four independent sums, so the processor adds
 * them side by side (one sum at a time waits on each addition). Each is still added in order of
 * i, so the result is exactly that of four passes.
 */
function fourLagSums(centred: Float64Array, k: number): [number, number, number, number] {
  const n = centred.length;
  const shared = Math.max(0, n - k - 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < shared; i++) {
    const c = centred[i];
    s0 += c * centred[i + k];
    s1 += c * centred[i + k + 1];
    s2 += c * centred[i + k + 2];
    s3 += c * centred[i + k + 3];
  }
  for (let i = shared; i + k < n; i++) s0 += centred[i] * centred[i + k];
  for (let i = shared; i + k + 1 < n; i++) s1 += centred[i] * centred[i + k + 1];
  for (let i = shared; i + k + 2 < n; i++) s2 += centred[i] * centred[i + k + 2];
  return [s0, s1, s2, s3];
}
