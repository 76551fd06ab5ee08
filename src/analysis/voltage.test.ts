import { describe, expect, it } from "vitest";
import { pooledSdMv, traceLag } from "./voltage.js";

describe("pooledSdMv", () => {
  it("pools every trace's samples after settleMs about one mean", () => {
    // dt 1 ms, settle 2 ms: samples 2.. of each trace: [1, 3] and [5, 7]: mean 4, SD sqrt(20/3).
    const sd = pooledSdMv(
      [
        [100, 100, 1, 3],
        [100, 100, 5, 7],
      ],
      1,
      2,
    );
    expect(sd).toBeCloseTo(Math.sqrt(20 / 3), 12);
  });

  it("is NaN with fewer than two samples left", () => {
    expect(pooledSdMv([[1, 2, 3]], 1, 2)).toBeNaN();
  });
});

describe("traceLag", () => {
  const dt = 0.5;
  const sine = (shiftMs: number) =>
    Float64Array.from(
      { length: 2000 },
      (_, i) => -60 + 3 * Math.sin((2 * Math.PI * (i * dt - shiftMs)) / 40),
    );

  it("a trace shifted by one sample later lags by dt, with little left over", () => {
    const lag = traceLag(sine(dt), sine(0), dt, 50);
    expect(lag.lagMs).toBeCloseTo(dt, 2);
    expect(lag.residualMv).toBeLessThan(0.01);
  });

  it("a trace one sample early leads by dt; the reference itself has no lag", () => {
    expect(traceLag(sine(-dt), sine(0), dt, 50).lagMs).toBeCloseTo(-dt, 2);
    expect(traceLag(sine(0), sine(0), dt, 50)).toEqual({ lagMs: -0, residualMv: 0 });
  });

  it("a trace of the wrong size keeps its lag near 0 and shows as residual", () => {
    const reference = sine(0);
    const bigger = reference.map((v) => -60 + 1.5 * (v + 60));
    const lag = traceLag(bigger, reference, dt, 50);
    expect(Math.abs(lag.lagMs)).toBeLessThan(0.05);
    expect(lag.residualMv).toBeCloseTo(1.5 / Math.SQRT2, 1);
  });

  it("is NaN against a flat reference", () => {
    expect(traceLag([1, 1, 1, 1], [1, 1, 1, 1], 1, 0).lagMs).toBeNaN();
  });
});
