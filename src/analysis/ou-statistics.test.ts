import { describe, expect, it } from "vitest";
import { RandomState } from "../model/rng.js";
import {
  OU_STATISTICS_DEFAULTS,
  type OuStatistics,
  ouStatistics,
  windowSamples,
} from "./ou-statistics.js";

describe("windowSamples", () => {
  it("keeps the samples wholly inside [startMs, endMs)", () => {
    const window = { startMs: 50, endMs: 950 };
    expect(windowSamples(new Float64Array(2000), 0.5, window)).toHaveLength(1800);
    expect(windowSamples(new Float64Array(10000), 0.1, window)).toHaveLength(9000);
    // dt 0.3: sample 166 covers [49.8, 50.1) and sample 3166 [949.8, 950.1); both straddle an edge.
    expect(windowSamples(new Float64Array(3333), 0.3, window)).toHaveLength(3166 - 167);
    const trace = Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(windowSamples(trace, 1, { startMs: 2, endMs: 5 }))).toEqual([2, 3, 4]);
    expect(Array.from(windowSamples(trace, 1, { startMs: 8, endMs: 50 }))).toEqual([8, 9]);
  });
});

describe("ouStatistics", () => {
  it("gives the mean, population SD and autocorrelation over the window only", () => {
    // 0 outside [2, 6) ms; inside, 1, 3, 1, 3: mean 2, SD 1, r(1) = -1.
    const trace = [0, 0, 1, 3, 1, 3, 0, 0];
    const s = ouStatistics(trace, 1, { startMs: 2, endMs: 6, maxLagMs: 2 });
    expect(s.samples).toBe(4);
    expect(s.meanPa).toBe(2);
    expect(s.sdPa).toBe(1);
    expect(s.autocorrelation).toEqual([1, -1, 1]);
    expect(s.tauMs).toBe(0);
  });

  it("defaults to the stimulus window, lags to 20 ms, fit down to r = 0.3", () => {
    expect(OU_STATISTICS_DEFAULTS).toEqual({
      startMs: 50,
      endMs: 950,
      maxLagMs: 20,
      minAutocorrelation: 0.3,
    });
  });

  it("is nearly unbiased on 900 ms OU windows (mean 150, SD 100, tau 3 ms), at dt 0.1 to 1 ms", () => {
    // Exact OU updates, so the true autocorrelation is exp(-lag / 3 ms); the current is 0 outside
    // [50, 950) as in the canonical stimulus, which would pull the mean to 135 pA if it leaked in.
    // Per trace the SEs are ~8 pA (mean), ~4 pA (SD) and ~0.35 ms (tau; 400 seeds gave means of
    // 2.97-3.01 ms): over 40 seeds the bounds below are 3 to 4 SEs of the average.
    for (const dtMs of [0.1, 0.25, 0.5, 1]) {
      const stats = Array.from({ length: 40 }, (_, seed) =>
        ouStatistics(canonicalOuTrace(dtMs, seed), dtMs),
      );
      const average = (f: (s: OuStatistics) => number) =>
        stats.reduce((a, s) => a + f(s), 0) / stats.length;
      expect(Math.abs(average((s) => s.meanPa) - 150)).toBeLessThan(5);
      expect(Math.abs(average((s) => s.sdPa) - 100)).toBeLessThan(3);
      expect(Math.abs(average((s) => s.tauMs) - 3)).toBeLessThan(0.2);
      expect(average((s) => s.autocorrelation[Math.round(3 / dtMs)])).toBeCloseTo(Math.exp(-1), 1);
    }
  });

  it("is NaN for the correlation time of a constant trace", () => {
    const s = ouStatistics(new Array<number>(2000).fill(150), 0.5);
    expect(s.meanPa).toBe(150);
    expect(s.sdPa).toBe(0);
    expect(s.tauMs).toBeNaN();
  });

  it("never throws on an empty trace or window", () => {
    const s = ouStatistics([], 0.5);
    expect(s.samples).toBe(0);
    expect(s.meanPa).toBeNaN();
    expect(s.sdPa).toBeNaN();
    expect(s.tauMs).toBeNaN();
  });
});

/** 1000 ms at dtMs: 0 outside [50, 950), inside a stationary OU current with exact updates. */
function canonicalOuTrace(dtMs: number, seed: number): Float64Array {
  const rng = new RandomState(seed);
  const a = Math.exp(-dtMs / 3);
  const s = 100 * Math.sqrt(1 - a * a);
  const trace = new Float64Array(Math.round(1000 / dtMs));
  let v = 100 * rng.standardNormal();
  for (let i = 0; i < trace.length; i++) {
    const t = i * dtMs;
    if (t >= 50 && t < 950) {
      trace[i] = 150 + v;
      v = a * v + s * rng.standardNormal();
    }
  }
  return trace;
}
