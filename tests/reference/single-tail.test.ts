import { describe, expect, it } from "vitest";
import { referenceTolerances, singleTail } from "../bench/single-tail.js";

// The single-panel tail benchmark (npm run bench) at a tiny size, so that it cannot rot: it counts
// the panels outside each band, and a band no panel can be inside counts them all.
describe("the single-panel tail benchmark, tiny", () => {
  it("judges every panel against the reference's bands", () => {
    const tolerances = referenceTolerances();
    const rows = singleTail(16, tolerances, [0.5]);
    expect(rows.map((r) => r.measure)).toEqual([
      "reliability (low)",
      "rcorr (low)",
      "precisionMs (high)",
    ]);
    for (const row of rows) expect(row).toMatchObject({ dtMs: 0.5, panels: 16, outside: 0 });
    const { band } = tolerances.measures["figure1.B.reliability.single.dt0.5"];
    if (band === undefined) throw new Error("no band");
    band.low = 1.01;
    expect(singleTail(16, tolerances, [0.5])[0].outside).toBe(16);
  }, 120_000);
});
