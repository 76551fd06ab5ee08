import { autocorrelation } from "./autocorrelation.js";
import { CORRELATION_TIME_DEFAULTS, correlationTimeMs } from "./correlation-time.js";
import { type AnalysisWindow, STIMULUS_WINDOW } from "./window.js";

/**
 * Mean, SD, autocorrelation and correlation time of a current trace over a window: what the
 * stimulus.ou check compares with the request (meanPa, sdPa, tauMs) of an Ornstein-Uhlenbeck
 * current.
 */
export interface OuStatisticsOptions extends AnalysisWindow {
  /** Largest lag of the autocorrelation, ms. 20 ms: several correlation times of the canonical 3 ms. */
  maxLagMs: number;
  /** See CorrelationTimeOptions. */
  minAutocorrelation: number;
}

export const OU_STATISTICS_DEFAULTS: OuStatisticsOptions = {
  ...STIMULUS_WINDOW,
  maxLagMs: 20,
  ...CORRELATION_TIME_DEFAULTS,
};

export interface OuStatistics {
  /** Samples inside the window. */
  samples: number;
  meanPa: number;
  /** Population SD (divided by the number of samples), pA. */
  sdPa: number;
  /** autocorrelation[k] is r(k dtMs), k = 0..round(maxLagMs / dtMs). */
  autocorrelation: number[];
  tauMs: number;
}

/**
 * The samples of a trace that lie wholly inside [startMs, endMs): sample i covers
 * [i dtMs, (i + 1) dtMs) (docs/contract.md, "Units and names"). A sample that straddles an edge is left out,
 * because a simulator may count it as on or as off.
 */
export function windowSamples(
  trace: ArrayLike<number>,
  dtMs: number,
  window: AnalysisWindow,
): Float64Array {
  if (!(dtMs > 0)) return new Float64Array(0);
  // The epsilons keep 50 / 0.1 = 500.00000000000006 from losing a sample that starts on the edge.
  const first = Math.max(0, Math.ceil(window.startMs / dtMs - 1e-9));
  const end = Math.min(trace.length, Math.floor(window.endMs / dtMs + 1e-9));
  const out = new Float64Array(Math.max(0, end - first));
  for (let i = 0; i < out.length; i++) out[i] = trace[first + i];
  return out;
}

/** Statistics of a current trace (pA, sampled every dtMs) over the window. NaN where undefined. */
export function ouStatistics(
  currentPa: ArrayLike<number>,
  dtMs: number,
  options: Partial<OuStatisticsOptions> = {},
): OuStatistics {
  const o = { ...OU_STATISTICS_DEFAULTS, ...options };
  const x = windowSamples(currentPa, dtMs, o);
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean = n > 0 ? mean / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) * (x[i] - mean);
  const acf = autocorrelation(x, Math.round(o.maxLagMs / dtMs));
  return {
    samples: n,
    meanPa: mean,
    sdPa: n > 0 ? Math.sqrt(ss / n) : Number.NaN,
    autocorrelation: acf,
    tauMs: correlationTimeMs(acf, dtMs, o),
  };
}
