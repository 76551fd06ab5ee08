import { describe, expect, it } from "vitest";
import { linearScale } from "./scale.js";
import { tracePolyline } from "./trace.js";

describe("tracePolyline", () => {
  const x = linearScale([0, 10], [0, 100]);
  const y = linearScale([0, 1], [50, 0]);

  it("keeps every sample of a short trace at i * dtMs", () => {
    expect(tracePolyline({ values: [0, 1, 0.5], dtMs: 2 }, x, y)).toEqual([0, 50, 20, 0, 40, 25]);
  });
  it("breaks the line at a non-finite sample", () => {
    const points = tracePolyline({ values: [0, Number.NaN, 1], dtMs: 1 }, x, y);
    expect(points.slice(2, 4).every(Number.isNaN)).toBe(true);
    expect(points.slice(4)).toEqual([20, 0]);
  });
  it("decimates a long trace per pixel column but keeps a one-sample peak", () => {
    const n = 100_000;
    const values = new Float64Array(n);
    values[54_321] = 1;
    // 100 layout pixels at 0.5 px per column: 200 columns, at most 4 points each.
    const points = tracePolyline({ values, dtMs: 10 / n }, x, y, 0.5);
    expect(points.length / 2).toBeLessThanOrEqual(800);
    const peak = points.findIndex((v, k) => k % 2 === 1 && v === 0);
    expect(peak).toBeGreaterThan(0);
    expect(points[peak - 1]).toBeCloseTo(54.321, 6);
  });
});
