import { describe, expect, it } from "vitest";
import { RandomState } from "../model/rng.js";
import { alignedTrialHeights, EVENT_RELIABILITY_DEFAULTS, eventReliability } from "./events.js";

const window = { startMs: 0, endMs: 300 };

describe("alignedTrialHeights", () => {
  it("is 1 where every trial fires in the same bin, and 1/trials for a lone spike", () => {
    const h = alignedTrialHeights([[100.25], [100.25], [100.25], [200.1]], window);
    expect(h[200]).toBeCloseTo(0.75, 12); // 3 of 4 trials in bin [100, 100.5)
    expect(h[400]).toBeCloseTo(0.25, 12);
    // One bin (0.5 ms = 0.5 SD) away the kernel has fallen by exp(-1/8).
    expect(h[201] / h[200]).toBeCloseTo(Math.exp(-1 / 8), 12);
  });

  it("is all zeros with no trial", () => {
    expect(alignedTrialHeights([], window).every((v) => v === 0)).toBe(true);
  });
});

describe("eventReliability", () => {
  it("finds one event per aligned volley: reliability 1, precision 0", () => {
    const trials = Array.from({ length: 10 }, () => [100.25, 200.25]);
    const r = eventReliability(trials, window);
    expect(r.reliability).toBe(1);
    expect(r.precisionMs).toBe(0);
    expect(r.spikeCount).toBe(20);
    expect(r.events.map((e) => [e.peakMs, e.count, e.sdMs])).toEqual([
      [100.25, 10, 0],
      [200.25, 10, 0],
    ]);
    expect(r.events[0].peakFraction).toBeCloseTo(1, 12);
  });

  it("leaves a spike no other trial shares out of every event", () => {
    // 4 trials; a jittered volley around 100.4 ms, and trial 3 fires once more, alone, at 250 ms.
    const r = eventReliability([[100.1], [100.6], [99.8, 250], [101.1]], window);
    expect(r.reliability).toBeCloseTo(4 / 5, 12);
    expect(r.events).toHaveLength(1);
    // Sample SD of 99.8, 100.1, 100.6, 101.1 (mean 100.4): sqrt((0.36 + 0.09 + 0.04 + 0.49) / 3).
    expect(r.events[0].sdMs).toBeCloseTo(Math.sqrt(0.98 / 3), 12);
    expect(r.precisionMs).toBeCloseTo(Math.sqrt(0.98 / 3), 12);
  });

  it("makes a peak an event when at least minPeakFraction of the trials align", () => {
    const volley = (aligned: number) =>
      Array.from({ length: 10 }, (_, k) => (k < aligned ? [150.25] : []));
    // 3 of 10 trials: height 0.3, on the default threshold; 2 of 10: 0.2, below it.
    expect(EVENT_RELIABILITY_DEFAULTS.minPeakFraction).toBe(0.3);
    expect(eventReliability(volley(3), window).events).toHaveLength(1);
    expect(eventReliability(volley(2), window).events).toHaveLength(0);
    expect(eventReliability(volley(2), { ...window, minPeakFraction: 0.2 }).events).toHaveLength(1);
  });

  it("splits two adjacent volleys at the minimum between them, and stops at a tenth of the peak", () => {
    // Volleys at 100.25 (bin 200) and 104.25 (bin 208): the smoothed PSTH dips to
    // 2 exp(-2) = 0.27 at bin 204, which goes to the first event; each event extends outwards
    // while the PSTH is above 0.1 of its peak: exp(-x^2 / 2) >= 0.1 for x <= 2.15 ms = 4 bins.
    const trials = Array.from({ length: 10 }, () => [100.25, 104.25]);
    const r = eventReliability(trials, window);
    expect(r.events.map((e) => [e.startMs, e.endMs, e.count])).toEqual([
      [98, 102.5, 10],
      [102.5, 106.5, 10],
    ]);
  });

  it("bounds an event within maxHalfWidthMs of its peak", () => {
    // 2 trials at 100.25 (the peak) and one each 1 ms either side.
    const trials = [[100.25], [100.25], [99.25], [101.25]];
    const wide = eventReliability(trials, window);
    expect(wide.reliability).toBe(1);
    expect(wide.events[0].sdMs).toBeCloseTo(Math.sqrt(2 / 3), 12);
    const narrow = eventReliability(trials, { ...window, maxHalfWidthMs: 0.5 });
    expect(narrow.events.map((e) => [e.startMs, e.endMs, e.count])).toEqual([[99.5, 101, 2]]);
    expect(narrow.reliability).toBe(0.5);
  });

  it("counts only spikes in the analysis window", () => {
    const trials = Array.from({ length: 5 }, () => [20.25, 100.25, 400]);
    const r = eventReliability(trials, { startMs: 50, endMs: 300 });
    expect(r.spikeCount).toBe(5);
    expect(r.events).toHaveLength(1);
  });

  it("finds no event in 25 trials of independent 13 Hz Poisson spikes", () => {
    // The smoothed PSTH of such trials is ~0.03 aligned trials; a chance peak of 0.3 needs 8 or
    // so of the ~0.65 spikes expected within 2 ms, which does not happen in 900 ms.
    for (let seed = 0; seed < 20; seed++) {
      const rng = new RandomState(seed);
      const trials = Array.from({ length: 25 }, () => poisson(rng, 0.013, 50, 950));
      expect(eventReliability(trials).reliability).toBe(0);
    }
  });

  it("never throws on empty input: reliability 0, precision NaN", () => {
    for (const trials of [[], [[]], [[], []], [[1000]]]) {
      const r = eventReliability(trials);
      expect(r).toEqual({ reliability: 0, precisionMs: Number.NaN, spikeCount: 0, events: [] });
    }
  });
});

function poisson(rng: RandomState, ratePerMs: number, startMs: number, endMs: number): number[] {
  const out: number[] = [];
  for (let t = startMs; ; ) {
    t += -Math.log(1 - rng.randomDouble()) / ratePerMs;
    if (t >= endMs) return out;
    out.push(t);
  }
}
