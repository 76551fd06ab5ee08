import { describe, expect, it } from "vitest";
import { filteredCosine, gaussianInnerProduct, RCORR_DEFAULTS, rcorr } from "./rcorr.js";

const window = { startMs: 0, endMs: 1000 };

describe("gaussianInnerProduct", () => {
  it("sums exp(-d^2 / (4 sigma^2)) over spike pairs", () => {
    expect(gaussianInnerProduct([100], [102], 2)).toBeCloseTo(Math.exp(-4 / 16), 15);
    expect(gaussianInnerProduct([100, 200], [100, 201], 2)).toBeCloseTo(
      1 + Math.exp(-1 / 16),
      12, // the cross terms 100 ms apart are exp(-625) = 0
    );
    // 10 sigma apart is still inside the cutoff (12 sigma): exact down to exp(-25).
    expect(gaussianInnerProduct([0], [20], 2)).toBe(Math.exp(-25));
    expect(gaussianInnerProduct([0], [30], 2)).toBe(0);
  });
});

describe("filteredCosine", () => {
  it("is exp(-d^2 / (4 sigma^2)) for two single spikes d apart", () => {
    expect(filteredCosine([100], [102], 2)).toBeCloseTo(Math.exp(-0.25), 15);
  });

  it("is <a, b> / (|a| |b|): one shared spike out of two gives 1 / sqrt(2)", () => {
    expect(filteredCosine([100, 200], [100], 2)).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it("sorts its input and is 0 against an empty train", () => {
    expect(filteredCosine([200, 100], [100, 200], 2)).toBe(1);
    expect(filteredCosine([], [100], 2)).toBe(0);
  });
});

describe("rcorr", () => {
  it("defaults to sigma 2 ms over the stimulus window", () => {
    expect(RCORR_DEFAULTS).toEqual({ startMs: 50, endMs: 950, sigmaMs: 2 });
  });

  it("is the mean pairwise cosine: [100], [100], [102] give (1 + 2 exp(-1/4)) / 3", () => {
    expect(rcorr([[100], [100], [102]], { ...window, sigmaMs: 2 })).toBeCloseTo(
      (1 + 2 * Math.exp(-0.25)) / 3,
      15,
    );
  });

  it("is 1 for identical trains", () => {
    const train = [60, 130.5, 131.7, 400];
    expect(rcorr([train, train, [...train]])).toBe(1);
  });

  it("ignores spikes outside the window", () => {
    expect(
      rcorr([
        [40, 100],
        [100, 960],
      ]),
    ).toBe(1);
  });

  it("is 0 for pairs with an empty train, NaN with fewer than two trials", () => {
    expect(rcorr([[], [100]])).toBe(0);
    expect(rcorr([[], []])).toBe(0);
    expect(rcorr([[100], [100], []])).toBeCloseTo(1 / 3, 15);
    expect(rcorr([[100]])).toBeNaN();
    expect(rcorr([])).toBeNaN();
  });
});
