import { describe, expect, it } from "vitest";
import { canonicalStep } from "../protocol/canonical.js";
import { firstBadStepSample } from "./stimulus-step.js";

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
