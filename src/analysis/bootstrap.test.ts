import { describe, expect, it } from "vitest";
import { BOOTSTRAP_DEFAULTS, bootstrapDifference, bootstrapTrials } from "./bootstrap.js";
import { quantile } from "./quantile.js";

const mean = (values: number[]) =>
  values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;

describe("quantile", () => {
  it("interpolates linearly between order statistics (numpy's default)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([7], 0.3)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("bootstrapTrials", () => {
  it("resamples trials with replacement: a source stuck at 0 picks the first trial every time", () => {
    const r = bootstrapTrials([3, 5, 10], mean, { resamples: 10, random: () => 0 });
    expect(r).toEqual({ estimate: 6, lo: 3, hi: 3, finiteResamples: 10 });
  });

  it("passes the original indices, so a statistic can tell copies of one trial apart", () => {
    const seen: number[][] = [];
    const draws = [0.0, 0.5, 0.99];
    let i = 0;
    bootstrapTrials(
      ["a", "b", "c"],
      (resampled, indices) => {
        seen.push(indices);
        expect(resampled).toEqual(indices.map((k) => ["a", "b", "c"][k]));
        return 0;
      },
      { resamples: 1, random: () => draws[i++ % 3] },
    );
    expect(seen).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
  });

  it("brackets the mean of 0..99 at about +-1.96 SE, and is deterministic given the seed", () => {
    const values = Array.from({ length: 100 }, (_, k) => k);
    const r = bootstrapTrials(values, mean);
    expect(BOOTSTRAP_DEFAULTS).toEqual({ resamples: 1000, level: 0.95, seed: 1995 });
    expect(r.estimate).toBe(49.5);
    // SE = population SD / sqrt(n) = 28.87 / 10; 1.96 SE = 5.66.
    expect(r.lo).toBeGreaterThan(49.5 - 5.66 * 1.15);
    expect(r.lo).toBeLessThan(49.5 - 5.66 * 0.85);
    expect(r.hi).toBeGreaterThan(49.5 + 5.66 * 0.85);
    expect(r.hi).toBeLessThan(49.5 + 5.66 * 1.15);
    expect(bootstrapTrials(values, mean)).toEqual(r);
    expect(bootstrapTrials(values, mean, { seed: 2 })).not.toEqual(r);
  });

  it("leaves non-finite statistics out of the interval and never throws on no trials", () => {
    const r = bootstrapTrials([], mean, { resamples: 5 });
    expect(r.estimate).toBeNaN();
    expect(r.lo).toBeNaN();
    expect(r.hi).toBeNaN();
    expect(r.finiteResamples).toBe(0);
  });
});

describe("bootstrapDifference", () => {
  it("resamples each group on its own and returns statistic(b) - statistic(a)", () => {
    const r = bootstrapDifference([1, 2], [10, 20], mean, { resamples: 4, random: () => 0 });
    expect(r).toEqual({ estimate: 13.5, lo: 9, hi: 9, finiteResamples: 4 });
  });
});
