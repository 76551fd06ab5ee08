import { describe, expect, it } from "vitest";
import {
  COINCIDENCE_DEFAULTS,
  coincidenceCount,
  coincidenceFactor,
  meanCoincidenceFactor,
} from "./coincidence.js";

const window = { startMs: 0, endMs: 1000 };

describe("coincidenceCount", () => {
  it("counts data spikes with a model spike within +-delta, each spike used once", () => {
    expect(coincidenceCount([100, 200, 300, 400], [101, 250, 299, 500], 2)).toBe(2);
    expect(coincidenceCount([100], [99, 101], 2)).toBe(1);
    expect(coincidenceCount([100, 101], [100.5], 2)).toBe(1);
    expect(coincidenceCount([100], [102], 2)).toBe(1); // the window is closed
    expect(coincidenceCount([100], [102.001], 2)).toBe(0);
  });

  it("finds the largest matching, not the nearest neighbours", () => {
    // Nearest-neighbour pairing would give 12 the model spike at 11 and leave 10 unmatched.
    expect(coincidenceCount([10, 12], [11, 13.5], 2)).toBe(2);
    expect(coincidenceCount([11, 13.5], [10, 12], 2)).toBe(2);
  });
});

describe("coincidenceFactor", () => {
  it("defaults to delta 2 ms over the stimulus window", () => {
    expect(COINCIDENCE_DEFAULTS).toEqual({ startMs: 50, endMs: 950, deltaMs: 2 });
  });

  it("matches a hand-worked case", () => {
    // Ncoinc = 2; nu = 4 spikes / 1000 ms; 2 nu delta = 0.016; <Ncoinc> = 0.016 * 4 = 0.064;
    // Gamma = (2 - 0.064) / (0.5 * (4 + 4)) / (1 - 0.016) = 0.491870...
    const gamma = coincidenceFactor([100, 200, 300, 400], [101, 250, 299, 500], {
      ...window,
      deltaMs: 2,
    });
    expect(gamma).toBeCloseTo(1.936 / 4 / 0.984, 14);
  });

  it("is 1 for identical trains and for two empty ones, 0 when one is empty", () => {
    const train = [60, 130.5, 131.7, 400];
    expect(coincidenceFactor(train, [...train])).toBe(1);
    expect(coincidenceFactor([], [])).toBe(1);
    expect(coincidenceFactor([100], [])).toBe(0);
    expect(coincidenceFactor([], [100])).toBe(0);
  });

  it("is NaN when the model fires so fast that 2 nu delta >= 1", () => {
    const fast = Array.from({ length: 250 }, (_, i) => i * 4); // 250 Hz over 1000 ms
    expect(coincidenceFactor(fast, fast, { ...window, deltaMs: 2 })).toBeNaN();
  });
});

describe("meanCoincidenceFactor", () => {
  it("averages Gamma over every (data trial, model trial) pair", () => {
    const data = [[100, 200, 300, 400], [100]];
    const model = [[101, 250, 299, 500]];
    const expected =
      (coincidenceFactor(data[0], model[0], window) +
        coincidenceFactor(data[1], model[0], window)) /
      2;
    expect(meanCoincidenceFactor(data, model, window)).toBeCloseTo(expected, 15);
    expect(meanCoincidenceFactor([[100], [100]], [[100]])).toBe(1);
  });

  it("is NaN with no trial on either side", () => {
    expect(meanCoincidenceFactor([], [[100]])).toBeNaN();
    expect(meanCoincidenceFactor([[100]], [])).toBeNaN();
  });
});
