import { describe, expect, it } from "vitest";
import {
  atLeastLow,
  atMostHigh,
  type Band,
  inBand,
  storedRounding,
} from "../../src/checks/band.js";
import { type FiPoint, fiHint, rheobasePa } from "../../src/checks/neuron-fi.js";
import { sameTrain } from "../../src/checks/neuron-noise.js";
import { ParameterReader } from "../../src/checks/parameters.js";
import { secondsHint } from "../../src/checks/spike-units.js";
import { firstDifference } from "../../src/checks/stimulus-frozen.js";
import { firstBadStepSample } from "../../src/checks/stimulus-step.js";
import { fmt, jsonSafe } from "../../src/checks/verdict.js";
import { CANONICAL_NEURON, canonicalStep } from "../../src/protocol/canonical.js";

const hz = (low: number, high: number): Band => ({
  name: "x",
  low,
  high,
  unit: "Hz",
  description: "x",
  falseRejectProbability: 0.002,
});

describe("bands", () => {
  it("widen each stored edge by half a unit of its 6th significant digit, no more", () => {
    expect(storedRounding(10.3093)).toBeCloseTo(0.00005, 12);
    expect(storedRounding(0.492486)).toBeCloseTo(0.0000005, 14);
    expect(storedRounding(0)).toBe(0);
    const b = hz(10.3093, 10.5108);
    expect(inBand(1000 / 97, b)).toBe(true); // 10.309278..., stored rounded up as 10.3093
    expect(inBand(10.30924, b)).toBe(false);
    expect(inBand(10.51084, b)).toBe(true);
    expect(inBand(10.5109, b)).toBe(false);
    expect(inBand(Number.NaN, b)).toBe(false);
  });

  it("open ends accept anything on that side", () => {
    const atMost = { ...hz(0, 1), low: undefined };
    expect(atLeastLow(-5, atMost)).toBe(true);
    expect(atMostHigh(1.1, atMost)).toBe(false);
  });
});

describe("stimulus.step's first bad sample", () => {
  const step = canonicalStep(0.5); // on for samples 100..1899
  const right = (): number[] =>
    Array.from({ length: 2000 }, (_, i) => (i >= 100 && i < 1900 ? 150 : 0));

  it("accepts the reference's step; an edge on a sample's start is exact", () => {
    expect(firstBadStepSample(right(), step, 1e-6, 1)).toBeUndefined();
    const late = right();
    late[100] = 0; // switched on one sample late: 50 ms is sample 100's start
    expect(firstBadStepSample(late, step, 1e-6, 1)?.index).toBe(100);
    const long = right();
    long[1900] = 150; // off one sample late
    expect(firstBadStepSample(long, step, 1e-6, 1)?.index).toBe(1900);
  });

  it("accepts either level one sample each side of an edge that falls inside a sample", () => {
    const odd = { ...step, dtMs: 0.3, onsetMs: 50, offsetMs: 950 }; // 166.67 and 3166.67 samples
    const n = Math.round(1000 / 0.3);
    const at = (first: number, last: number) =>
      Array.from({ length: n }, (_, i) => (i >= first && i < last ? 150 : 0));
    expect(firstBadStepSample(at(167, 3167), odd, 1e-6, 1)).toBeUndefined();
    expect(firstBadStepSample(at(166, 3166), odd, 1e-6, 1)).toBeUndefined();
    expect(firstBadStepSample(at(165, 3167), odd, 1e-6, 1)?.index).toBe(165);
  });

  it("names the first sample that is off, with its time", () => {
    const late = right();
    late[100] = 0;
    late[101] = 0;
    expect(firstBadStepSample(late, step, 1e-6, 1)).toEqual({
      index: 100,
      timeMs: 50,
      currentPa: 0,
      expectedPa: 150,
    });
  });
});

describe("f-I hints", () => {
  const bands: Record<number, Band> = {
    100: hz(0, 0),
    150: hz(12.99, 13.37),
    300: hz(37.05, 39.02),
    500: hz(62.5, 65.91),
  };
  const points = (rates: Record<number, number>): FiPoint[] =>
    Object.entries(rates).map(([pa, rateHz]) => ({
      currentPa: Number(pa),
      rateHz,
      band: bands[Number(pa)],
      spikeTimesMs: rateHz > 0 ? [600, 700] : [],
    }));

  it("rheobase of the canonical neuron: 17 mV / 0.13 mV per pA", () => {
    expect(rheobasePa(CANONICAL_NEURON)).toBeCloseTo(130.769, 3);
  });

  it("tell each typical bug by its f-I curve", () => {
    const hint = (rates: Record<number, number>) => fiHint(points(rates), CANONICAL_NEURON);
    expect(hint({ 100: 400, 150: 400, 300: 400, 500: 400 })).toMatch(/multiplied by 1e-3/);
    expect(hint({ 100: 0, 150: 400, 300: 450, 500: 480 })).toMatch(/is V reset to resetMv/);
    expect(hint({ 100: 0, 150: 0, 300: 0, 500: 0 })).toMatch(/never fires/);
    expect(hint({ 100: 0, 150: 13.4, 300: 41.7, 500: 74.1 })).toMatch(
      /held at resetMv for refractoryMs/,
    );
    expect(hint({ 100: 5, 150: 13, 300: 38, 500: 64 })).toMatch(/below the rheobase/);
    const seconds = points({ 100: 0, 150: 0, 300: 0, 500: 0 }).map((p) => ({
      ...p,
      spikeTimesMs: [0.08, 0.16],
    }));
    expect(fiHint(seconds, CANONICAL_NEURON)).toMatch(/are they in seconds\?/);
  });
});

describe("small helpers", () => {
  it("secondsHint: only when every spike lies within the first durationMs / 1000 ms", () => {
    expect(secondsHint([[0.1, 0.5], []], 1000)).toMatch(/at most 1: are they in seconds/);
    expect(secondsHint([[0.1, 5]], 1000)).toBe("");
    expect(secondsHint([[], []], 1000)).toBe("");
  });

  it("sameTrain and firstDifference compare within their tolerance", () => {
    expect(sameTrain([1, 2], [1, 2 + 1e-7])).toBe(true);
    expect(sameTrain([1, 2], [1, 2.001])).toBe(false);
    expect(sameTrain([1], [1, 2])).toBe(false);
    expect(firstDifference([1, 2, 3], [1, 2, 3], 0)).toBeUndefined();
    expect(firstDifference([1, 2, 3], [1, 2.5, 3], 0.1)).toBe(1);
    expect(firstDifference([1, 2], [1, 2, 3], 0.1)).toBe(2);
  });

  it("fmt and jsonSafe: short numbers for messages, JSON-safe ones for reports", () => {
    expect([fmt(0.98123), fmt(12.3111), fmt(1500), fmt(Number.NaN), fmt(2e-9)]).toEqual([
      "0.981",
      "12.3",
      "1500",
      "NaN",
      "2e-9",
    ]);
    expect(
      jsonSafe({ a: Number.NaN, b: 1 / 3, c: [Number.POSITIVE_INFINITY, -0], d: undefined }),
    ).toEqual({ a: null, b: 0.333333, c: [null, 0] });
    expect(jsonSafe(new Float64Array([0.1, 0.2]))).toEqual([0.1, 0.2]);
  });

  it("ParameterReader collects every problem with the check's name", () => {
    const reader = new ParameterReader("figure1.B", {
      stimulusSeeds: [1, -2],
      noiseSeed: 2.5,
      lowerQuantile: 1.5,
    });
    reader.seeds("stimulusSeeds");
    reader.seed("noiseSeed");
    reader.quantile("lowerQuantile");
    reader.quantile("upperQuantile");
    expect(reader.errors.map((e) => e.message)).toEqual([
      "check figure1.B: parameters.stimulusSeeds[1] is -2, which is below 0; expected seeds (integers in [0, 2**31 - 1])",
      "check figure1.B: parameters.noiseSeed is 2.5, which is not an integer; expected a seed (an integer in [0, 2**31 - 1])",
      "check figure1.B: parameters.lowerQuantile is 1.5, which is above 1; expected a quantile level in [0, 1], e.g. 0.001",
      "check figure1.B: parameters.upperQuantile is missing; expected a quantile level in [0, 1], e.g. 0.001",
    ]);
  });
});
