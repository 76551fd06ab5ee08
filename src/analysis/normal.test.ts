import { describe, expect, it } from "vitest";
import { binomialUpperTail, normalQuantile, normalUpperTail, sdUpperBound } from "./normal.js";

describe("normal tails (values from scipy.stats)", () => {
  it("P(Z > z) from the centre to the far tail", () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.96) / 0.024997895148220435).toBeCloseTo(1, 6);
    expect(normalUpperTail(5) / 2.866515718791939e-7).toBeCloseTo(1, 5);
    expect(normalUpperTail(5.3) / 5.7901340399645e-8).toBeCloseTo(1, 5);
    expect(normalUpperTail(-1.96)).toBeCloseTo(1 - 0.024997895148220435, 7);
  });

  it("the quantile inverts the tail", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 6);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("an SD from 200 samples is at most 1.0904 times itself at 95 %", () => {
    // scipy: 20 * sqrt(199 / chi2.ppf(0.05, 199)) = 21.8087
    expect(sdUpperBound(20, 200)).toBeCloseTo(21.8087, 2);
    expect(sdUpperBound(1, 2)).toBe(Number.POSITIVE_INFINITY);
  });

  it("binomial upper tail", () => {
    // scipy: binom.sf(3, 7, 0.01) = P(X >= 4)
    expect(binomialUpperTail(7, 0.01, 4) / 3.4167e-7).toBeCloseTo(1, 3);
    expect(binomialUpperTail(7, 0.5, 0)).toBeCloseTo(1, 12);
    expect(binomialUpperTail(7, 0.5, 8)).toBe(0);
  });
});
