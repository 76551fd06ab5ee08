import { describe, expect, it } from "vitest";
import { referenceTolerances, singleTail } from "../bench/single-tail.js";

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
});
