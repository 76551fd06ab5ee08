import { describe, expect, it } from "vitest";
import { autocorrelation } from "./autocorrelation.js";

describe("autocorrelation", () => {
  it("divides each lag's sum by its own number of products", () => {
    // Centred: -2 -1 0 1 2, variance 10 / 5 = 2.
    // r(1) = (2 + 0 + 0 + 2) / 4 / 2 = 0.5; r(2) = (0 - 1 + 0) / 3 / 2 = -1/6.
    const r = autocorrelation([1, 2, 3, 4, 5], 2);
    expect(r[0]).toBe(1);
    expect(r[1]).toBeCloseTo(0.5, 15);
    expect(r[2]).toBeCloseTo(-1 / 6, 15);
  });

  it("is -1, 1, -1 for an alternating series", () => {
    expect(autocorrelation([1, -1, 1, -1], 3)).toEqual([1, -1, 1, -1]);
  });

  it("stops at lag N - 1 and is NaN for a constant series, empty for an empty one", () => {
    expect(autocorrelation([1, 2], 5)).toHaveLength(2);
    expect(autocorrelation([3, 3, 3], 2)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(autocorrelation([], 2)).toEqual([]);
  });

  it("gives, bit for bit, the sums of one lag at a time (it sums four lags per pass)", () => {
    const oneLagAtATime = (values: number[], maxLag: number) => {
      const n = values.length;
      const mean = values.reduce((s, x) => s + x, 0) / n;
      const c = values.map((x) => x - mean);
      const variance = c.reduce((s, x) => s + x * x, 0) / n;
      return Array.from({ length: Math.min(maxLag, n - 1) + 1 }, (_, k) => {
        if (k === 0) return 1;
        let sum = 0;
        for (let i = 0; i + k < n; i++) sum += c[i] * c[i + k];
        return sum / (n - k) / variance;
      });
    };
    let x = 0.5;
    const series = Array.from({ length: 503 }, () => {
      x = (x * 3.7 * (1 - x) + 0.13) % 1; // a chaotic series, not a smooth one
      return x * 100 - 30;
    });
    for (const [n, maxLag] of [
      [503, 40],
      [503, 502],
      [9, 8],
      [6, 5],
      [5, 3],
      [4, 3],
      [503, 7],
    ]) {
      const values = series.slice(0, n);
      expect(autocorrelation(values, maxLag), `n ${n}, lags ${maxLag}`).toEqual(
        oneLagAtATime(values, maxLag),
      );
    }
  });
});
