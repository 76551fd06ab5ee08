import { describe, expect, test } from "vitest";
import {
  gridRangeProblem,
  gridValues,
  mapPoints,
  measurePoint,
  PAPER_POINT,
  sweepSettings,
} from "./sweep-grid.js";

const AT_LEAST_0 = { value: 0, above: false, unit: " pA" };
const ABOVE_0 = { value: 0, above: true, unit: " ms" };

describe("gridValues", () => {
  test("count values from `from` to `to`, both included", () => {
    expect(gridValues({ from: 0, to: 200, count: 5 })).toEqual([0, 50, 100, 150, 200]);
    expect(gridValues({ from: 1, to: 30, count: 2 })).toEqual([1, 30]);
    expect(gridValues({ from: 3, to: 3, count: 1 })).toEqual([3]);
  });

  test("steps of 0.1 print as tenths, not 0.30000000000000004", () => {
    expect(gridValues({ from: 0, to: 1, count: 11 })[3]).toBe(0.3);
  });
});

describe("gridRangeProblem", () => {
  test("a range the maps can use has none", () => {
    expect(gridRangeProblem({ from: 0, to: 200, count: 32 }, AT_LEAST_0)).toBeUndefined();
    expect(gridRangeProblem({ from: 3, to: 3, count: 1 }, ABOVE_0)).toBeUndefined();
  });

  test.each([
    [{ from: 200, to: 0, count: 3 }, AT_LEAST_0, "to (0) must not be below from (200)"],
    [{ from: 0, to: 200, count: 0 }, AT_LEAST_0, "count must be a whole number from 1 to 256"],
    [{ from: 0, to: 200, count: 2.5 }, AT_LEAST_0, "count must be a whole number from 1 to 256"],
    [{ from: 0, to: 200, count: 1 }, AT_LEAST_0, "a count of 1 needs from = to"],
    [{ from: 5, to: 5, count: 4 }, AT_LEAST_0, "from = to gives one value: make the count 1"],
    [{ from: -10, to: 200, count: 3 }, AT_LEAST_0, "from must be at least 0 pA"],
    [{ from: 0, to: 30, count: 3 }, ABOVE_0, "from must be above 0 ms"],
    [{ from: Number.NaN, to: 30, count: 3 }, ABOVE_0, "from and to must be numbers"],
  ])("%o: %s", (range, least, message) => {
    expect(gridRangeProblem(range, least)).toBe(message);
  });
});

describe("mapPoints", () => {
  const settings = sweepSettings({ trials: 5, durationMs: 600, dtMs: 0.5, noiseSdMv: 0.2 });
  const axes = { sdPa: [0, 100], tauMs: [1, 3, 30], noiseSdMv: [0, 0.5] };

  test("row by row over the input SD, each row across the correlation times", () => {
    expect(mapPoints("sd-tau", axes, settings).map((p) => [p.sdPa, p.tauMs])).toEqual([
      [0, 1],
      [0, 3],
      [0, 30],
      [100, 1],
      [100, 3],
      [100, 30],
    ]);
  });

  test("the noise map holds the correlation time at the paper's 3 ms, and the first map the noise at --noise", () => {
    expect(mapPoints("sd-noise", axes, settings)).toEqual([
      { sdPa: 0, tauMs: 3, noiseSdMv: 0 },
      { sdPa: 0, tauMs: 3, noiseSdMv: 0.5 },
      { sdPa: 100, tauMs: 3, noiseSdMv: 0 },
      { sdPa: 100, tauMs: 3, noiseSdMv: 0.5 },
    ]);
    expect(new Set(mapPoints("sd-tau", axes, settings).map((p) => p.noiseSdMv))).toEqual(
      new Set([0.2]),
    );
  });
});

describe("sweepSettings", () => {
  test("the canonical window at 1000 ms, and 50 ms of silence at each end at any duration", () => {
    expect(
      sweepSettings({ trials: 25, durationMs: 1000, dtMs: 0.5, noiseSdMv: 0.2 }),
    ).toMatchObject({ onsetMs: 50, offsetMs: 950, meanPa: 150, stimulusSeed: 2021, tauMs: 3 });
    expect(
      sweepSettings({ trials: 25, durationMs: 1100, dtMs: 0.5, noiseSdMv: 0.2 }).offsetMs,
    ).toBe(1050);
  });
});

// The trend the sweep exists to show, on a tiny grid: 10 trials of 600 ms. The bounds hold for
// every noise seed from 1 to 12 with a margin (SD 0: reliability 0.10-0.58, R_corr 0.31-0.55;
// SD 100 and 200 pA: reliability 0.90-1.00, R_corr 0.89-0.99), so a change of generator keeps them.
describe("measurePoint: the course's question on the reference neuron", () => {
  const settings = sweepSettings({ trials: 10, durationMs: 600, dtMs: 0.5, noiseSdMv: 0.2 });
  const at = (sdPa: number, tauMs = PAPER_POINT.tauMs, noiseSdMv = 0.2) =>
    measurePoint(settings, { sdPa, tauMs, noiseSdMv });

  test("without fluctuations (a constant 150 pA) the trials drift apart: reliability is low", () => {
    const step = at(0);
    expect(step.reliability).toBeLessThan(0.7);
    expect(step.rcorr).toBeLessThan(0.65);
  });

  test("with fluctuations of 100 and 200 pA at 3 ms the trials fire together", () => {
    for (const sdPa of [100, 200]) {
      const fluctuating = at(sdPa);
      expect(fluctuating.reliability).toBeGreaterThan(0.85);
      expect(fluctuating.rcorr).toBeGreaterThan(0.8);
      expect(fluctuating.reliability).toBeGreaterThan(at(0).reliability + 0.2);
    }
  });

  test("without intrinsic noise every trial is the same, whatever the input: reliability 1", () => {
    for (const sdPa of [0, 100]) {
      const silent = at(sdPa, 3, 0);
      expect(silent.reliability).toBe(1);
      expect(silent.rcorr).toBe(1);
      expect(silent.precisionMs).toBeCloseTo(0, 9);
    }
  });
});
