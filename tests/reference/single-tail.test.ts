import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/analysis/normal.js";
import { judgeTail, referenceTolerances, singleTail } from "../bench/single-tail.js";

// The random-current tail benchmark (npm run bench) at a tiny size, so that it cannot rot: it
// counts the draws outside each band, and a band no draw can be inside counts them all.
describe("the random-current tail benchmark, tiny", () => {
  it.each([
    [1, "single"],
    [4, "acrossCurrents"],
  ] as const)(
    "judges draws of %i panel(s) against the %s bands",
    (currents, family) => {
      const tolerances = referenceTolerances();
      const rows = singleTail(12, tolerances, [0.5], currents);
      expect(rows.map((r) => r.measure)).toEqual(["reliability", "rcorr", "precisionMs"]);
      for (const row of rows) {
        expect(row).toMatchObject({ dtMs: 0.5, currents, draws: 12, outside: 0 });
      }
      const { band } = tolerances.measures[`figure1.B.precisionMs.${family}.dt0.5`];
      if (band === undefined) throw new Error("no band");
      expect(rows[2].high).toBe(band.high);
      band.high = 0.01;
      expect(singleTail(12, tolerances, [0.5], currents)[2].outside).toBe(12);
    },
    120_000,
  );

  it("reads, from 200 draws on, each edge's chance off an exponential tail fitted to the draws", () => {
    const tolerances = referenceTolerances();
    // 300 draws of each measure, normal about the middle of its band with a tenth of its width as SD.
    const values = ["reliability", "rcorr", "precisionMs"].map((measure) => {
      const { band } = tolerances.measures[`figure1.B.${measure}.single.dt0.5`];
      const [low, high] = [band?.low ?? 0, band?.high ?? 1];
      return Array.from(
        { length: 300 },
        (_, i) => (low + high) / 2 + ((high - low) / 10) * normalQuantile((i + 0.5) / 300),
      );
    });
    const rows = judgeTail(values, tolerances, 0.5, 1);
    for (const row of rows) {
      const { low, high } = row.fitted ?? {};
      expect(low?.chance, row.measure).toBeLessThan(1e-3);
      expect(high?.chance, row.measure).toBeLessThan(1e-3);
      expect(high?.upper95, row.measure).toBeGreaterThanOrEqual(high?.chance ?? 1);
    }
    expect(
      judgeTail([values[0].slice(0, 12), [], []], tolerances, 0.5, 1)[0].fitted,
    ).toBeUndefined();
  });
});
