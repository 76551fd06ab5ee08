import { describe, expect, it } from "vitest";
import { meanRateHz } from "./rate.js";

describe("meanRateHz", () => {
  it("is spikes in [startMs, endMs) / trials / window length in s", () => {
    // 60, 70 and 100 are in [50, 950); 960, 950 and 49.9 are not: 3 spikes / 2 trials / 0.9 s.
    expect(
      meanRateHz([
        [60, 70, 950, 960],
        [49.9, 100],
      ]),
    ).toBeCloseTo(3 / 2 / 0.9, 12);
    expect(meanRateHz([[1, 2], []], { startMs: 0, endMs: 10 })).toBeCloseTo(100, 12);
  });

  it("is 0 for silent trials, NaN with no trial or an empty window", () => {
    expect(meanRateHz([[], []])).toBe(0);
    expect(meanRateHz([])).toBeNaN();
    expect(meanRateHz([[5]], { startMs: 10, endMs: 10 })).toBeNaN();
  });
});
