import { describe, expect, it } from "vitest";
import { numpyMissing, runPython } from "../../tests/numpy/python.js";
import { canonicalOu, canonicalStep } from "../protocol/canonical.js";
import type { OuStimulusRequest, StimulusRequest } from "../protocol/types.js";
import { RandomState } from "./rng.js";
import { makeStimulus, ouCurrent, seedNormals, stepCurrent, stimulusWindow } from "./stimulus.js";

/** Indices of the samples that are not 0 pA. */
function onIndices(trace: Float64Array): { first: number; last: number; count: number } {
  const on = [...trace.keys()].filter((i) => trace[i] !== 0);
  return { first: on[0], last: on[on.length - 1], count: on.length };
}

describe("stepCurrent", () => {
  // Sample i covers [i dt, (i+1) dt): the step is on for 50 <= i dt < 950.
  it.each([
    { dtMs: 0.1, n: 10000, first: 500, last: 9499 },
    { dtMs: 0.25, n: 4000, first: 200, last: 3799 },
    { dtMs: 0.5, n: 2000, first: 100, last: 1899 },
    { dtMs: 1, n: 1000, first: 50, last: 949 },
  ])("at dt $dtMs ms is 150 pA from sample $first to $last of $n", ({ dtMs, n, first, last }) => {
    const trace = stepCurrent(canonicalStep(dtMs));
    expect(trace.length).toBe(n);
    expect(onIndices(trace)).toEqual({ first, last, count: last - first + 1 });
    expect(trace[first]).toBe(150);
    expect(trace[last]).toBe(150);
    expect(trace[first - 1]).toBe(0);
    expect(trace[last + 1]).toBe(0);
  });

  it.each([
    { dtMs: 0.5, durationMs: 1000.3, n: 2001 }, // 2000.6 rounds up
    { dtMs: 0.25, durationMs: 999.9, n: 4000 }, // 3999.6 rounds up
    { dtMs: 1, durationMs: 999.4, n: 999 }, // rounds down
    { dtMs: 0.3, durationMs: 1000, n: 3333 }, // 3333.33
  ])("has round(durationMs / dtMs) samples: $durationMs ms at dt $dtMs gives $n", (c) => {
    const trace = stepCurrent({ ...canonicalStep(c.dtMs), durationMs: c.durationMs });
    expect(trace.length).toBe(c.n);
  });

  it("starts at the sample nearest the onset when the onset is not on the grid", () => {
    // dt 0.3: 50 / 0.3 = 166.7 -> 167 (starts at 50.1 ms); 950 / 0.3 = 3166.7 -> 3167.
    expect(onIndices(stepCurrent(canonicalStep(0.3)))).toEqual({
      first: 167,
      last: 3166,
      count: 3000,
    });
  });

  it("clamps a window that reaches past either end of the trace", () => {
    const base = { kind: "step", dtMs: 1, durationMs: 10, meanPa: -20 } as const;
    expect([...stepCurrent({ ...base, onsetMs: 0, offsetMs: 50 })]).toEqual(Array(10).fill(-20));
    expect([...stepCurrent({ ...base, onsetMs: 20, offsetMs: 50 })]).toEqual(Array(10).fill(0));
    expect([...stepCurrent({ ...base, onsetMs: 3, offsetMs: 3 })]).toEqual(Array(10).fill(0));
    expect([...stepCurrent({ ...base, onsetMs: 8, offsetMs: 10 })]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, -20, -20,
    ]);
  });
});

describe("stimulusWindow", () => {
  it("rounds onset and offset to the sample grid, robustly to binary fractions", () => {
    expect(stimulusWindow({ dtMs: 0.1, onsetMs: 50, offsetMs: 950 }, 10000)).toEqual({
      start: 500,
      end: 9500,
    });
    // 0.7 / 0.1 = 6.999999999999999 and 0.3 / 0.1 = 2.9999999999999996.
    expect(stimulusWindow({ dtMs: 0.1, onsetMs: 0.3, offsetMs: 0.7 }, 10)).toEqual({
      start: 3,
      end: 7,
    });
  });
});

describe("ouCurrent", () => {
  it("is x[0] = mean + sd z[0], x[i] = mean + a (x[i-1] - mean) + sd sqrt(1 - a^2) z[i]", () => {
    const request: OuStimulusRequest = {
      kind: "ou",
      dtMs: 0.5,
      durationMs: 2,
      onsetMs: 0,
      offsetMs: 2,
      meanPa: 150,
      sdPa: 100,
      tauMs: 3,
      seed: 2021,
    };
    const rs = new RandomState(2021);
    const z = [0, 1, 2, 3].map(() => rs.standardNormal());
    const a = Math.exp(-0.5 / 3);
    const x = [150 + 100 * z[0]];
    for (let i = 1; i < 4; i++)
      x.push(150 + a * (x[i - 1] - 150) + 100 * Math.sqrt(1 - a * a) * z[i]);
    const trace = ouCurrent(request);
    expect(trace.length).toBe(4);
    for (let i = 0; i < 4; i++) expect(trace[i]).toBeCloseTo(x[i], 10);
  });

  it("draws its normals over all samples, so the window only zeroes them", () => {
    const whole = ouCurrent({ ...canonicalOu(), onsetMs: 0, offsetMs: 1000 });
    const windowed = ouCurrent(canonicalOu());
    expect(onIndices(windowed)).toEqual({ first: 100, last: 1899, count: 1800 });
    expect(windowed.subarray(100, 1900)).toEqual(whole.subarray(100, 1900));
  });

  it("is frozen: the same seed gives the same trace, another seed another", () => {
    expect(ouCurrent(canonicalOu())).toEqual(ouCurrent(canonicalOu()));
    const other = ouCurrent(canonicalOu(0.5, 2022));
    const same = ouCurrent(canonicalOu(0.5, 2021));
    const differing = same.filter((v, i) => v !== other[i]).length;
    expect(differing).toBe(1800);
  });

  it("is the same current from normals drawn once for its seed, which it leaves as they are", () => {
    const request = { ...canonicalOu(), sdPa: 37, tauMs: 11 };
    const normals = seedNormals(request.seed, 2000);
    const copy = normals.slice();
    expect(ouCurrent(request, normals)).toEqual(ouCurrent(request));
    expect(normals).toEqual(copy);
    expect(() => ouCurrent(request, normals.subarray(1))).toThrow(/1999 normals drawn/);
  });

  it("is the constant mean inside the window when sdPa is 0", () => {
    const trace = ouCurrent({ ...canonicalOu(), sdPa: 0 });
    expect(onIndices(trace).count).toBe(1800);
    expect(trace.subarray(100, 1900).every((v) => v === 150)).toBe(true);
  });
});

/** An estimate's distance from its target, in standard errors. */
interface Deviation {
  name: string;
  observed: number;
  expected: number;
  standardError: number;
}

/**
 * Mean, SD and autocorrelation at lag 1 and at lag round(tau / dt) of a long stationary AR(1)
 * trace with coefficient a = exp(-dt / tau), beside their large-sample standard errors:
 * mean: sd sqrt((1 + a) / ((1 - a) n)); SD: sd sqrt((1 + a^2) / (2 n (1 - a^2)));
 * autocorrelation at lag k (Bartlett): sqrt(((1 + a^2)(1 - a^2k) / (1 - a^2) - 2k a^2k) / n).
 */
function ouDeviations(trace: Float64Array, meanPa: number, sdPa: number, a: number, lag: number) {
  const n = trace.length;
  const mean = trace.reduce((s, v) => s + v, 0) / n;
  const centred = trace.map((v) => v - mean);
  const variance = centred.reduce((s, v) => s + v * v, 0) / n;
  const autocorrelation = (k: number) => {
    let sum = 0;
    for (let i = k; i < n; i++) sum += centred[i] * centred[i - k];
    return sum / n / variance;
  };
  const bartlett = (k: number) =>
    Math.sqrt(((1 + a ** 2) * (1 - a ** (2 * k))) / (1 - a ** 2) - 2 * k * a ** (2 * k)) /
    Math.sqrt(n);
  const deviations: Deviation[] = [
    {
      name: "mean",
      observed: mean,
      expected: meanPa,
      standardError: sdPa * Math.sqrt((1 + a) / ((1 - a) * n)),
    },
    {
      name: "SD",
      observed: Math.sqrt(variance),
      expected: sdPa,
      standardError: sdPa * Math.sqrt((1 + a * a) / (2 * n * (1 - a * a))),
    },
    { name: "lag-1 r", observed: autocorrelation(1), expected: a, standardError: bartlett(1) },
    {
      name: `lag-${lag} r`,
      observed: autocorrelation(lag),
      expected: a ** lag,
      standardError: bartlett(lag),
    },
  ];
  return deviations;
}

/** The estimates further than 4 standard errors from their targets (none, for a right trace). */
function outliers(deviations: Deviation[]): string[] {
  return deviations
    .filter((d) => Math.abs(d.observed - d.expected) > 4 * d.standardError)
    .map((d) => `${d.name} ${d.observed} vs ${d.expected} (SE ${d.standardError})`);
}

describe("ouCurrent's statistics", () => {
  const SAMPLES = 400_000;

  it.each([
    { dtMs: 0.1, tauMs: 3, meanPa: 150, sdPa: 100, seed: 1 },
    { dtMs: 0.5, tauMs: 3, meanPa: 150, sdPa: 100, seed: 2021 },
    { dtMs: 1, tauMs: 3, meanPa: 150, sdPa: 100, seed: 3 },
    { dtMs: 0.5, tauMs: 10, meanPa: -20, sdPa: 30, seed: 4 },
  ])("agree with the request within 4 standard errors at dt $dtMs, tau $tauMs", (c) => {
    const request: StimulusRequest = {
      kind: "ou",
      ...c,
      durationMs: SAMPLES * c.dtMs,
      onsetMs: 0,
      offsetMs: SAMPLES * c.dtMs,
    };
    const trace = makeStimulus(request);
    expect(trace.length).toBe(SAMPLES);
    const a = Math.exp(-c.dtMs / c.tauMs);
    const lag = Math.round(c.tauMs / c.dtMs); // about one correlation time: r near exp(-1)
    expect(outliers(ouDeviations(trace, c.meanPa, c.sdPa, a, lag))).toEqual([]);
  });

  it("would catch an Euler discretisation, whose SD is 104.4 pA at dt 0.5 ms", () => {
    // x += -x dt / tau + sd sqrt(2 dt / tau) z has variance sd^2 (2 dt/tau) / (1 - (1 - dt/tau)^2).
    const rs = new RandomState(2021);
    const euler = new Float64Array(SAMPLES);
    let x = 100 * rs.standardNormal();
    for (let i = 0; i < SAMPLES; i++) {
      x += (-x * 0.5) / 3 + 100 * Math.sqrt((2 * 0.5) / 3) * rs.standardNormal();
      euler[i] = 150 + x;
    }
    const found = outliers(ouDeviations(euler, 150, 100, Math.exp(-0.5 / 3), 6));
    expect(found.some((s) => s.startsWith("SD"))).toBe(true);
  });
});

describe("makeStimulus", () => {
  it("dispatches on kind", () => {
    expect(makeStimulus(canonicalStep())).toEqual(stepCurrent(canonicalStep()));
    expect(makeStimulus(canonicalOu())).toEqual(ouCurrent(canonicalOu()));
  });

  it.each([
    [{ dtMs: 0 }, /dtMs must be a finite number > 0, got 0/],
    [{ dtMs: Number.NaN }, /dtMs must be a finite number > 0, got NaN/],
    [{ durationMs: -1 }, /durationMs must be a finite number > 0, got -1/],
    [{ onsetMs: -5 }, /onsetMs must be a finite number >= 0, got -5/],
    [{ offsetMs: 40 }, /offsetMs must be a finite number >= onsetMs \(50\), got 40/],
    [{ meanPa: Number.POSITIVE_INFINITY }, /meanPa must be a finite number, got Infinity/],
    [{ durationMs: 0.2, dtMs: 1 }, /gives 0 samples; it must give 1 to/],
    [{ sdPa: -1 }, /sdPa must be a finite number >= 0, got -1/],
    [{ tauMs: 0 }, /tauMs must be a finite number > 0, got 0/],
    [{ seed: 1.5 }, /seed must be an integer in \[0, 2\*\*31 - 1\], got 1.5/],
    [{ seed: 2 ** 31 }, /seed must be an integer in \[0, 2\*\*31 - 1\], got 2147483648/],
    [{ kind: "sine" }, /kind must be "step" or "ou", got "sine"/],
  ])("rejects %o saying what is wrong", (change, message) => {
    const request = { ...canonicalOu(), ...change } as StimulusRequest;
    expect(() => makeStimulus(request)).toThrow(message);
  });
});

describe("tests/numpy/ou_snippet.py", () => {
  const missing = numpyMissing();

  it("prints the canonical frozen current to within 1e-9 pA", (ctx) => {
    ctx.skip(missing !== undefined, `cannot run the numpy snippet: ${missing}`);
    const fromNumpy = JSON.parse(runPython("ou_snippet.py")) as number[];
    const reference = ouCurrent(canonicalOu());
    expect(fromNumpy.length).toBe(reference.length);
    const worst = Math.max(...fromNumpy.map((v, i) => Math.abs(v - reference[i])));
    expect(worst).toBeLessThan(1e-9);
  });
});
