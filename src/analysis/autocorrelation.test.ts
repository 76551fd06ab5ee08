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
});
