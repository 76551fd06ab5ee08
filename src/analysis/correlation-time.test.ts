import { describe, expect, it } from "vitest";
import { correlationTimeMs } from "./correlation-time.js";

describe("correlationTimeMs", () => {
  it("recovers tau exactly from an exponential autocorrelation", () => {
    for (const dtMs of [0.1, 0.5, 1]) {
      const acf = Array.from({ length: 40 }, (_, k) => Math.exp((-k * dtMs) / 3));
      expect(correlationTimeMs(acf, dtMs)).toBeCloseTo(3, 12);
    }
  });

  it("fits only the lags before r first falls to 0.3, weighting each by r^2", () => {
    // Lags 1 and 2 enter (0.6, 0.4), lag 3 (0.25) ends the fit and lag 4 is never looked at.
    const acf = [1, 0.6, 0.4, 0.25, 0.9];
    const sxy = 0.36 * 1 * Math.log(0.6) + 0.16 * 2 * Math.log(0.4);
    const sxx = 0.36 * 1 + 0.16 * 4;
    expect(correlationTimeMs(acf, 1)).toBeCloseTo(-sxx / sxy, 14);
  });

  it("falls back to lag 1 when even it is below the threshold, and handles degenerate input", () => {
    expect(correlationTimeMs([1, 0.1, 0.01], 1)).toBeCloseTo(-1 / Math.log(0.1), 14);
    expect(correlationTimeMs([1, -0.2], 1)).toBe(0);
    expect(correlationTimeMs([Number.NaN, Number.NaN], 1)).toBeNaN();
    expect(correlationTimeMs([1], 1)).toBeNaN();
    expect(correlationTimeMs([1, 1, 1], 1)).toBe(Number.POSITIVE_INFINITY);
  });
});
