import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomState } from "../model/rng.js";
import { autocorrelation } from "./autocorrelation.js";
import { bootstrapTrials } from "./bootstrap.js";
import { coincidenceCount, coincidenceFactor, meanCoincidenceFactor } from "./coincidence.js";
import { correlationTimeMs } from "./correlation-time.js";
import { eventReliability } from "./events.js";
import { ouStatistics } from "./ou-statistics.js";
import { psth, smoothedPsth } from "./psth.js";
import { meanRateHz } from "./rate.js";
import { rcorr } from "./rcorr.js";

/** One trial: ascending spike times in [0, 1000] ms, at most 40 of them, possibly none. */
const train = fc
  .array(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 40 })
  .map((times) => times.sort((a, b) => a - b));
/** Repeated trials, possibly none. */
const trials = fc.array(train, { maxLength: 8 });
/** A train with at least one spike inside the stimulus window [50, 950). */
const busyTrain = fc
  .array(fc.double({ min: 50, max: 949.99, noNaN: true }), { minLength: 1, maxLength: 40 })
  .map((times) => times.sort((a, b) => a - b));

describe("every measure is total: no throw on any trials, empty ones included", () => {
  it("holds for random trials", () => {
    fc.assert(
      fc.property(trials, (t) => {
        psth(t);
        smoothedPsth(t);
        eventReliability(t);
        rcorr(t);
        meanRateHz(t);
        meanCoincidenceFactor(t, t);
        for (const a of t) for (const b of t) coincidenceFactor(a, b);
        bootstrapTrials(t, (r) => rcorr(r), { resamples: 3 });
      }),
    );
  });

  it("holds for the empty cases", () => {
    for (const t of [[], [[]], [[], [], []]]) {
      expect(eventReliability(t).reliability).toBe(0);
      expect(psth(t).counts.every((c) => c === 0)).toBe(true);
      expect(meanCoincidenceFactor(t, t)).toSatisfy((g: number) => g === 1 || Number.isNaN(g));
      expect(() => rcorr(t)).not.toThrow();
      expect(() => meanRateHz(t)).not.toThrow();
    }
    expect(ouStatistics([], 1).samples).toBe(0);
    expect(correlationTimeMs(autocorrelation([], 3), 1)).toBeNaN();
  });
});

describe("ranges", () => {
  it("reliability is in [0, 1] and precision is NaN exactly when there is no event", () => {
    fc.assert(
      fc.property(trials, (t) => {
        const r = eventReliability(t);
        expect(r.reliability).toBeGreaterThanOrEqual(0);
        expect(r.reliability).toBeLessThanOrEqual(1);
        expect(Number.isNaN(r.precisionMs)).toBe(r.events.length === 0);
      }),
    );
  });

  it("reliability is in [0, 1] for volleys shared by many trials", () => {
    // Random trains rarely make events; copies of one train jittered by < 0.5 ms always do
    // (kept 1 ms inside the window so that jitter cannot push a volley out of it).
    const inner = fc
      .array(fc.double({ min: 51, max: 948, noNaN: true }), { minLength: 1, maxLength: 40 })
      .map((times) => times.sort((a, b) => a - b));
    fc.assert(
      fc.property(inner, fc.integer({ min: 2, max: 12 }), fc.integer(), (base, n, seed) => {
        const rng = new RandomState(seed >>> 0);
        const t = Array.from({ length: n }, () =>
          base.map((s) => s + (rng.randomDouble() - 0.5) * 0.5).sort((a, b) => a - b),
        );
        const r = eventReliability(t);
        expect(r.reliability).toBeGreaterThanOrEqual(0);
        expect(r.reliability).toBeLessThanOrEqual(1);
        expect(r.events.length).toBeGreaterThan(0);
      }),
    );
  });

  it("rcorr is in [0, 1] for any non-negative trains (NaN only with fewer than two trials)", () => {
    fc.assert(
      fc.property(trials, fc.double({ min: 0.1, max: 20, noNaN: true }), (t, sigmaMs) => {
        const r = rcorr(t, { sigmaMs });
        if (t.length < 2) expect(r).toBeNaN();
        else {
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("the coincidence count is symmetric and at most the smaller train", () => {
    fc.assert(
      fc.property(train, train, fc.double({ min: 0, max: 10, noNaN: true }), (a, b, delta) => {
        const n = coincidenceCount(a, b, delta);
        expect(n).toBe(coincidenceCount(b, a, delta));
        expect(n).toBeLessThanOrEqual(Math.min(a.length, b.length));
      }),
    );
  });

  it("the PSTH counts every spike in the window once", () => {
    fc.assert(
      fc.property(trials, (t) => {
        const inWindow = t.flat().filter((s) => s >= 50 && s < 950).length;
        expect(psth(t).counts.reduce((a, b) => a + b, 0)).toBe(inWindow);
      }),
    );
  });
});

describe("identical trains", () => {
  it("give rcorr = 1 and Gamma = 1", () => {
    fc.assert(
      fc.property(busyTrain, fc.integer({ min: 2, max: 6 }), (t, n) => {
        const copies = Array.from({ length: n }, () => [...t]);
        expect(rcorr(copies)).toBe(1);
        // Gamma's normalisation needs 2 nu delta < 1: at most 40 spikes in 900 ms is fine.
        expect(coincidenceFactor(t, [...t])).toBe(1);
        expect(meanCoincidenceFactor(copies, copies)).toBe(1);
      }),
    );
  });
});

describe("independent Poisson trains", () => {
  it("give Gamma within 5 SDs of 0", () => {
    // Ncoinc of a data train against an independent Poisson model train is ~Binomial(Ndata, p)
    // with p = 2 nu delta (to first order), so Gamma has mean ~0 and
    // SD = sqrt(Ndata p (1 - p)) / (0.5 (Ndata + Nmodel) (1 - p)): 0.0066 at 20 Hz over 100 s
    // (p = 0.08). Five SDs (0.033) make a false failure a one-in-a-million event per case, yet a
    // Gamma without the chance correction (Ncoinc / (0.5 (Ndata + Nmodel)) = 0.077) fails it.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rng = new RandomState(seed);
        const window = { startMs: 0, endMs: 100_000 };
        const data = poisson(rng, 0.02, window.endMs);
        const model = poisson(rng, 0.02, window.endMs);
        const p = 2 * (model.length / window.endMs) * 2;
        const sd =
          Math.sqrt(data.length * p * (1 - p)) / (0.5 * (data.length + model.length) * (1 - p));
        expect(Math.abs(coincidenceFactor(data, model, { ...window, deltaMs: 2 }))).toBeLessThan(
          5 * sd,
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe("trial order does not matter", () => {
  it("for reliability, rcorr, rate, the PSTH and mean Gamma", () => {
    fc.assert(
      fc.property(trials, fc.integer(), (t, seed) => {
        const shuffled = shuffle(t, new RandomState(seed >>> 0));
        const a = eventReliability(t);
        const b = eventReliability(shuffled);
        expect(b.reliability).toBe(a.reliability);
        expect(b.events.map((e) => [e.startMs, e.endMs, e.count])).toEqual(
          a.events.map((e) => [e.startMs, e.endMs, e.count]),
        );
        expectSame(b.precisionMs, a.precisionMs);
        expectSame(rcorr(shuffled), rcorr(t));
        expectSame(meanRateHz(shuffled), meanRateHz(t));
        expect(psth(shuffled).counts).toEqual(psth(t).counts);
        expectSame(meanCoincidenceFactor(shuffled, t), meanCoincidenceFactor(t, t));
      }),
    );
  });
});

function poisson(rng: RandomState, ratePerMs: number, endMs: number): number[] {
  const out: number[] = [];
  for (let t = -Math.log(1 - rng.randomDouble()) / ratePerMs; t < endMs; ) {
    out.push(t);
    t += -Math.log(1 - rng.randomDouble()) / ratePerMs;
  }
  return out;
}

function shuffle<T>(items: readonly T[], rng: RandomState): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.randomDouble() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Equal up to summation order (1e-12), or both NaN. */
function expectSame(actual: number, expected: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(actual).toBeCloseTo(expected, 12);
}
