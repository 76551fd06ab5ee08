import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/analysis/normal.js";
import { exponentialTailChance, tailChanceWithBound } from "../bench/tail-fit.js";

/** n draws laid out at the quantiles (i + 0.5) / n of a law given by its quantile function. */
function grid(n: number, quantile: (p: number) => number): number[] {
  return Array.from({ length: n }, (_, i) => quantile((i + 0.5) / n));
}

describe("the exponential tail fitted to draws", () => {
  it("reads an exponential law's chance far beyond its draws", () => {
    const draws = grid(2000, (p) => -Math.log(1 - p));
    const chance = exponentialTailChance(draws, 12, "high");
    expect(chance / Math.exp(-12)).toBeGreaterThan(0.5);
    expect(chance / Math.exp(-12)).toBeLessThan(2);
  });

  it("reads a Laplace law's on both sides, which a normal law fitted to its SD puts far lower", () => {
    // Laplace(0, 1): P(X > t) = exp(-t) / 2 for t > 0; its SD is sqrt(2).
    const draws = grid(2000, (p) => (p < 0.5 ? Math.log(2 * p) : -Math.log(2 - 2 * p)));
    const edge = 5.3 * Math.SQRT2;
    for (const [side, at] of [
      ["high", edge],
      ["low", -edge],
    ] as const) {
      const ratio = exponentialTailChance(draws, at, side) / (Math.exp(-edge) / 2);
      expect(ratio, side).toBeGreaterThan(0.5);
      expect(ratio, side).toBeLessThan(2);
    }
  });

  it("overstates a normal law's, and counts the draws beyond an edge within them", () => {
    const draws = grid(2000, normalQuantile);
    const chance = exponentialTailChance(draws, 5.3, "high");
    expect(chance).toBeGreaterThan(1e-6);
    expect(chance).toBeLessThan(1e-4);
    expect(exponentialTailChance(draws, 1, "high")).toBeCloseTo(0.1585, 3);
  });

  it("bounds the chance above by resampling, the same bound every time", () => {
    const draws = grid(2000, (p) => -Math.log(1 - p));
    const first = tailChanceWithBound(draws, 12, "high");
    expect(first.upper95).toBeGreaterThan(first.chance);
    expect(tailChanceWithBound(draws, 12, "high")).toEqual(first);
    expect(() => exponentialTailChance([1, 2, 3], 5, "high")).toThrow(/too few/);
  });
});
