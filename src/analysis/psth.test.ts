import { describe, expect, it } from "vitest";
import { binCount, convolve, gaussianKernel, psth, smoothedPsth } from "./psth.js";

describe("psth", () => {
  it("counts spikes of all trials per bin over [startMs, endMs), and the rate per trial in Hz", () => {
    const h = psth(
      [
        [0.2, 1.2, 1.3, 3],
        [2.9, -0.1],
      ],
      { startMs: 0, endMs: 3, binMs: 1 },
    );
    // 3 (= endMs) and -0.1 lie outside the window.
    expect(h.counts).toEqual([1, 2, 1]);
    // 2 spikes / 2 trials / 1 ms = 1 spike per ms per trial = 1000 Hz.
    expect(h.rateHz).toEqual([500, 1000, 500]);
    expect(h.trials).toBe(2);
  });

  it("clips a partial last bin to the window and rates it by its true width", () => {
    const h = psth([[2.2]], { startMs: 0, endMs: 2.5, binMs: 1 });
    expect(h.counts).toEqual([0, 0, 1]);
    expect(h.rateHz[2]).toBeCloseTo(2000, 9); // 1 spike in 0.5 ms
  });

  it("does not add a sliver bin when the window is a whole number of bins in decimal", () => {
    expect(binCount(50, 950, 0.1)).toBe(9000);
    expect(binCount(50, 950, 0.5)).toBe(1800);
    expect(binCount(5, 5, 1)).toBe(0);
  });

  it("gives zeros, never throws, with no trials or no spikes", () => {
    expect(psth([], { startMs: 0, endMs: 2, binMs: 1 }).rateHz).toEqual([0, 0]);
    expect(psth([[], []], { startMs: 0, endMs: 2, binMs: 1 }).counts).toEqual([0, 0]);
    expect(smoothedPsth([]).counts.every((c) => c === 0)).toBe(true);
  });
});

describe("gaussianKernel", () => {
  it("spans 4 SDs each side, sums to 1, and its centre is binMs / (sqrt(2 pi) SD)", () => {
    const k = gaussianKernel(1, 0.5);
    expect(k).toHaveLength(17);
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Over all k the sum of exp(-k^2 / 8) is 2 sqrt(2 pi) to 1e-13; truncating at |k| = 8 drops
    // 1.8e-5 of it, which the normalisation hands back to every weight.
    expect(k[8]).toBeCloseTo(0.5 / Math.sqrt(2 * Math.PI), 5);
    expect(k[8]).toBeGreaterThan(0.5 / Math.sqrt(2 * Math.PI));
    expect(k[8 + 2] / k[8]).toBeCloseTo(Math.exp(-0.5), 12); // 1 ms = 1 SD away
    expect(k[3]).toBe(k[13]);
  });

  it("is the identity for a zero SD", () => {
    expect(gaussianKernel(0, 0.5)).toEqual([1]);
  });
});

describe("convolve", () => {
  it("spreads an impulse into the kernel and drops what falls off the edges", () => {
    expect(convolve([0, 2, 0, 0], [0.25, 0.5, 0.25])).toEqual([0.5, 1, 0.5, 0]);
    expect(convolve([4, 0], [0.25, 0.5, 0.25])).toEqual([2, 1]);
  });
});

describe("smoothedPsth", () => {
  it("keeps a lone spike's mass (far from the edges) and peaks on its bin", () => {
    const h = smoothedPsth([[100.2], []], { startMs: 50, endMs: 150, binMs: 0.5, kernelSdMs: 1 });
    expect(h.counts.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const peak = h.counts.indexOf(Math.max(...h.counts));
    expect(peak).toBe(100); // [100, 100.5)
    // The rate sums, times the bin width in s, to 1 spike / 2 trials.
    expect((h.rateHz.reduce((a, b) => a + b, 0) * 0.5) / 1000).toBeCloseTo(0.5, 12);
  });
});
