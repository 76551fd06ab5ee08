/**
 * Measures of recorded membrane potentials (mV), sampled every dtMs: sample i is V at i * dtMs.
 */

/**
 * The standard deviation (mV) of every sample from settleMs on, over all traces pooled, about
 * their pooled mean: the size of the membrane's fluctuation at rest once the start (V exactly at
 * initialMv) is forgotten. NaN when no sample is left.
 */
export function pooledSdMv(
  traces: readonly ArrayLike<number>[],
  dtMs: number,
  settleMs: number,
): number {
  const first = Math.ceil(settleMs / dtMs - 1e-9);
  let n = 0;
  let sum = 0;
  for (const trace of traces) {
    for (let i = first; i < trace.length; i++) {
      sum += trace[i];
      n++;
    }
  }
  if (n < 2) return Number.NaN;
  const mean = sum / n;
  let squares = 0;
  for (const trace of traces) {
    for (let i = first; i < trace.length; i++) squares += (trace[i] - mean) ** 2;
  }
  return Math.sqrt(squares / (n - 1));
}

/** How a trace follows a reference trace of the same current. */
export interface TraceLag {
  /**
   * The time shift (ms) that best maps the reference onto the trace: positive when the trace lags
   * behind (trace(t) ~ reference(t - lagMs)). From the least-squares fit of trace - reference to
   * -lagMs * dV/dt of the reference, dV/dt by central differences.
   */
  lagMs: number;
  /** The root-mean-square difference left once the shift is taken out, mV. */
  residualMv: number;
}

/**
 * The lag and the residual of a trace against a reference, over the samples from settleMs on
 * (both as long as each other; the shorter length is used). A one-sample shift of the current or
 * of the recording shows as a lag of one dtMs; a wrong time constant or gain as a residual. NaN
 * when the reference does not move.
 */
export function traceLag(
  trace: ArrayLike<number>,
  reference: ArrayLike<number>,
  dtMs: number,
  settleMs: number,
): TraceLag {
  const n = Math.min(trace.length, reference.length);
  const first = Math.max(1, Math.ceil(settleMs / dtMs - 1e-9));
  let dd = 0;
  let dr = 0;
  for (let i = first; i < n - 1; i++) {
    const slope = (reference[i + 1] - reference[i - 1]) / (2 * dtMs);
    dd += (trace[i] - reference[i]) * slope;
    dr += slope * slope;
  }
  if (!(dr > 0)) return { lagMs: Number.NaN, residualMv: Number.NaN };
  const lagMs = -dd / dr;
  let squares = 0;
  let count = 0;
  for (let i = first; i < n - 1; i++) {
    const slope = (reference[i + 1] - reference[i - 1]) / (2 * dtMs);
    squares += (trace[i] - reference[i] + lagMs * slope) ** 2;
    count++;
  }
  return { lagMs, residualMv: Math.sqrt(squares / count) };
}
